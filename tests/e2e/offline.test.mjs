// A workshop room: after the first load the site works with the network gone, a new
// deployment is picked up on the next load with a notice, and the site is installable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useSite, serve, dist, playToEnding, appStarted, TABLET, PHONE, watchErrors } from './harness.mjs';

const env = useSite();

/** Waits until the page's service worker is in charge of it. */
const controlled = (page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

/** The cache the build's worker fills, as written in sw.js. */
const cacheOf = (root) => fs.readFileSync(path.join(root, 'sw.js'), 'utf8').match(/attune-[0-9a-f]{16}/)[0];

test('after the first load alone, the site works offline: a reload, a conversation to its ending, the attempt in Progress', async (t) => {
  const site = await serve();
  t.after(() => site.close());
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url);
  await page.locator('.card').first().waitFor();
  await controlled(page);
  // No conversation opened: the worker has cached every scenario the index names, the
  // word lists and the install icons on its own.
  await page.waitForFunction(async () => {
    const cache = await caches.open((await caches.keys()).find((n) => n.startsWith('attune-')));
    const paths = (await cache.keys()).map((r) => new URL(r.url).pathname);
    return paths.filter((p) => /scenarios\/[a-z-]+\.toml$/.test(p) && !p.endsWith('index.toml')).length === 6
      && paths.some((p) => p.endsWith('lexicon/en.toml'))
      && paths.some((p) => p.endsWith('icons/icon-512.png'));
  }, null, { timeout: 60_000, polling: 250 });
  await site.close();
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('link', { name: 'Play “The idea at the end of the shift”' }).tap();
  await playToEnding(page, { pick: () => 0 });
  await page.getByRole('link', { name: 'Progress' }).tap();
  await page.getByRole('heading', { name: 'Your progress' }).waitFor();
  assert.equal(await page.locator('table.attempts tbody tr').count(), 1);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), []);
  await context.close();
});

test('a new deployment is picked up on the next load with a calm notice, once, and the old copy is removed', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-site-'));
  fs.cpSync(dist, root, { recursive: true });
  const site = await serve({ root });
  const context = await env.browser.newContext(TABLET);
  t.after(async () => {
    await context.close();
    await site.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url);
  await appStarted(page);
  await controlled(page);
  const before = cacheOf(root);
  await page.waitForFunction(async (name) => (await caches.keys()).includes(name), before, { timeout: 30_000 });
  assert.equal(await page.locator('#updated').isVisible(), false, 'the first visit is not an update');

  // Deploy a changed build: a new build name in the worker and in the start-up script,
  // whose hash the page's policy names, as a build writes them.
  const after = `attune-${crypto.randomBytes(8).toString('hex')}`;
  fs.writeFileSync(path.join(root, 'sw.js'), fs.readFileSync(path.join(root, 'sw.js'), 'utf8').replaceAll(before, after));
  const file = path.join(root, 'index.html');
  let html = fs.readFileSync(file, 'utf8');
  const script = html.match(/<script>(addEventListener[\s\S]*?)<\/script>/)[1];
  const sha = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('base64');
  const changed = script.replaceAll(before, after);
  assert.notEqual(changed, script, 'the start-up script names the build');
  html = html.replace(script, changed).replace(`'sha256-${sha(script)}'`, `'sha256-${sha(changed)}'`);
  fs.writeFileSync(file, html);

  await page.reload();
  const notice = page.locator('#updated');
  await notice.waitFor({ state: 'visible' });
  assert.equal(await notice.getAttribute('role'), 'status');
  assert.match(await notice.innerText(), /Attune has been updated to a new version\./);
  const dismiss = await notice.getByRole('button', { name: 'Dismiss' }).boundingBox();
  assert.ok(dismiss.width >= 44 && dismiss.height >= 44, `Dismiss is ${dismiss.width}x${dismiss.height}`);
  // The new worker takes charge and the old copy is deleted.
  await page.waitForFunction(async ([old, now]) => {
    const names = await caches.keys();
    return !names.includes(old) && names.includes(now);
  }, [before, after], { timeout: 30_000, polling: 250 });
  await notice.getByRole('button', { name: 'Dismiss' }).tap();
  await notice.waitFor({ state: 'detached' });
  // The next load of the same build says nothing.
  await page.reload();
  await appStarted(page);
  assert.equal(await page.locator('#updated').isVisible(), false);
  assert.deepEqual(errors, []);
});

test('the site is installable under its subpath: a manifest, icons that load at their sizes, a service worker', async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(env.site.url);
  await appStarted(page);
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(new URL(manifest.url).pathname, '/attune/manifest.webmanifest');
  assert.deepEqual(manifest.errors, []);
  const data = JSON.parse(manifest.data);
  assert.equal(new URL(data.start_url, manifest.url).pathname, '/attune/');
  // Every icon loads as a PNG of the size the manifest says.
  for (const icon of data.icons) {
    const url = new URL(icon.src, manifest.url).href;
    const size = await page.evaluate(async (u) => {
      const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
      const view = new DataView(bytes.buffer);
      return `${view.getUint32(16)}x${view.getUint32(20)}`;
    }, url);
    assert.equal(size, icon.sizes, url);
  }
  assert.ok(data.icons.some((i) => i.purpose === 'maskable'));
  // A test browser's context is a private one, which Chromium never installs from; that
  // is about the browser, not the site, and is the only objection allowed.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  await context.close();
});
