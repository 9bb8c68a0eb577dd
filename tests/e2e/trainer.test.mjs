// The trainer's page (trainer/ of the release build, its own app): check a file, see each
// problem beside its line and what playthroughs found, keep it on this device, play it
// from the library after a reload, remove it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { files as hostileFiles } from './hostile.mjs';
import { useSite, playToEnding, keepScenario, TABLET, watchErrors } from './harness.mjs';

const env = useSite();

test('a broken file shows each problem beside its line; unreadable text and a hosted id are refused', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(env.site.url);
  await page.getByRole('link', { name: 'the trainer’s page' }).tap();
  await page.getByRole('heading', { level: 1, name: 'Your scenarios' }).waitFor();
  assert.match(page.url(), /\/attune\/trainer\/$/);
  await page.locator('input[type=file]:enabled').setInputFiles({
    name: 'my-scenario.toml',
    mimeType: 'text/plain',
    buffer: fs.readFileSync('tests/data/invalid/unknown-target.toml'),
  });
  await page.locator('.verdict', { hasText: 'my-scenario.toml: 1 error' }).waitFor();
  const problem = page.locator('.review .findings > li').first();
  assert.match(await problem.innerText(), /^Error · line 34, column 3 · beat "a", field `choice\[1\]\.goto`/);
  assert.match(await problem.innerText(), /`goto` names `nowhere`, which is no beat or ending/);
  // The line itself, numbered, beside the problem.
  assert.match(await problem.locator('pre.source').innerText(), /^34\s*goto = "nowhere"$/);
  assert.equal(await problem.locator('pre.source .ln').innerText(), '34');
  // Nothing with errors is kept or playtested.
  assert.equal(await page.getByRole('button', { name: /^Keep/ }).count(), 0);
  assert.match(await page.locator('.why-not').innerText(), /Fix the errors first/);
  assert.equal(await page.locator('table.endings').count(), 0);

  // Text saved in a Windows code page is placed and named, never shown garbled.
  await page.locator('input[type=file]').setInputFiles({
    name: 'cp1252.toml',
    mimeType: 'text/plain',
    buffer: Buffer.from('id = "x"\ntitle = "caf\xe9"\n', 'latin1'),
  });
  await page.locator('.said', { hasText: 'cp1252.toml' }).waitFor();
  assert.match(await page.locator('.said').innerText(), /cp1252\.toml:2:13: error: .*save the file as UTF-8/);

  // A file with a hosted scenario's id is checked and playtested, but not kept: it would
  // take that scenario's place and scores.
  await page.locator('input[type=file]').setInputFiles('assets/scenarios/irate-customer.toml');
  await page.locator('.verdict', { hasText: 'irate-customer.toml: No problems found' }).waitFor();
  assert.match(await page.locator('.why-not').innerText(), /Its id `irate-customer` is already used by “Fourth call, no connection”/);
  assert.equal(await page.getByRole('button', { name: /^Keep/ }).count(), 0);
  // The playtest: every ending with its runs, the best and worst paths with their scores.
  const rows = page.locator('table.endings tbody tr');
  assert.equal(await rows.count(), 4);
  assert.match(await rows.first().innerText(), /Relationship repaired/);
  assert.match(await page.locator('ul.paths').innerText(), /The best replies: “.+” \(relationship repaired\) in \d+ replies; presence (8\d|9\d|100), listening (8\d|9\d|100)\./);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a kept scenario survives a reload, plays from the library, is replaced by a newer version and removed with a confirm', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  // Its text is shown as text, never as HTML.
  const good = fs.readFileSync('tests/data/minimal.toml', 'utf8').replace('title = "Mini"', 'title = "<b>Mini</b>"');
  await page.goto(`${env.site.url}trainer/`);
  await page.getByLabel('Or paste its text').fill(good);
  await page.getByRole('button', { name: 'Check the text' }).tap();
  await page.locator('.verdict', { hasText: 'pasted text:' }).waitFor();
  assert.equal(await page.locator('h2 b').count(), 0);
  await page.getByRole('heading', { level: 2, name: '<b>Mini</b>' }).waitFor();
  await page.getByRole('button', { name: 'Keep and play' }).tap();
  await page.getByRole('heading', { level: 1, name: '<b>Mini</b>' }).waitFor();
  assert.match(page.url(), /\/attune\/#\/play\/mini$/);
  await playToEnding(page);

  // After a reload the library lists it under "Your scenarios", after the site's own.
  await page.goto(env.site.url);
  await page.reload();
  const own = page.locator('.card', { hasText: '<b>Mini</b>' });
  await own.waitFor();
  assert.equal(await page.locator('.card').count(), 7);
  assert.equal(await page.locator('.card').last().locator('h2').innerText(), '<b>Mini</b>');
  assert.match(await own.innerText(), /Best/);

  // A newer version of the same id replaces it, and says so before it does.
  const newer = good.replace('title = "<b>Mini</b>"', 'title = "Mini, second draft"');
  await page.goto(`${env.site.url}trainer/`);
  await page.locator('.kept li', { hasText: '<b>Mini</b>' }).waitFor();
  await page.locator('input[type=file]:enabled').setInputFiles({ name: 'mini.toml', mimeType: 'text/plain', buffer: Buffer.from(newer) });
  await page.getByRole('button', { name: 'Keep this version' }).tap();
  await page.getByRole('status').filter({ hasText: 'is kept on this device' }).waitFor();
  assert.equal(await page.locator('.kept li').count(), 1);
  assert.match(await page.locator('.kept li').innerText(), /Mini, second draft · mini/);

  // Removed from the library, after a confirm (a dismissed confirm keeps it).
  await page.goto(env.site.url);
  const card = page.locator('.card', { hasText: 'Mini, second draft' });
  await card.waitFor();
  page.once('dialog', (d) => d.dismiss());
  await card.getByRole('button', { name: /^Remove/ }).tap();
  assert.equal(await card.count(), 1);
  page.once('dialog', (d) => d.accept());
  await card.getByRole('button', { name: /^Remove/ }).tap();
  await card.waitFor({ state: 'detached' });
  await page.reload();
  await page.locator('.card').nth(5).waitFor();
  assert.equal(await page.locator('.card').count(), 6);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a kept file edited by hand in storage is listed with its problem, never played', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await keepScenario(page, env.site.url, 'tests/data/minimal.toml');
  await page.evaluate(() => localStorage.setItem('attune.scenario.mini', 'title = '));
  await page.goto(env.site.url);
  const card = page.locator('.card', { hasText: 'mini' }).last();
  await card.locator('.notice.error').waitFor();
  assert.match(await card.innerText(), /mini\.toml \(kept on this device\):1:\d+: error/);
  assert.equal(await card.getByRole('link', { name: /^Play/ }).count(), 0);
  await card.getByRole('button', { name: /^Remove/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('every hostile scenario file gets the same verdict on the trainer page as from the CLI, and never blocks the page for a second', async () => {
  // The CLI's verdict on each generated file, problem by problem (scripts/test builds the
  // release CLI before these tests; elsewhere cargo builds it here).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-hostile-e2e-'));
  const cli = spawnSync('cargo', ['build', '--quiet', '--release', '--locked', '--bin', 'attune'], { stdio: 'inherit' });
  assert.equal(cli.status, 0, 'the release CLI builds');
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.site.url}trainer/`);
  await page.locator('input[type=file]:enabled').waitFor({ state: 'attached' });
  // Every task that blocks the page for longer than 50 ms is recorded.
  await page.evaluate(() => {
    window.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  for (const [name, [content]] of Object.entries(hostileFiles)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const run = spawnSync(path.resolve('target/release/attune'), ['validate', name], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 20 });
    // Problems go to standard output, a file that cannot be read to standard error.
    const fromCli = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l && !/^\d+ file\(s\) checked/.test(l));
    await page.locator('input[type=file]').setInputFiles(file);
    // Each problem the CLI prints is on the page, in order, with its line and column.
    const verdict = page.locator('.verdict', { hasText: `${name}:` });
    const unread = page.locator('.said', { hasText: name });
    await verdict.or(unread).waitFor();
    if (await unread.count()) {
      assert.deepEqual([await unread.innerText()], fromCli, name);
    } else {
      const shown = await page.locator('.review > .findings > li').evaluateAll((items) => items.map((li) => ({
        head: li.querySelector('p').innerText,
        message: li.querySelectorAll('p')[1].innerText,
      })));
      assert.equal(shown.length, fromCli.length, `${name}: ${JSON.stringify(shown)} against ${fromCli.join('\n')}`);
      shown.forEach((p, i) => {
        assert.ok(fromCli[i].endsWith(p.message), `${name}: ${fromCli[i]} against ${p.message}`);
        const at = fromCli[i].match(/^[^:]*:(\d+):(\d+): /);
        if (at) assert.match(p.head, new RegExp(`· line ${at[1]}, column ${at[2]}`), name);
      });
    }
    fs.rmSync(file);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const longest = await page.evaluate(() => window.longest);
  assert.ok(longest < 1000, `the page was blocked for ${longest} ms at once`);
  assert.deepEqual(errors, []);
  await context.close();
});
