// The support desk as staff and customers use it: Anna claims the outage
// complaint and answers it by linking it to the incident; she answers
// another question from a canned answer, edited before sending; she asks
// Karin privately for her customer number and Karin answers on her phone;
// the figures show the month with charts that have text alternatives.

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

const outage = 'Nobody answers the phone during the outage';
const fixedPrice = 'Can I switch to a fixed-price contract mid-year?';

test('claim, link to the incident, canned answer, private conversation, figures', async () => {
  const anna = await loggedIn(browser, site, 'anna@nordlys.example', { width: 1280, height: 900 });
  await anna.goto(site.base + '/desk');
  assert.deepEqual(await accessibilityProblems(anna), [], 'the desk passes axe');
  const item = anna.locator('li.desk-item', { hasText: outage });
  await item.getByText(/left to the target|Overdue by/).waitFor();
  await item.getByRole('button', { name: 'Claim' }).click();
  await anna.getByText('The thread is assigned.').waitFor();
  await anna.locator('li.desk-item', { hasText: outage }).getByText('Anna Lindqvist has this thread.').waitFor();
  await anna.screenshot({ path: join(screenshots, 'desk.png'), fullPage: true });

  // The outage complaint is answered by the incident.
  await anna.locator('li.desk-item', { hasText: outage }).getByRole('checkbox').check();
  await anna.getByLabel('Incident', { exact: true }).selectOption({ label: 'Power outage in Västerås north' });
  await anna.getByRole('button', { name: 'Link the ticked threads' }).click();
  await anna.getByText('The threads are linked to the incident and each got a reply.').waitFor();
  assert.equal(await anna.locator('li.desk-item', { hasText: outage }).count(), 0);

  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB', bypassCSP: true });
  const page = await visitor.newPage();
  await page.goto(site.base + '/companies/nordlys-energi');
  await page.locator('.incident-banner', { hasText: 'Power outage in Västerås north' }).waitFor();
  await page.goto(site.base + '/forum/nordlys-energi');
  await page.getByRole('link', { name: outage }).click();
  await page.getByText('Linked to the known problem “Power outage in Västerås north”').waitFor();
  await page.locator('section.post.official').getByRole('link', { name: 'Power outage in Västerås north' }).click();
  await page.getByRole('heading', { name: 'Power outage in Västerås north' }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), [], 'the incident page passes axe');
  assert.ok(await fitsViewport(page), 'the incident page fits 360 px');

  // A canned answer goes into the reply form, filled in, and is edited before sending.
  await anna.goto(site.base + '/desk');
  await anna.locator('li.desk-item', { hasText: fixedPrice }).getByRole('link', { name: fixedPrice }).click();
  await anna.getByLabel('Search the canned answers').fill('meter');
  await anna.locator('.desk-panel').getByRole('button', { name: 'Search' }).click();
  await anna.getByRole('link', { name: 'Insert “Estimated meter reading”' }).click();
  const reply = anna.locator('#reply textarea[name="body"]');
  assert.match(await reply.inputValue(), /^Hi Karin Svensson, thank you for writing\./);
  assert.match(await reply.inputValue(), /Anna Lindqvist, Nordlys Energi$/);
  await reply.fill((await reply.inputValue()).replace('thank you for writing.', 'yes, you can switch at any time and there is no fee.'));
  assert.deepEqual(await accessibilityProblems(anna), [], 'the thread with the staff panel passes axe');
  await anna.locator('#reply').getByRole('button', { name: 'Publish' }).click();
  await anna.locator('section.post.official', { hasText: 'yes, you can switch at any time' }).waitFor();

  // Anna asks Karin privately; the thread gets a short public note.
  await anna.getByRole('link', { name: 'Contact the customer privately' }).click();
  await anna.getByLabel('Message').fill('Hi Karin, could you send me your customer number here? Then I can prepare the fixed-price offer.');
  await anna.getByRole('button', { name: 'Send privately' }).click();
  await anna.getByText('Private: only you and the staff of Nordlys Energi can read this.').waitFor();
  const conversation = anna.url();

  const mail = await waitForEmail(site.dataDir, 'karin@example.se');
  assert.match(mail.text, /has written to you privately/);
  assert.ok(!mail.text.includes('customer number here'), 'the email does not carry the message');

  const karin = await loggedIn(browser, site, 'karin@example.se');
  await karin.goto(site.base + '/conversations');
  await karin.getByRole('link', { name: fixedPrice }).click();
  await karin.getByText('could you send me your customer number here?').waitFor();
  await karin.getByLabel('Your message').fill('Of course: 5512-0087.');
  await karin.getByRole('button', { name: 'Send' }).click();
  await karin.getByText('Of course: 5512-0087.').waitFor();
  assert.deepEqual(await accessibilityProblems(karin), [], 'the conversation passes axe');
  assert.ok(await fitsViewport(karin), 'the conversation fits 360 px');
  await karin.screenshot({ path: join(screenshots, 'conversation-360.png'), fullPage: true });

  // Mads cannot read it, and the public thread shows only the note.
  const mads = await loggedIn(browser, site, 'mads@example.dk');
  const refused = await mads.goto(conversation);
  assert.equal(refused.status(), 404);
  await page.goto(site.base + '/forum/nordlys-energi');
  await page.getByRole('link', { name: fixedPrice }).click();
  await page.getByText('Nordlys Energi has contacted the customer privately about this.').waitFor();
  assert.ok(!(await page.locator('main').textContent()).includes('5512-0087'));

  // The figures: a month of answers, charts with text alternatives, on a phone too.
  await anna.goto(site.base + '/figures');
  await anna.getByRole('heading', { name: 'Summary' }).waitFor();
  assert.equal(await anna.locator('svg[role="img"]').count(), 3);
  assert.deepEqual(await accessibilityProblems(anna), [], 'the figures pass axe');
  await anna.screenshot({ path: join(screenshots, 'figures.png'), fullPage: true });
  const phone = await loggedIn(browser, site, 'anna@nordlys.example');
  await phone.goto(site.base + '/figures');
  assert.ok(await fitsViewport(phone), 'the figures fit 360 px');
  await phone.goto(site.base + '/desk/companies/nordlys-energi/settings');
  assert.deepEqual(await accessibilityProblems(phone), [], 'the settings pass axe');
  assert.ok(await fitsViewport(phone), 'the settings fit 360 px');
  await phone.goto(site.base + '/desk');
  assert.ok(await fitsViewport(phone), 'the desk fits 360 px');

  await visitor.close();
});
