// An accessibility sweep: every kind of page, as the person who would see
// it, on a phone-sized screen, checked with axe-core (no serious or critical
// violations) and for horizontal overflow.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launch, loggedIn, accessibilityProblems, fitsViewport } from '../lib/harness.mjs';

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

async function sweep(page, paths) {
  const problems = {};
  for (const path of paths) {
    const response = await page.goto(site.base + path);
    assert.ok(response.status() < 500, `${path} answered ${response.status()}`);
    const found = await accessibilityProblems(page);
    if (found.length) problems[path] = found;
    if (!(await fitsViewport(page))) problems[path] = [...(problems[path] || []), { id: 'horizontal-overflow' }];
  }
  assert.deepEqual(problems, {});
}

test('pages for visitors', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'sv-SE' });
  const page = await context.newPage();
  await sweep(page, ['/', '/login', '/signup', '/password-reset', '/forum', '/forum/general', '/forum/nordlys-energi',
    '/threads/1', '/companies', '/companies?sort=score', '/companies/nordlys-energi', '/about/reviews',
    '/search?q=bill', '/search?q=nothing-matches-this', '/posts/2/history', '/no/such/page',
    '/guidelines', '/moderation/log', '/moderation/transparency']);
  await context.close();
});

test('pages for a customer', async () => {
  const page = await loggedIn(browser, site, 'karin@example.se');
  await sweep(page, ['/account', '/threads/1', '/forum/nordlys-energi/new', '/companies/hygge-telecom/review', '/companies/nordlys-energi',
    '/flag/post/2', '/flag/review/1', '/reviews/2/verify']);
  await page.context().close();
  // Mads has a held post and a hidden review in the demo: statements to read.
  const mads = await loggedIn(browser, site, 'mads@example.dk');
  await sweep(mads, ['/notifications', '/notifications/1', '/notifications/2']);
  await mads.context().close();
});

test('pages for a moderator', async () => {
  const page = await loggedIn(browser, site, 'moderator@tillit.example');
  await sweep(page, ['/moderation', '/moderation?kind=auto', '/moderation/cases/1', '/moderation/cases/2', '/moderation/cases/3',
    '/verification', '/verification/1']);
  await page.context().close();
});

test('pages for staff and the administrator', async () => {
  const staff = await loggedIn(browser, site, 'anna@nordlys.example');
  await sweep(staff, ['/desk', '/companies/nordlys-energi/invitations', '/companies/nordlys-energi', '/reviews/1/reply']);
  await staff.context().close();
  const admin = await loggedIn(browser, site, 'admin@tillit.example');
  await sweep(admin, ['/admin/users', '/admin/users/5', '/admin/companies', '/admin/guidelines', '/admin/guidelines/1']);
  await admin.context().close();
});
