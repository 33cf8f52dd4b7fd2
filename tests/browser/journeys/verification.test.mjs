// Verifying a suspicious review as people do it: the company asked about a
// harsh review; a neutral moderator sends a request; the reviewer answers
// through the emailed link on a phone; the moderator finds it verified. The
// review never leaves the page and its reference is never public.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSite, launch, loggedIn, accessibilityProblems, fitsViewport, screenshots, waitForEmail } from '../lib/harness.mjs';

let site;
let browser;

before(async () => {
  site = await startSite();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.stop();
});

const title = 'Worst customer service I have had';

test('request, answer by link, verified label', async () => {
  const mikael = await loggedIn(browser, site, 'moderator@tillit.example', { width: 1280, height: 900 });
  await mikael.goto(site.base + '/verification');
  assert.deepEqual(await accessibilityProblems(mikael), [], 'verification queue passes axe');
  await mikael.getByRole('link', { name: `Nordlys Energi: ${title}` }).click();
  await mikael.getByText('the company asked').first().waitFor();
  const message = await mikael.getByLabel('Message to the reviewer (edit as needed)').inputValue();
  // The request itself: the email adds the greeting.
  assert.match(message, /Thank you for your review of Nordlys Energi/);
  assert.doesNotMatch(message, /Hello/);
  assert.deepEqual(await accessibilityProblems(mikael), [], 'verification entry passes axe');
  await mikael.screenshot({ path: join(screenshots, 'verification-entry.png'), fullPage: true });
  await mikael.getByRole('button', { name: 'Send the request' }).click();
  await mikael.getByText('The request was sent.').waitFor();

  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB', bypassCSP: true });
  const page = await visitor.newPage();
  await page.goto(site.base + '/companies/nordlys-energi');
  await page.locator('article.review', { hasText: title }).locator('.label-pending-verification').waitFor();

  // Mads answers from the email on his phone, without logging in.
  const mail = await waitForEmail(site.dataDir, 'mads@example.dk');
  assert.match(mail.text, /Please answer by/);
  const link = mail.text.match(/https?:\/\/\S+\/verify-review\/[A-Za-z0-9_-]+/)[0].replace(/^https?:\/\/[^/]+/, site.base);
  const phone = await visitor.newPage();
  await phone.goto(link);
  await phone.getByLabel(/Tell us about the experience/).fill('It was the October bill; I called four times between 3 and 24 October.');
  await phone.getByLabel('Order number, booking or invoice date (optional)').fill('INV-2026-10-881');
  assert.deepEqual(await accessibilityProblems(phone), [], 'answer page passes axe');
  assert.ok(await fitsViewport(phone), 'answer page fits 360 px');
  await phone.screenshot({ path: join(screenshots, 'verification-answer-360.png'), fullPage: true });
  await phone.getByRole('button', { name: 'Send' }).click();
  await phone.getByText('A moderator will read your answer').waitFor();

  await mikael.goto(site.base + '/verification');
  await mikael.getByRole('link', { name: `Nordlys Energi: ${title}` }).click();
  await mikael.getByText('INV-2026-10-881').waitFor();
  await mikael.getByLabel('Verified experience').check();
  await mikael.getByRole('button', { name: 'Record the decision' }).click();
  await mikael.getByText('Decision recorded').waitFor();
  await mikael.context().close();

  await page.reload();
  await page.locator('article.review', { hasText: title }).locator('.label-verified').waitFor();
  const text = await page.locator('main').textContent();
  assert.ok(!text.includes('INV-2026-10-881'), 'the reference is not public');
  await visitor.close();
});
