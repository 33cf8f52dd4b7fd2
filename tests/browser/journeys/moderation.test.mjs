// Moderation as people use it: a customer reports a reply naming an
// employee, a moderator removes just those words by selecting them, the
// author reads the statement of reasons (in the app and by email) and
// appeals, the moderator who decided may not decide the appeal, and a
// second moderator reverses it. Also: a threat is held automatically.

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
// Accuses a named person without an insult word: the checks let it through, a reader reports it.
const offending = 'Lisa Berg at the Nordlys desk cheats her customers';

test('report, redact by selection, statement, appeal to a different moderator', async () => {
  // Mads replies in the demo complaint thread, naming an employee.
  const mads = await loggedIn('mads@example.dk');
  await mads.goto(site.base + '/forum/nordlys-energi');
  await mads.getByRole('link', { name: 'Meter swap took three months' }).click();
  const threadUrl = mads.url();
  await mads.getByLabel('Your reply').fill(`${offending}. Otherwise the swap went fine in the end.`);
  await mads.getByRole('button', { name: 'Publish' }).click();
  await mads.getByText(offending).waitFor();

  // Karin reports it under clause 1.
  const karin = await loggedIn('karin@example.se');
  await karin.goto(threadUrl);
  const post = karin.locator('section.post', { hasText: offending });
  await post.getByRole('link', { name: 'Report', exact: true }).click();
  await karin.getByLabel(/1\. Personal attacks/).check();
  await karin.getByLabel('What is wrong, in your words (optional)').fill('Names an employee and accuses her of cheating.');
  assert.deepEqual(await accessibilityProblems(karin), [], 'report form passes axe');
  await karin.getByRole('button', { name: 'Send report' }).click();
  await karin.getByText('Thank you. A moderator will look at it').waitFor();
  await karin.context().close();

  // The moderator finds it in the queue and removes just the words.
  const mikael = await loggedIn('moderator@tillit.example', wide);
  await mikael.getByRole('link', { name: 'Moderation', exact: true }).click();
  assert.deepEqual(await accessibilityProblems(mikael), [], 'queue passes axe');
  await mikael.screenshot({ path: join(screenshots, 'moderation-queue.png'), fullPage: true });
  await mikael.locator('tr', { hasText: offending }).getByRole('link').click();
  await mikael.getByText('Names an employee and accuses her of cheating.').waitFor();
  // Select the words in the original text as a person would with the mouse.
  await mikael.evaluate((words) => {
    const node = document.getElementById('original-text').firstChild;
    const start = node.textContent.indexOf(words);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + words.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    document.getElementById('original-text').dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, offending);
  assert.equal(await mikael.getByLabel(/Words to remove/).inputValue(), offending);
  assert.ok(await mikael.getByRole('radio', { name: 'Remove the offending words' }).isChecked());
  await mikael.getByLabel(/^Why \(shown/).fill('Accuses a named employee of cheating; the complaint itself stays.');
  assert.deepEqual(await accessibilityProblems(mikael), [], 'case page passes axe');
  await mikael.screenshot({ path: join(screenshots, 'moderation-case.png'), fullPage: true });
  await mikael.getByRole('button', { name: 'Record the decision' }).click();
  await mikael.getByText('Decision recorded').waitFor();

  // The public sees the marker and the rest.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' });
  const page = await visitor.newPage();
  await page.goto(threadUrl);
  await page.getByText('[removed: clause 1]. Otherwise the swap went fine in the end.').waitFor();
  assert.ok(!(await page.locator('main').textContent()).includes('Lisa Berg'));
  await page.goto(site.base + '/moderation/log');
  await page.getByRole('cell', { name: 'Remove the offending words' }).first().waitFor();
  assert.ok(await fitsViewport(page), 'log fits 360 px');

  // The author gets the statement by email and in the app, and appeals.
  const mail = await waitForEmail(site.dataDir, 'mads@example.dk');
  assert.match(mail.text, /Some words in your post were removed/);
  assert.match(mail.text, /Guideline clause 1/);
  await mads.goto(site.base + '/notifications');
  // Opening the notification (a button: reading it is a POST) shows the statement.
  await mads.getByRole('button', { name: /Some words in your post were removed/ }).first().click();
  await mads.getByLabel('Why the decision is wrong').fill('Lisa is the name on every invoice; I only repeated what happened.');
  assert.deepEqual(await accessibilityProblems(mads), [], 'statement page passes axe');
  assert.ok(await fitsViewport(mads), 'statement fits 360 px');
  await mads.screenshot({ path: join(screenshots, 'moderation-statement-360.png'), fullPage: true });
  await mads.getByRole('button', { name: 'Send appeal' }).click();
  await mads.getByText('Your appeal was received').waitFor();

  // The moderator who decided may not decide the appeal.
  await mikael.goto(site.base + '/moderation?kind=appeal');
  await mikael.locator('tr', { hasText: 'Appeal' }).first().getByRole('link').click();
  await mikael.getByText('a different moderator must decide').waitFor();
  await mikael.context().close();

  // The administrator makes herself a moderator and reverses it.
  const astrid = await loggedIn('admin@tillit.example', wide);
  await astrid.goto(site.base + '/admin/users?q=admin%40tillit');
  await astrid.locator('main').getByRole('link', { name: 'Astrid Admin' }).click();
  await astrid.getByRole('button', { name: 'Make moderator' }).click();
  await astrid.goto(site.base + '/moderation?kind=appeal');
  await astrid.locator('tr', { hasText: 'Appeal' }).first().getByRole('link').click();
  await astrid.getByLabel('Reverse: undo the decision').check();
  await astrid.getByLabel(/^Why \(shown/).fill('The name is printed on every invoice; not a private person in this context.');
  await astrid.getByRole('button', { name: 'Record the decision' }).click();
  await astrid.getByText('Decision recorded').waitFor();
  await astrid.context().close();

  await page.goto(threadUrl);
  await page.getByText(offending).waitFor();
  await visitor.close();
  await mads.goto(site.base + '/notifications');
  await mads.getByText('was reversed').first().waitFor();
  await mads.context().close();
});

test('a threat is held for review and only its author sees it', async () => {
  const mads = await loggedIn('mads@example.dk');
  await mads.goto(site.base + '/forum/fjordbanken');
  const first = mads.locator('table a').first();
  await first.click();
  const threadUrl = mads.url();
  await mads.getByLabel('Your reply').fill('Fix my card today or I know where you live.');
  await mads.getByRole('button', { name: 'Publish' }).click();
  await mads.getByText('held for review', { exact: false }).first().waitFor();
  await mads.getByText('I know where you live').waitFor();
  await mads.context().close();
  const karin = await loggedIn('karin@example.se');
  await karin.goto(threadUrl);
  assert.ok(!(await karin.locator('main').textContent()).includes('I know where you live'));
  await karin.context().close();
});
