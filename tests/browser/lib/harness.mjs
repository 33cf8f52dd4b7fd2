// Shared plumbing for the browser journeys: start the real binary on a
// fresh data directory (default SQLite database with demo content), drive
// Debian's Chromium with playwright-core, read the .eml files the site writes,
// and run axe-core on each page.

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import net from 'node:net';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const repo = resolve(import.meta.dirname, '..', '..', '..');
export const screenshots = join(repo, 'target', 'browser-screenshots');
mkdirSync(screenshots, { recursive: true });

function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

export async function startSite() {
  const binary = process.env.TILLIT_BIN || join(repo, 'target', 'debug', 'tillit');
  const dataDir = mkdtempSync(join(tmpdir(), 'tillit-browser-'));
  const port = await freePort();
  const child = spawn(binary, ['serve'], {
    cwd: dataDir,
    env: { ...process.env, DATA_DIR: dataDir, BIND: `127.0.0.1:${port}`, DATABASE_URL: '', SMTP_URL: '', RUST_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (child.exitCode !== null) throw new Error(`tillit exited:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, dataDir, output: () => output, stop: () => child.kill('SIGTERM') };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The plain-text parts of every email written to the data directory, decoded. */
export function emails(dataDir) {
  const dir = join(dataDir, 'mail');
  let files = [];
  try { files = readdirSync(dir).sort(); } catch { return []; }
  return files.map((name) => {
    const raw = readFileSync(join(dir, name), 'utf8');
    const to = (raw.match(/^To: (.*)$/m) || [])[1] || '';
    const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
    const plain = parts.find((p) => /Content-Type: text\/plain/i.test(p)) || raw;
    const [head, ...rest] = plain.split(/\r?\n\r?\n/);
    const body = rest.join('\n\n');
    let text = body;
    if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) text = decodeQuotedPrintable(body);
    if (/Content-Transfer-Encoding: base64/i.test(head)) text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    return { to: to.trim(), text };
  });
}

export async function waitForEmail(dataDir, to, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = emails(dataDir).filter((m) => m.to.includes(to));
    if (found.length) return found[found.length - 1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${to}`);
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function accessibilityProblems(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** True when nothing on the page is wider than the viewport. */
export async function fitsViewport(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** A browser context logged in as a demo account, on the front page. */
export async function loggedIn(browser, site, email, viewport = { width: 360, height: 740 }) {
  const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(site.base + '/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('tillit-demo-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(site.base + '/');
  return page;
}
