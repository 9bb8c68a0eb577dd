// Scenarios are files of the site: the library comes from scenarios/index.toml, and a
// scenario's file (with the analyzer's word lists) is fetched only when it is opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, serve, keepScenario, TABLET, watchErrors } from './harness.mjs';

const env = useSite();

/** Records the site's own requests as paths under the subpath ("scenarios/index.toml"). */
function watchRequests(page) {
  const paths = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    const base = new URL(env.site.url);
    if (url.origin === base.origin && url.pathname.startsWith(base.pathname)) {
      paths.push(url.pathname.slice(base.pathname.length));
    }
  });
  return paths;
}

test('the first page fetches the app and the scenario index only; opening a conversation fetches its file and the word lists, once', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const paths = watchRequests(page);
  await page.goto(env.site.url);
  await page.locator('.card').first().waitFor();
  assert.equal(await page.locator('.card').count(), 6);
  assert.ok(paths.includes('scenarios/index.toml'), paths.join(', '));
  const early = paths.filter((p) => p.startsWith('lexicon/') || (p.startsWith('scenarios/') && p !== 'scenarios/index.toml'));
  assert.deepEqual(early, [], 'nothing but the index is fetched for the library');

  await page.getByRole('link', { name: 'Play “The idea at the end of the shift”' }).tap();
  await page.locator('button.choice').first().waitFor();
  assert.ok(paths.includes('scenarios/yes-and.toml'), paths.join(', '));
  assert.ok(paths.includes('lexicon/en.toml'), paths.join(', '));

  await page.getByRole('link', { name: 'Library' }).tap();
  await page.getByRole('link', { name: 'Play “Fourth call, no connection”' }).tap();
  await page.locator('button.choice').first().waitFor();
  assert.ok(paths.includes('scenarios/irate-customer.toml'), paths.join(', '));
  assert.equal(paths.filter((p) => p === 'lexicon/en.toml').length, 1, 'the word lists are fetched once');
  assert.deepEqual(errors, []);
  await context.close();
});

test('after the first conversation the others are fetched ahead, so they open with the network gone', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  // Every listed file arrives (the index and the six scenarios), the others in the background.
  const fetched = new Set();
  const allFetched = new Promise((resolve) => {
    page.on('requestfinished', (r) => {
      const m = new URL(r.url()).pathname.match(/\/scenarios\/([a-z-]+\.toml)$/);
      if (m) fetched.add(m[1]);
      if (fetched.size === 7) resolve();
    });
  });
  await page.goto(`${env.site.url}#/play/yes-and`);
  await page.locator('button.choice').first().waitFor();
  // A guard, not a pause: the test fails with what arrived if the rest never does.
  let guard;
  const timeout = new Promise((_, reject) => {
    guard = setTimeout(() => reject(new Error(`only fetched: ${[...fetched].join(', ')}`)), 30_000);
  });
  await Promise.race([allFetched, timeout]);
  clearTimeout(guard);
  // Offline, nothing the app needs is requested (the browser may still ask for the icon).
  const failed = [];
  page.on('requestfailed', (r) => failed.push(new URL(r.url()).pathname));
  await context.setOffline(true);
  await page.getByRole('link', { name: 'Library' }).tap();
  await page.getByRole('link', { name: 'Play “The usual, from someone new”' }).tap();
  await page.locator('button.choice').first().waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(failed.filter((p) => !p.endsWith('.svg')), []);
  assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), []);
  await context.close();
});

test('a hosted file that is broken or missing shows its located problem, and the other scenarios still play', async () => {
  const context = await env.browser.newContext(TABLET);
  await context.route('**/scenarios/yes-and.toml', (r) =>
    r.fulfill({ status: 200, contentType: 'text/plain', body: 'id = "yes-and"\ntitle = \n' }));
  await context.route('**/scenarios/coffee-regular.toml', (r) => r.fulfill({ status: 404, body: 'gone' }));
  const page = await context.newPage();
  await page.goto(`${env.site.url}#/play/yes-and`);
  await page.getByRole('heading', { level: 1, name: '“The idea at the end of the shift” could not be opened' }).waitFor();
  assert.match(await page.getByRole('alert').innerText(), /scenarios\/yes-and\.toml:2:\d+/);
  await page.getByRole('button', { name: 'Try again' }).waitFor();

  // The library marks the card with the problem; the others are as they were.
  await page.getByRole('link', { name: 'Back to the library' }).tap();
  const card = page.locator('.card', { hasText: 'The idea at the end of the shift' });
  await card.getByText('This file could not be opened:').waitFor();
  assert.equal(await page.locator('.card').count(), 6);

  await page.getByRole('link', { name: 'Play “The usual, from someone new”' }).tap();
  await page.getByRole('heading', { level: 1, name: '“The usual, from someone new” could not be opened' }).waitFor();
  assert.match(await page.getByRole('alert').innerText(), /the site answered 404/);

  await page.goto(`${env.site.url}#/play/irate-customer`);
  await page.getByRole('heading', { level: 1, name: 'Fourth call, no connection' }).waitFor();
  await page.locator('button.choice').first().waitFor();
  await context.close();
});

