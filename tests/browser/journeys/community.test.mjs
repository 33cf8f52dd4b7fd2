// A community people come back to, as people meet it: the unread count in
// a phone's header and the menu that opens without script, the notification
// centre, an @mention that reaches its person and links to their profile,
// the star input worked by keyboard, both colour schemes, and Norwegian.

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

const phone = { width: 360, height: 740 };
const wide = { width: 1280, height: 900 };
const loggedIn = (email, viewport) => harnessLoggedIn(browser, site, email, viewport);

/** A demo account logged in, on the front page, with `options` for the context (no script, a colour scheme). */
async function loggedInWith(email, options) {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  const page = await context.newPage();
  await page.goto(site.base + '/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('tillit-demo-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(site.base + '/');
  return page;
}

test('the unread count shows on a phone, the menu opens without script, and opening a notification reads it', async () => {
  const mads = await loggedInWith('mads@example.dk', { viewport: phone, javaScriptEnabled: false });
  // A compact header: brand, menu and search, the count on the menu button.
  const header = await mads.locator('.site-header').boundingBox();
  assert.ok(header.height < 130, `the phone header is ${header.height} px tall`);
  const summary = mads.locator('summary', { hasText: 'Menu' });
  assert.match(await summary.innerText(), /Menu\s+\d+/);
  await summary.click();
  assert.ok(await fitsViewport(mads), 'the open menu fits 360 px');
  await mads.getByRole('link', { name: /Notifications, \d+ unread/ }).click();
  await mads.getByRole('heading', { name: 'Notifications' }).waitFor();
  const before = Number((await mads.getByText(/unread notifications?\./).innerText()).match(/\d+/)[0]);
  await mads.screenshot({ path: join(screenshots, 'community-notifications-360.png'), fullPage: true });
  // Opening one is a button (a POST): it goes to the place and reads it.
  await mads.getByRole('button', { name: /Karin Svensson mentioned you in/ }).click();
  await mads.getByText('A simple spreadsheet with the renewal date').waitFor();
  await mads.goto(site.base + '/notifications');
  const after = Number((await mads.getByText(/unread notifications?\.|Nothing unread\./).innerText()).match(/\d+/)?.[0] ?? 0);
  assert.equal(after, before - 1);
  await mads.context().close();
});

test('an @mention reaches its person, links to their profile, and the centre passes axe in both schemes', async () => {
  const karin = await loggedIn('karin@example.se', wide);
  await karin.goto(site.base + '/forum/general');
  await karin.getByRole('link', { name: 'How do you keep track of your subscriptions?' }).click();
  await karin.getByLabel('Your reply').fill('@Mads Jensen a calendar reminder works best for me. @Nobody here either.');
  await karin.getByRole('button', { name: 'Publish' }).click();
  const mention = karin.locator('.post-body a', { hasText: '@Mads Jensen' }).last();
  await mention.waitFor();
  assert.equal(await karin.locator('.post-body a', { hasText: '@Nobody' }).count(), 0, 'unknown names stay text');
  await mention.click();
  await karin.getByRole('heading', { name: 'Mads Jensen' }).waitFor();
  await karin.getByText('Member since').waitFor();
  assert.equal(await karin.getByText('mads@example.dk').count(), 0, 'no address on a profile');
  assert.deepEqual(await accessibilityProblems(karin), [], 'the profile passes axe');
  await karin.screenshot({ path: join(screenshots, 'community-profile-1280.png'), fullPage: true });
  await karin.context().close();

  for (const colorScheme of ['light', 'dark']) {
    const mads = await loggedInWith('mads@example.dk', { viewport: wide, colorScheme, bypassCSP: true });
    await mads.goto(site.base + '/notifications');
    await mads.getByRole('button', { name: /Karin Svensson mentioned you in .How do you keep track/ }).first().waitFor();
    assert.deepEqual(await accessibilityProblems(mads), [], `the centre passes axe (${colorScheme})`);
    await mads.screenshot({ path: join(screenshots, `community-notifications-1280-${colorScheme}.png`), fullPage: true });
    for (const path of ['/forum', '/latest', '/companies/nordlys-energi', '/account/notifications']) {
      await mads.goto(site.base + path);
      assert.deepEqual(await accessibilityProblems(mads), [], `${path} passes axe (${colorScheme})`);
    }
    await mads.context().close();
  }
});

test('the star input works by keyboard and without script, and the review shows its stars', async () => {
  const karin = await loggedInWith('karin@example.se', { viewport: phone, javaScriptEnabled: false });
  await karin.goto(site.base + '/companies/hygge-telecom/review');
  await karin.getByRole('radio', { name: '1 star' }).focus();
  for (let i = 0; i < 3; i++) await karin.keyboard.press('ArrowRight');
  assert.equal(await karin.getByRole('radio', { name: '4 stars' }).isChecked(), true);
  // The chosen star and those before it are drawn filled, the fifth not.
  const fill = (n) => karin.locator(`label[for=rating-${n}] path`).evaluate((p) => getComputedStyle(p).fill);
  assert.equal(await fill(4), await fill(1));
  assert.notEqual(await fill(5), await fill(4));
  assert.ok(await fitsViewport(karin), 'the review form fits 360 px');
  await karin.screenshot({ path: join(screenshots, 'community-star-input-360.png'), fullPage: true });
  await karin.getByLabel('Headline').fill('Fast fibre, slow invoices');
  await karin.getByLabel('Your review').fill('The connection has been stable since the install, but the first invoice came two months late.');
  await karin.getByRole('button', { name: /Publish|Send/ }).first().click();
  await karin.getByRole('img', { name: '4 stars' }).first().waitFor();
  await karin.context().close();
});

test('Norwegian reads throughout, with Oslo times', async () => {
  const context = await browser.newContext({ viewport: phone, bypassCSP: true, locale: 'nb-NO' });
  const page = await context.newPage();
  await page.goto(site.base + '/forum');
  assert.equal(await page.locator('html').getAttribute('lang'), 'nb');
  await page.getByRole('heading', { name: 'Forum' }).waitFor();
  await page.getByRole('link', { name: 'Siste aktivitet' }).click();
  await page.getByRole('heading', { name: 'Siste aktivitet' }).waitFor();
  const time = await page.locator('time').first().innerText();
  assert.match(time, / kl\. \d\d\.\d\d CES?T$/);
  assert.deepEqual(await accessibilityProblems(page), [], 'the Latest view passes axe in Norwegian');
  await page.goto(site.base + '/guidelines');
  await page.getByText('Personangrep og ærekrenkelse av enkeltpersoner').waitFor();
  await page.screenshot({ path: join(screenshots, 'community-norwegian-360.png'), fullPage: true });
  await context.close();
});
