// Company review pages as people use them: a customer reviews a company on a
// phone, the company's staff reply publicly, the score and chart update.

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

test('a customer reviews a company and its staff reply', async () => {
  const karin = await loggedIn('karin@example.se');
  await karin.goto(site.base + '/companies/hygge-telecom');
  await karin.getByRole('link', { name: 'Write a review' }).click();
  await karin.getByLabel('2 stars').check();
  await karin.getByLabel('Headline').fill('Broadband drops every evening');
  await karin.getByLabel('Date of your experience').fill('2026-11-02');
  await karin.getByLabel('Order or booking reference (optional)').fill('HT-55120');
  await karin.getByLabel('Your review').fill('The connection drops **every evening** between 19 and 22. Support says it is my router.');
  await karin.getByRole('button', { name: 'Preview' }).click();
  await karin.locator('.preview strong').getByText('every evening').waitFor();
  await karin.getByRole('button', { name: 'Publish' }).click();
  await karin.getByText('Your review has been published.').waitFor();
  assert.ok(await fitsViewport(karin), 'company page fits 360 px');
  assert.deepEqual(await accessibilityProblems(karin), [], 'company page passes axe');
  const text = await karin.locator('main').textContent();
  assert.ok(!text.includes('HT-55120'), 'the reference is not shown to the reviewer publicly');
  await karin.screenshot({ path: join(screenshots, 'company-review-360.png'), fullPage: true });
  await karin.context().close();

  // Mads is no staff of Hygge: he can mark the review helpful.
  const mads = await loggedIn('mads@example.dk');
  await mads.goto(site.base + '/companies/hygge-telecom');
  await mads.getByRole('button', { name: 'Helpful' }).click();
  await mads.getByText('One person found this helpful').waitFor();
  await mads.context().close();
});

test('staff reply to a review of their company and the reviewer is told', async () => {
  const anna = await loggedIn('anna@nordlys.example', { width: 1280, height: 900 });
  await anna.goto(site.base + '/companies/nordlys-energi?sort=lowest');
  await anna.getByText(/ORD-\d+/).first().waitFor();
  const review = anna.locator('article.review', { hasText: 'Good price, slow bills' });
  await review.locator('summary').click();
  await review.getByLabel('Reply from Nordlys Energi').fill('Thank you Karin! We have sped up billing since October.');
  await review.getByRole('button', { name: 'Publish the reply' }).click();
  await anna.getByText('The reply has been published and the reviewer notified.').waitFor();
  assert.deepEqual(await accessibilityProblems(anna), [], 'company page as staff passes axe');
  await anna.screenshot({ path: join(screenshots, 'company-staff.png'), fullPage: true });
  const mail = await waitForEmail(site.dataDir, 'karin@example.se');
  assert.match(mail.text, /Nordlys Energi/);
  await anna.context().close();
});