test('a hand-edited index that is broken is reported by line, and scenarios kept on the device still play', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  await keepScenario(page, env.site.url, 'tests/data/minimal.toml');
  await context.route('**/scenarios/index.toml', (r) =>
    r.fulfill({ status: 200, contentType: 'text/plain', body: 'version = 1\n\n[[scenario]]\nfile = "../secret.toml"\nid = "x"\ntitle = "X"\n' }));
  await page.goto(env.site.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /scenarios\/index\.toml:4:8: error: `\.\.\/secret\.toml` is not a scenario file name/);
  await page.locator('.card', { hasText: 'Mini' }).waitFor();
  assert.equal(await page.locator('.card').count(), 1);
  await page.locator('.card').getByRole('link', { name: 'Play “Mini”' }).tap();
  await page.getByRole('heading', { level: 1, name: 'Mini' }).waitFor();
  await context.close();
});

test('the site carries a Content-Security-Policy that lets the app run and stops injected script', async () => {
  const context = await env.browser.newContext(TABLET);
  // This test provokes a violation on purpose; the others must cause none.
  context.allowViolations = true;
  const page = await context.newPage();
  const errors = watchErrors(page);
  const blocked = [];
  page.on('console', (m) => {
    if (m.text().startsWith('csp-violation')) blocked.push(m.text());
  });
  const response = await page.goto(env.site.url);
  const html = await response.text();
  const policy = /<meta http-equiv=Content-Security-Policy content="([^"]+)">/.exec(html)?.[1];
  assert.ok(policy, 'the page has a policy');
  for (const directive of ["default-src 'none'", "style-src 'self'", "connect-src 'self'", "base-uri 'none'", "object-src 'none'", "'wasm-unsafe-eval'"]) {
    assert.ok(policy.includes(directive), `${directive} in ${policy}`);
  }
  assert.ok(!/unsafe-inline|unsafe-eval'/.test(policy.replace("'wasm-unsafe-eval'", '')), policy);
  // The app starts (its inline start-up script is allowed by its hash) and plays.
  await page.locator('.card').first().waitFor();
  await page.locator('.card a').first().tap();
  await page.locator('button.choice').first().waitFor();
  assert.deepEqual(blocked, []);
  // Script injected into the page does not run, and is reported.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true;';
    document.body.append(s);
    return window.injected === true;
  });
  assert.equal(ran, false);
  await new Promise((resolve) => {
    const check = () => (blocked.length ? resolve() : setTimeout(check, 50));
    check();
  });
  assert.match(blocked[0], /csp-violation: script-src-elem blocked inline/);
  assert.deepEqual(errors.filter((e) => !/csp-violation|Content Security Policy/.test(e)), []);
  await context.close();
});

test('once a conversation has been opened, the whole site works with the server gone: a reload, the library, another conversation', async () => {
  // A server of its own, to take away.
  const site = await serve();
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url);
  await page.locator('.card').first().waitFor();
  // The service worker takes charge of the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.getByRole('link', { name: 'Play “The idea at the end of the shift”' }).tap();
  await page.locator('button.choice').first().waitFor();
  // Opening one fetches the others ahead, and the worker keeps each: wait until every
  // scenario and the word lists are in its cache.
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('attune-')));
    const paths = (await cache.keys()).map((r) => new URL(r.url).pathname);
    return paths.filter((p) => /scenarios\/[a-z-]+\.toml$/.test(p) && !p.endsWith('index.toml')).length === 6
      && paths.some((p) => p.endsWith('lexicon/en.toml'));
  }, null, { timeout: 60_000, polling: 250 });
  await site.close();
  // The server is gone: a reload still opens the app, from the worker's copy.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'The idea at the end of the shift' }).waitFor();
  await page.locator('button.choice').first().waitFor();
  await page.getByRole('link', { name: 'Library' }).tap();
  await page.locator('.card').first().waitFor();
  assert.equal(await page.locator('.card').count(), 6);
  await page.getByRole('link', { name: 'Play “Fourth call, no connection”' }).tap();
  await page.locator('button.choice').first().waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), []);
  await context.close();
});
