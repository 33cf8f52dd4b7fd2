// People's rights as people meet them: a visitor without an account reports
// a post as illegal and confirms by email; the moderator sees a legal notice
// in the queue; a customer downloads her data; another deletes his account
// and his thread stays, by a former member.

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

test('a visitor without an account sends a legal notice, confirmed by email', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'en-GB' });
  const visitor = await context.newPage();
  await visitor.goto(site.base + '/forum/nordlys-energi');
  await visitor.getByRole('link', { name: 'Nobody answers the phone during the outage' }).click();
  await visitor.getByRole('link', { name: 'Report illegal content' }).first().click();
  await visitor.getByRole('heading', { name: 'Report illegal content' }).waitFor();
  assert.ok(await fitsViewport(visitor), 'the notice form fits 360 px');
  assert.deepEqual(await accessibilityProblems(visitor), [], 'the notice form passes axe');
  // Sent without the good-faith statement: refused, nothing typed is lost.
  await visitor.getByLabel('Defamation of a person').check();
  const explanation = 'The post says I cut the power on purpose, which is false and names me.';
  await visitor.getByLabel('Your explanation').fill(explanation);
  await visitor.getByLabel('Your name').fill('Per Olsson');
  await visitor.getByLabel('Your email address').fill('per@example.org');
  await visitor.getByRole('button', { name: 'Send notice' }).click();
  await visitor.getByText('Confirm that you send the notice in good faith.').first().waitFor();
  assert.equal(await visitor.getByLabel('Your explanation').inputValue(), explanation);
  await visitor.getByLabel(/I believe in good faith/).check();
  await visitor.getByRole('button', { name: 'Send notice' }).click();
  await visitor.getByRole('heading', { name: 'Check your email' }).waitFor();

  const mail = await waitForEmail(site.dataDir, 'per@example.org');
  const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/notices\/[A-Za-z0-9_-]+/);
  assert.ok(link, 'the confirmation email carries the notice link');
  await visitor.goto(link[0]);
  await visitor.getByRole('button', { name: 'Confirm my notice' }).click();
  await visitor.getByText('Your notice is confirmed and waits for a moderator.').waitFor();
  assert.deepEqual(await accessibilityProblems(visitor), [], 'the notice page passes axe');
  await visitor.screenshot({ path: join(screenshots, 'rights-notice-360.png'), fullPage: true });

  const moderator = await loggedIn('moderator@tillit.example', { width: 1280, height: 900 });
  await moderator.goto(site.base + '/moderation');
  await moderator.getByText('Legal notice').first().waitFor();
  await moderator.getByRole('link', { name: /Nobody answers the phone/ }).first().click();
  await moderator.getByText('per@example.org').waitFor();
  assert.ok(await moderator.getByLabel('The reports were manifestly unfounded').isVisible());
  assert.deepEqual(await accessibilityProblems(moderator), [], 'the case page passes axe');
  await moderator.screenshot({ path: join(screenshots, 'rights-case-notice.png'), fullPage: true });
});

test('a customer downloads her data through the emailed link', async () => {
  const karin = await loggedIn('karin@example.se');
  await karin.goto(site.base + '/account');
  await karin.getByRole('link', { name: 'Download your data or delete your account' }).click();
  await karin.getByRole('button', { name: 'Prepare my data' }).click();
  await karin.getByText(/We are preparing your data/).waitFor();
  assert.deepEqual(await accessibilityProblems(karin), [], 'the data page passes axe');
  const mail = await waitForEmail(site.dataDir, 'karin@example.se');
  const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/account\/export\/[A-Za-z0-9_-]+/);
  assert.ok(link, 'the ready email carries the download link');
  const response = await karin.request.get(link[0]);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-type'], 'application/zip');
  const body = await response.body();
  assert.equal(body.subarray(0, 2).toString(), 'PK', 'a zip archive');
  assert.ok(body.toString('utf8').includes('Can I switch to a fixed-price contract mid-year?'), 'with her thread');
  const again = await karin.request.get(link[0]);
  assert.equal(again.status(), 404, 'the link works once');
});

test('a customer deletes his account and his thread stays, by a former member', async () => {
  const mads = await loggedIn('mads@example.dk');
  await mads.goto(site.base + '/account/data');
  await mads.getByLabel('Your password, to confirm').fill('not my password');
  await mads.getByRole('button', { name: 'Delete my account' }).click();
  await mads.getByText('current password is wrong', { exact: false }).first().waitFor();
  await mads.getByLabel('Your password, to confirm').fill('tillit-demo-2026');
  await mads.getByRole('button', { name: 'Delete my account' }).click();
  await mads.getByRole('heading', { name: 'Your account is deleted' }).waitFor();
  await mads.goto(site.base + '/forum/nordlys-energi');
  await mads.getByRole('link', { name: 'Nobody answers the phone during the outage' }).click();
  await mads.getByText('former member').first().waitFor();
  assert.equal(await mads.getByText('Mads Jensen').count(), 0, 'his name is gone');
  await mads.screenshot({ path: join(screenshots, 'rights-former-member-360.png'), fullPage: true });
});

test('the pages read in Swedish and Danish, and the figures show what still waits', async () => {
  for (const [locale, title, ground] of [
    ['sv-SE', 'Anmäl olagligt innehåll', 'Förtal av en person'],
    ['da-DK', 'Anmeld ulovligt indhold', 'Bagvaskelse af en person'],
  ]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale });
    const page = await context.newPage();
    await page.goto(site.base + '/notices/new');
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByLabel(ground).waitFor();
    assert.ok(await fitsViewport(page), `${locale} notice form fits 360 px`);
    await page.goto(site.base + '/privacy');
    assert.deepEqual(await accessibilityProblems(page), [], `${locale} privacy page passes axe`);
    await context.close();
  }
  const anna = await loggedIn('anna@nordlys.example', { width: 1280, height: 900 });
  await anna.goto(site.base + '/figures');
  await anna.getByRole('rowheader', { name: '90th percentile, office hours' }).waitFor();
  await anna.getByRole('heading', { name: 'Asked in the period, still unanswered' }).waitFor();
  assert.deepEqual(await accessibilityProblems(anna), [], 'figures page passes axe');
  await anna.screenshot({ path: join(screenshots, 'rights-figures.png'), fullPage: true });
});
