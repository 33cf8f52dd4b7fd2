// The forum as people use it: a customer asks in a company's section, the
// personal-data guard catches a phone number, staff answer as the company,
// the customer accepts and rates the answer — on a phone-sized screen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSite, launch, loggedIn as harnessLoggedIn, accessibilityProblems, fitsViewport, screenshots } from '../lib/harness.mjs';

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

const loggedIn = (email, viewport) => harnessLoggedIn(browser, site, email, viewport);

test('a customer asks, staff answer as the company, the answer is accepted and rated', async () => {
  const karin = await loggedIn('karin@example.se');
  await karin.getByRole('link', { name: 'Forum' }).first().click();
  await karin.getByRole('link', { name: 'Nordlys Energi' }).click();
  assert.ok(await fitsViewport(karin), 'category page fits 360 px');
  await karin.getByRole('link', { name: 'Start a thread' }).click();
  await karin.getByLabel('Title').fill('Meter replaced but old readings still billed');
  await karin.getByLabel('What is it about?').selectOption('problem');
  await karin.getByLabel('Your text').fill('They replaced my meter on Monday. Call me on 070-123 45 67 if you need details.');
  await karin.getByRole('button', { name: 'Publish' }).click();
  await karin.getByRole('heading', { name: 'Personal data in your text' }).waitFor();
  assert.equal(await karin.locator('mark').first().textContent(), '070-123 45 67');
  assert.deepEqual(await accessibilityProblems(karin), [], 'the personal-data warning passes axe');
  await karin.screenshot({ path: join(screenshots, 'forum-pii-360.png'), fullPage: true });
  await karin.getByRole('button', { name: 'Remove the marked parts and publish' }).click();
  await karin.getByRole('heading', { name: 'Meter replaced but old readings still billed' }).waitFor();
  const body = await karin.locator('.post.opening .post-body').textContent();
  assert.ok(body.includes('[removed]') && !body.includes('070-123'), body);
  const threadUrl = karin.url();

  const anna = await loggedIn('anna@nordlys.example', { width: 1280, height: 900 });
  await anna.getByRole('link', { name: 'Desk' }).click();
  await anna.getByRole('link', { name: 'Meter replaced but old readings still billed' }).click();
  await anna.getByLabel('Your reply').fill('Hi Karin, the old meter\'s last reading was used by mistake. We have **corrected** the bill.');
  await anna.getByRole('button', { name: 'Publish' }).click();
  await anna.locator('.post.official').getByText('Nordlys Energi').waitFor();
  await anna.context().close();

  await karin.goto(threadUrl);
  await karin.getByText('answered by the company').first().waitFor();
  await karin.getByRole('button', { name: 'Mark as the accepted answer' }).click();
  await karin.getByRole('heading', { name: 'Accepted answer' }).waitFor();
  await karin.getByLabel('5').check();
  await karin.getByRole('button', { name: 'Rate' }).click();
  await karin.getByText('Thank you for rating the answer.').waitFor();
  assert.ok(await fitsViewport(karin), 'thread page fits 360 px');
  assert.deepEqual(await accessibilityProblems(karin), [], 'thread page passes axe');
  await karin.screenshot({ path: join(screenshots, 'forum-thread-360.png'), fullPage: true });

  await karin.getByRole('searchbox', { name: 'Search' }).first().fill('meter');
  await karin.getByRole('button', { name: 'Search' }).first().click();
  await karin.getByRole('link', { name: 'Meter replaced but old readings still billed' }).first().waitFor();
  await karin.context().close();
});
