// One gate for what people write, as people meet it: a held threat is
// hidden and its author suspended in one decision, after the form has said
// which choices would publish it; the hidden reply cannot be quoted; an
// address its author edited out stays with its author, while the public
// history page says only that the reply was edited and when.

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
const threat = 'Refund me today or I will burn your house down.';
// The thread whose opening post ends up hidden (the first journey).
let hiddenThreadUrl;

test('a held threat is hidden and its author suspended in one decision', async () => {
  // Mads writes a threat: the automatic check holds it, only he sees it.
  const mads = await loggedIn('mads@example.dk');
  await mads.goto(site.base + '/forum/kaffekompaniet');
  await mads.getByRole('link', { name: 'Start a thread' }).click();
  await mads.getByLabel('Title').fill('My coffee subscription was charged twice');
  await mads.getByLabel('Your text').fill(`I was charged twice in November. ${threat}`);
  await mads.getByRole('button', { name: 'Publish' }).click();
  await mads.getByText('held for review', { exact: false }).first().waitFor();
  const threadUrl = mads.url();
  hiddenThreadUrl = threadUrl;

  // The moderator sees, before deciding, which choices would publish it.
  const mikael = await loggedIn('moderator@tillit.example', wide);
  await mikael.goto(site.base + '/moderation');
  await mikael.locator('tr', { hasText: 'burn your house' }).getByRole('link').first().click();
  await mikael.getByText('unless you dismiss, release or redact it').waitFor();
  await mikael.getByRole('radio', { name: 'Keep it held: it stays out of sight' }).waitFor();
  await mikael.getByRole('radio', { name: 'Hide the whole item: others see a notice in its place' }).check();
  await mikael.getByRole('radio', { name: 'Suspend posting for the number of days below' }).check();
  await mikael.getByLabel(/^Days/).fill('3');
  await mikael.getByLabel(/^Why \(shown/).fill('A threat of violence against the company.');
  assert.deepEqual(await accessibilityProblems(mikael), [], 'case page passes axe');
  await mikael.screenshot({ path: join(screenshots, 'gate-held-case.png'), fullPage: true });
  await mikael.getByRole('button', { name: 'Record the decision' }).click();
  await mikael.getByText('Decision recorded').waitFor();
  await mikael.context().close();

  // The public sees a notice naming the clause; the words are gone.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB', bypassCSP: true });
  const page = await visitor.newPage();
  await page.goto(threadUrl);
  await page.getByText('Hidden by a moderator on').first().waitFor();
  assert.ok(!(await page.locator('main').textContent()).includes('burn your house'));
  assert.ok(await fitsViewport(page), 'the hidden thread fits 360 px');
  await visitor.close();

  // The statement names both parts, and the suspension holds.
  const mail = await waitForEmail(site.dataDir, 'mads@example.dk');
  assert.match(mail.text, /was hidden/);
  assert.match(mail.text, /may not post for a period/);
  await mads.goto(site.base + '/forum/kaffekompaniet');
  await mads.getByRole('link', { name: 'Start a thread' }).click();
  await mads.getByText('Your account is suspended from posting for now.').waitFor();
  await mads.context().close();
});

test('an edited-out address stays with its author and the hidden reply cannot be quoted', async () => {
  const karin = await loggedIn('karin@example.se');
  await karin.goto(site.base + '/forum/nordlys-energi');
  await karin.getByRole('link', { name: 'Meter swap took three months' }).click();
  const threadUrl = karin.url();
  await karin.getByLabel('Your reply').fill('The fitter can find me at Vasagatan 7, flat 1102, any weekday.');
  await karin.getByRole('button', { name: 'Publish' }).click();
  await karin.getByText('Vasagatan 7').waitFor();
  const reply = karin.locator('section.post', { hasText: 'Vasagatan 7' });
  const replyId = (await reply.getAttribute('id')).replace('post-', '');
  await reply.getByRole('link', { name: 'Edit' }).click();
  await karin.getByLabel('Your text').fill('The fitter can call me to agree on a time.');
  await karin.getByRole('button', { name: 'Publish' }).click();
  await karin.getByText('The fitter can call me').waitFor();

  // The public history says that and when, not what it said.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB', bypassCSP: true });
  const page = await visitor.newPage();
  await page.goto(`${site.base}/posts/${replyId}/history`);
  await page.getByText('Its earlier versions are shown only to its author and the moderators.').waitFor();
  assert.ok(!(await page.locator('main').textContent()).includes('Vasagatan'));
  assert.deepEqual(await accessibilityProblems(page), [], 'history page passes axe');
  await page.screenshot({ path: join(screenshots, 'gate-history-public-360.png'), fullPage: true });
  await visitor.close();
  // Its author reads the version she replaced.
  await karin.goto(`${site.base}/posts/${replyId}/history`);
  await karin.getByText('Vasagatan 7, flat 1102').waitFor();

  // The hidden threat cannot be quoted into a reply: the box stays empty.
  assert.ok(hiddenThreadUrl, 'the first journey hid a thread');
  await karin.goto(hiddenThreadUrl);
  const hidden = karin.locator('section.post.opening');
  await hidden.getByText('Hidden by a moderator on').waitFor();
  const hiddenId = (await hidden.getAttribute('id')).replace('post-', '');
  await karin.goto(`${hiddenThreadUrl}?quote=${hiddenId}`);
  assert.equal(await karin.getByLabel('Your reply').inputValue(), '');
  assert.ok(!(await karin.locator('main').textContent()).includes('burn your house'));
  await karin.context().close();
});
