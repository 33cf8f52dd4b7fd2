// The foundation as a new visitor meets it: sign up on a phone-sized screen,
// confirm the address from the email, log in, switch language, change the
// display name, log out; an administrator appoints staff; error pages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSite, launch, waitForEmail, accessibilityProblems, fitsViewport, screenshots, loggedIn } from '../lib/harness.mjs';

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

async function phonePage() {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'en-GB' });
  return context.newPage();
}

test('a visitor signs up, confirms the address and logs in on a phone', async () => {
  const page = await phonePage();
  await page.goto(site.base + '/');
  assert.match(await page.title(), /Tillit/);
  assert.ok(await fitsViewport(page), 'home page fits 360 px');
  assert.deepEqual(await accessibilityProblems(page), [], 'home page passes axe');
  await page.screenshot({ path: join(screenshots, 'home-360.png'), fullPage: true });

  await page.getByRole('link', { name: 'Sign up' }).first().click();
  assert.deepEqual(await accessibilityProblems(page), [], 'sign-up page passes axe');
  await page.getByLabel('Email address').fill('Sigrid@Example.no');
  await page.getByLabel('Display name').fill('Sigrid');
  await page.getByLabel('Password', { exact: true }).fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('one of the most common passwords').waitFor();
  assert.equal(await page.getByLabel('Email address').inputValue(), 'Sigrid@Example.no', 'typed address kept');
  assert.equal(await page.getByLabel('Display name').inputValue(), 'Sigrid', 'typed name kept');
  assert.deepEqual(await accessibilityProblems(page), [], 'form with errors passes axe');
  await page.screenshot({ path: join(screenshots, 'signup-errors-360.png'), fullPage: true });

  await page.getByLabel('Password', { exact: true }).fill('fjord lantern pepper sixty');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

  const mail = await waitForEmail(site.dataDir, 'sigrid@example.no');
  const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/verify-email\?token=[A-Za-z0-9_-]+/);
  assert.ok(link, 'verification link in the email:\n' + mail.text);
  // Opening the link only asks; a mail scanner that follows links confirms nothing.
  await page.goto(link[0]);
  await page.getByRole('heading', { name: 'Confirm your email address' }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), [], 'confirm page passes axe');
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.getByText('Your email address is confirmed').waitFor();

  await page.getByLabel('Email address').fill('sigrid@example.no');
  await page.getByLabel('Password', { exact: true }).fill('fjord lantern pepper sixty');
  await page.getByLabel('Keep me logged in on this device').check();
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Welcome, Sigrid' }).waitFor();
  assert.ok(await fitsViewport(page), 'logged-in header fits 360 px');

  // On a phone the language switch is in the menu.
  await page.locator('summary', { hasText: 'Menu' }).click();
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.getByRole('heading', { name: 'Välkommen, Sigrid' }).waitFor();
  await page.locator('summary', { hasText: 'Meny' }).click();
  await page.getByRole('link', { name: 'Sigrid' }).click();
  await page.getByRole('heading', { name: 'Ditt konto' }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), [], 'account page passes axe');
  await page.screenshot({ path: join(screenshots, 'account-sv-360.png'), fullPage: true });
  await page.getByLabel('Visningsnamn').fill('Sigrid H.');
  await page.getByRole('button', { name: 'Spara' }).first().click();
  await page.getByText('Din profil har sparats.').waitFor();

  await page.locator('summary', { hasText: 'Meny' }).click();
  await page.getByRole('button', { name: 'Dansk' }).click();
  await page.getByRole('heading', { name: 'Din konto' }).waitFor();
  await page.locator('summary', { hasText: 'Menu' }).click();
  await page.getByRole('button', { name: 'Log ud', exact: true }).click();
  await page.getByRole('link', { name: 'Log ind' }).first().waitFor();
  await page.context().close();
});

test('a customer ends the session left open on another device', async () => {
  const phone = await loggedIn(browser, site, 'karin@example.se');
  const laptop = await loggedIn(browser, site, 'karin@example.se', { width: 1280, height: 900 });

  await phone.goto(site.base + '/account');
  const rows = phone.getByRole('table', { name: 'Sessions' }).getByRole('row');
  // A header row and at least the two browsers of this journey.
  assert.ok((await rows.count()) >= 3, 'both sessions listed');
  assert.ok(await fitsViewport(phone), 'session list fits 360 px');
  assert.deepEqual(await accessibilityProblems(phone), [], 'account page with sessions passes axe');
  await phone.screenshot({ path: join(screenshots, 'account-sessions-360.png'), fullPage: true });

  // The laptop was the last to log in: its row is the newest that is not "This browser".
  const others = phone.getByRole('row').filter({ hasNotText: 'This browser' }).filter({ has: phone.getByRole('button', { name: 'Log out this one' }) });
  const before = await others.count();
  await others.last().getByRole('button', { name: 'Log out this one' }).click();
  await phone.getByText('That session has ended').waitFor();
  assert.equal(await others.count(), before - 1, 'one session fewer');

  // The laptop's cookie no longer opens the account.
  await laptop.goto(site.base + '/account');
  await laptop.getByRole('heading', { name: 'Log in' }).waitFor();
  // The phone is still logged in.
  await phone.goto(site.base + '/account');
  await phone.getByRole('heading', { name: 'Your account' }).waitFor();
  await phone.context().close();
  await laptop.context().close();
});

test('an administrator makes a customer staff of a company', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(site.base + '/login');
  await page.getByLabel('Email address').fill('admin@tillit.example');
  await page.getByLabel('Password', { exact: true }).fill('tillit-demo-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Find by email or name').fill('karin');
  await page.getByRole('button', { name: 'Search' }).last().click();
  await page.getByRole('link', { name: 'Karin Svensson' }).click();
  await page.getByLabel('Company').selectOption({ label: 'Kaffekompaniet' });
  await page.getByRole('button', { name: 'Make staff of this company' }).click();
  await page.getByText('The roles have been saved.').waitFor();
  await page.getByRole('button', { name: 'Remove from Kaffekompaniet' }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), [], 'admin user page passes axe');
  await page.screenshot({ path: join(screenshots, 'admin-user.png'), fullPage: true });
  await context.close();
});

test('unknown pages get a 404 in the layout', async () => {
  const page = await phonePage();
  const response = await page.goto(site.base + '/no/such/page');
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  await page.context().close();
});
