// The community's pages in every language, in both colour schemes, at
// 1280 and 360 px: axe finds nothing serious and nothing is wider than a
// phone. Anna, on Nordlys Energi's staff, sees the staff pages too.

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

const pages = [
  '/forum',
  '/latest',
  '/companies/nordlys-energi',
  '/search?q=bill',
  '/notifications',
  '/account/notifications',
  '/desk',
  '/figures',
];

test('every language, both colour schemes, wide and narrow: axe clean and nothing too wide', async () => {
  const anna = await loggedIn(browser, site, 'anna@nordlys.example', { width: 1280, height: 900 });
  const problems = {};
  for (const language of ['English', 'Svenska', 'Dansk', 'Norsk']) {
    await anna.setViewportSize({ width: 1280, height: 900 });
    await anna.goto(site.base + '/forum');
    // The language switch shows in the header on a wide screen.
    await anna.getByRole('button', { name: language, exact: true }).click();
    await anna.waitForLoadState();
    for (const colorScheme of ['light', 'dark']) {
      await anna.emulateMedia({ colorScheme });
      for (const width of [1280, 360]) {
        await anna.setViewportSize({ width, height: 800 });
        for (const path of pages) {
          await anna.goto(site.base + path);
          const found = await accessibilityProblems(anna);
          if (found.length) problems[`${language} ${colorScheme} ${width} ${path}`] = found;
          if (width === 360 && !(await fitsViewport(anna))) {
            problems[`${language} ${colorScheme} ${width} ${path}`] = [{ id: 'horizontal-overflow' }];
          }
        }
      }
    }
  }
  assert.deepEqual(problems, {});
  await anna.context().close();
});
