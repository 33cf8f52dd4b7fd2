// The automatic checks as people meet them: an administrator tests a text
// against every check and adds a watched word; a customer writing that word
// is refused with its message and keeps what they typed; a new account's
// link waits for approval, and the moderator reads why in the queue.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSite, launch, loggedIn as harnessLoggedIn, accessibilityProblems, fitsViewport, screenshots, waitForEmail } from '../lib/harness.mjs';

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
const wide = { width: 1280, height: 900 };

async function openComplaint(page) {
  await page.goto(site.base + '/forum/nordlys-energi');
  await page.getByRole('link', { name: 'Meter swap took three months' }).click();
}

test('an administrator tests a text and adds a watched word that refuses a reply', async () => {
  const admin = await loggedIn('admin@tillit.example');
  await admin.goto(site.base + '/admin/watched-words');
  await admin.getByRole('heading', { name: 'Watched words' }).waitFor();
  assert.ok(await fitsViewport(admin), 'watched words page fits 360 px');
  assert.deepEqual(await accessibilityProblems(admin), [], 'watched words page passes axe');

  await admin.getByLabel('Text to test').fill('I will find you and k1ll y0u');
  await admin.getByRole('button', { name: 'Run the checks' }).click();
  await admin.getByText('Threat: “kill → you”').waitFor();
  assert.equal(await admin.getByLabel('Text to test').inputValue(), 'I will find you and k1ll y0u', 'tested text kept');
  assert.deepEqual(await accessibilityProblems(admin), [], 'test result passes axe');
  await admin.screenshot({ path: join(screenshots, 'watched-words-test-360.png'), fullPage: true });

  await admin.getByRole('textbox', { name: 'Word or pattern' }).fill('crapco');
  await admin.getByRole('combobox', { name: 'Action' }).selectOption('block');
  await admin.getByRole('combobox', { name: 'Guideline clause' }).selectOption('off-topic');
  await admin.getByRole('textbox', { name: 'Message or replacement' }).fill('Please call the company by its name.');
  await admin.getByRole('button', { name: 'Add', exact: true }).click();
  await admin.getByText('The watched word was saved.').waitFor();
  await admin.getByRole('link', { name: 'crapco' }).waitFor();

  const mads = await loggedIn('mads@example.dk');
  await openComplaint(mads);
  const reply = 'Crapco billed me twice again this month.';
  await mads.getByLabel('Your reply').fill(reply);
  await mads.getByRole('button', { name: 'Publish' }).click();
  await mads.getByText('Please call the company by its name.').first().waitFor();
  assert.equal(await mads.getByLabel('Your reply').inputValue(), reply, 'the typed reply is kept');
  assert.deepEqual(await accessibilityProblems(mads), [], 'refused reply passes axe');
});

/** Signs up a new customer through the site and logs them in. */
async function newCustomer(email, name, password) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(site.base + '/signup');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  const mail = await waitForEmail(site.dataDir, email);
  const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/verify-email\?token=[A-Za-z0-9_-]+/);
  await page.goto(link[0]);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.getByText('Your email address is confirmed').waitFor();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: `Welcome, ${name}` }).waitFor();
  return page;
}

test("a new account's link waits for approval and the moderator reads why", async () => {
  const nina = await newCustomer('nina@example.no', 'Nina', 'fjord lantern pepper sixty');
  await openComplaint(nina);
  const threadUrl = nina.url();
  const reply = 'The outage map is at https://status.nordlys.example/map for anyone else waiting.';
  await nina.getByLabel('Your reply').fill(reply);
  await nina.getByRole('button', { name: 'Publish' }).click();
  await nina.getByText('held for review').first().waitFor();
  assert.deepEqual(await accessibilityProblems(nina), [], 'held reply passes axe');

  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' });
  const page = await visitor.newPage();
  await page.goto(threadUrl);
  assert.ok(!(await page.locator('main').textContent()).includes('status.nordlys.example'), 'the public does not see it');
  await visitor.close();

  const moderator = await loggedIn('moderator@tillit.example', wide);
  await moderator.getByRole('link', { name: 'Moderation', exact: true }).click();
  await moderator.locator('tr', { hasText: 'status.nordlys.example' }).getByRole('link').first().click();
  await moderator.getByText("A new account's post with 1 link(s): waits for approval").first().waitFor();
  assert.deepEqual(await accessibilityProblems(moderator), [], 'case page passes axe');
  await moderator.screenshot({ path: join(screenshots, 'checks-case-new-account.png'), fullPage: true });
});
