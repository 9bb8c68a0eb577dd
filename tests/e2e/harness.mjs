// Shared end-to-end set-up: serve the release build under a subpath and drive Debian's Chromium.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

/** The release build the tests serve. */
export const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
/** The site is served under this folder, as on a GitHub Pages project site. */
export const SUBPATH = '/attune/';

const TYPES = {
  '.xml': 'application/xml',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.toml': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/**
 * Starts a static file server for dist/ (or `root`) on a free loopback port (`port` to
 * choose one).
 */
export async function serve({ port = 0, root = dist } = {}) {
  if (root === dist && !fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no release build in ${root}: run scripts/test (or trunk build --release) first`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(SUBPATH)) {
      res.writeHead(404).end('not under the subpath');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(SUBPATH.length));
    // A folder's page, as static hosts serve it (`trainer/` is trainer/index.html).
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    // Compressed when the browser accepts it, as GitHub Pages and most static hosts do.
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
      fs.createReadStream(file).pipe(zlib.createGzip({ level: 9 })).pipe(res);
    } else {
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = server.address().port;
  // Closing also drops the connections a browser keeps open (a service worker's, kept
  // alive): otherwise close() waits for them, and a test that takes the server away hangs.
  return {
    url: `http://127.0.0.1:${bound}${SUBPATH}`,
    close: () => new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    }),
  };
}

/** Launches Debian's Chromium headless, as root, on a closed network. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A tablet in portrait, used by touch. */
export const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 };
/** A small phone, used by touch. */
export const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 };

/** Waits until the app has started (the loading shell is gone), so storage it reads at start is settled. */
export async function appStarted(page) {
  await page.locator('.loading').waitFor({ state: 'detached' });
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * Serves the build and starts a browser for one test file; the returned object's
 * `site` and `browser` are set before the first test and closed after the last.
 */
export function useSite() {
  const env = { site: null, browser: null, violations: [] };
  before(async () => {
    env.site = await serve();
    env.browser = await launch();
    // Every page of every test reports any Content-Security-Policy violation; the test
    // file fails after its last test if there was one (a context that means to provoke
    // one sets `allowViolations`).
    const newContext = env.browser.newContext.bind(env.browser);
    env.browser.newContext = async (options) => {
      const context = await newContext(options);
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`csp-violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      context.on('console', (m) => {
        if (!context.allowViolations && /csp-violation|Content Security Policy/.test(m.text())) env.violations.push(m.text());
      });
      return context;
    };
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
    if (env.violations.length) {
      throw new Error(`Content-Security-Policy violations:\n${env.violations.join('\n')}`);
    }
  });
  return env;
}

/** Taps replies until an ending shows; returns how many replies it took. */
export async function playToEnding(page, { pick = (n, i) => i % n } = {}) {
  for (let replies = 0; replies < 60; replies++) {
    const next = page.locator('.ending, button.choice').first();
    await next.waitFor({ timeout: 20_000 });
    if (await page.locator('.ending').count()) return replies;
    const choices = page.locator('button.choice');
    await choices.nth(pick(await choices.count(), replies)).tap();
    // The reply appears in the transcript before the next beat.
    await page.locator('.line.trainee').nth(replies).waitFor({ timeout: 10_000 });
  }
  throw new Error('no ending after 60 replies');
}

/**
 * Keeps a scenario file on this device from the trainer's page, as a trainer would: opens
 * the page, chooses the file, waits for its review and taps "Keep". `file` is a path or
 * Playwright's `{ name, mimeType, buffer }`.
 */
export async function keepScenario(page, siteUrl, file) {
  await page.goto(`${siteUrl}trainer/`);
  await page.locator('.open-file input[type=file]:enabled').setInputFiles(file);
  await page.getByRole('button', { name: /^Keep (on this device|this version)$/ }).tap();
  await page.getByRole('status').filter({ hasText: 'is kept on this device' }).waitFor();
}

/**
 * Sets up a workshop on the trainer's page, as a trainer would, and returns its link.
 * `scenarios` are titles; `typing: false` unticks replies in one's own words.
 */
export async function makeWorkshop(page, siteUrl, { name, scenarios, assessment = false, typing = true, pass = '' }) {
  await page.goto(`${siteUrl}trainer/`);
  const form = page.locator('form.workshop-form');
  await form.getByRole('checkbox', { name: scenarios[0] }).waitFor();
  await page.getByLabel('Workshop name').fill(name);
  for (const s of scenarios) await form.getByRole('checkbox', { name: s }).tap();
  if (assessment) await form.getByRole('radio', { name: 'At the end (assessment)' }).tap();
  if (!typing) await form.getByRole('checkbox', { name: /own words/ }).tap();
  await page.getByLabel(/^Pass mark/).fill(pass);
  await page.getByRole('button', { name: 'Make the link and QR code' }).tap();
  return page.getByLabel('Workshop link').inputValue();
}
