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
  await page.locator('.open-file input[type=file]:enabled').setInputFiles({
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
  await page.locator('.open-file input[type=file]').setInputFiles({
    name: 'cp1252.toml',
    mimeType: 'text/plain',
    buffer: Buffer.from('id = "x"\ntitle = "caf\xe9"\n', 'latin1'),
  });
  await page.locator('.said', { hasText: 'cp1252.toml' }).waitFor();
  assert.match(await page.locator('.said').innerText(), /cp1252\.toml:2:13: error: .*save the file as UTF-8/);

  // A file with a hosted scenario's id is checked and playtested, but not kept: it would
  // take that scenario's place and scores.
  await page.locator('.open-file input[type=file]').setInputFiles('assets/scenarios/irate-customer.toml');
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
  await page.locator('.open-file input[type=file]:enabled').setInputFiles({ name: 'mini.toml', mimeType: 'text/plain', buffer: Buffer.from(newer) });
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
  await page.locator('.open-file input[type=file]:enabled').waitFor({ state: 'attached' });
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
    await page.locator('.open-file input[type=file]').setInputFiles(file);
    // Each problem the CLI prints is on the page, in order, with its line and column.
    // Matched from the start: "megabyte-line.toml" is inside "10-megabyte-line.toml", the
    // file before, whose message may still be on the page.
    const named = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`);
    const verdict = page.locator('.verdict', { hasText: named });
    const unread = page.locator('.said', { hasText: named });
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

test('a share link carries the scenario; a fresh browser sees what it is and adds it only on consent', async () => {
  const trainer = await env.browser.newContext(TABLET);
  await trainer.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.site.url).origin });
  const page = await trainer.newPage();
  const errors = watchErrors(page);
  const text = fs.readFileSync('tests/data/minimal.toml', 'utf8')
    .replace('title = "Mini"', 'title = "Shared <i>one</i>"')
    .replace('summary = "A tiny scenario for tests."', 'summary = "Passed on <script>alert(1)</script> by link."');
  await page.goto(`${env.site.url}trainer/`);
  await page.locator('.open-file input[type=file]:enabled').setInputFiles({ name: 'shared.toml', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Share by link' }).tap();
  const field = page.getByLabel('Share link');
  await field.waitFor();
  const link = await field.inputValue();
  assert.ok(link.startsWith(`${env.site.url}trainer/#scenario=`), link);
  assert.ok(link.length < text.length * 1.5, `a ${link.length}-character link for ${text.length} bytes`);
  await page.getByRole('button', { name: 'Copy the link' }).tap();
  await page.getByRole('status').filter({ hasText: 'The link is copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.deepEqual(errors, []);
  await trainer.close();

  // Someone else, in a fresh browser.
  const other = await env.browser.newContext(TABLET);
  const them = await other.newPage();
  const theirErrors = watchErrors(them);
  await them.goto(link);
  const shared = them.locator('section.shared');
  await shared.waitFor();
  const said = await shared.innerText();
  assert.match(said, /A scenario shared with you by link/);
  assert.match(said, /Shared <i>one<\/i>/);
  assert.match(said, /Passed on <script>alert\(1\)<\/script> by link\./);
  assert.match(said, /\d+\.\d KB/);
  assert.match(said, /No problems found/);
  assert.equal(await them.locator('section.shared i, section.shared script').count(), 0);
  // Nothing is kept before they agree; declining keeps nothing and forgets the link.
  assert.equal(await them.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.scenario.')).length), 0);
  await them.getByRole('button', { name: 'Don’t add it' }).tap();
  await them.getByRole('status').filter({ hasText: 'Nothing was added.' }).waitFor();
  assert.equal(new URL(them.url()).hash, '');
  assert.equal(await them.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.scenario.')).length), 0);
  // Agreeing adds it, and it plays.
  await them.goto(link);
  await them.getByRole('button', { name: 'Add and play' }).tap();
  await them.getByRole('heading', { level: 1, name: 'Shared <i>one</i>' }).waitFor();
  await them.goto(env.site.url);
  await them.locator('.card', { hasText: 'Shared <i>one</i>' }).waitFor();
  assert.deepEqual(theirErrors, []);
  await other.close();
});

test('a damaged, cut-short or inflating share link is refused with why, and adds nothing', async () => {
  const zlib = await import('node:zlib');
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const base = `${env.site.url}trainer/`;
  const pack = (buf) => zlib.deflateRawSync(buf).toString('base64url');
  const good = pack(fs.readFileSync('tests/data/minimal.toml'));
  const cases = [
    [`#scenario=!!!`, /damaged/],
    [`#scenario=${good.slice(0, good.length >> 1)}`, /cannot be opened/],
    // A few kilobytes that inflate to 5 MB: refused as it inflates, not followed.
    [`#scenario=${pack(Buffer.alloc(5_000_000, 32))}`, /more than 1048576 bytes/],
    // Not UTF-8 inside.
    [`#scenario=${pack(Buffer.from('id = "caf\xe9"\n', 'latin1'))}`, /not UTF-8/],
  ];
  for (const [fragment, why] of cases) {
    await page.goto('about:blank');
    await page.goto(base + fragment);
    const said = page.locator('.said .notice.error');
    await said.waitFor();
    assert.match(await said.innerText(), why, fragment.slice(0, 40));
    assert.match(await said.innerText(), /Nothing was added/);
    assert.equal(await page.locator('section.shared').count(), 0);
  }
  // A link carrying a scenario this site hosts (same id) is shown but cannot be added.
  await page.goto('about:blank');
  await page.goto(`${base}#scenario=${pack(fs.readFileSync('assets/scenarios/yes-and.toml'))}`);
  await page.locator('section.shared').waitFor();
  assert.match(await page.locator('section.shared').innerText(), /Its id `yes-and` is already used by/);
  assert.equal(await page.getByRole('button', { name: /^Add/ }).count(), 0);
  // A link pasted into the open page's address bar is read too (the page does not reload).
  await page.evaluate((h) => { location.hash = h; }, `scenario=${pack(fs.readFileSync('tests/data/minimal.toml'))}`);
  await page.locator('section.shared', { hasText: 'Mini' }).waitFor();
  await page.getByRole('button', { name: 'Add it to this device' }).waitFor();
  // A link whose file has errors shows them, and cannot be added.
  await page.goto('about:blank');
  await page.goto(`${base}#scenario=${pack(Buffer.from('title = \n'))}`);
  await page.locator('section.shared').waitFor();
  assert.match(await page.locator('section.shared').innerText(), /Fix the errors first/);
  assert.equal(await page.getByRole('button', { name: /^Add/ }).count(), 0);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.scenario.')).length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a scenario too large for a link is offered as a file', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  // Lines of text that do not compress: the link would be far over its limit.
  const line = (n) => Array.from({ length: 300 }, (_, i) => Buffer.from(`${(n * 300 + i) * 7919}`).toString('base64').replace(/=/g, '')).join(' ');
  const lines = Array.from({ length: 10 }, (_, n) => `{ text = "${line(n)}." },`).join('\n  ');
  const text = fs.readFileSync('tests/data/minimal.toml', 'utf8').replace('{ text = "First sentence.", ms = 2000 },', lines);
  await page.goto(`${env.site.url}trainer/`);
  await page.locator('.open-file input[type=file]:enabled').setInputFiles({ name: 'big.toml', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Share by link' }).tap();
  await page.getByText(/too large for a link \(\d+ characters; a link carries up to 16000\)/).waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save mini.toml' }).tap();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'mini.toml');
  assert.equal(fs.readFileSync(await file.path(), 'utf8'), text);
  await context.close();
});

test('a Twine archive imports: pick a story, see what the import changed, keep it and play it', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.site.url}trainer/`);
  await page.locator('.open-file input[type=file]:enabled').setInputFiles('tests/data/twine/archive.html');
  await page.getByRole('heading', { name: 'archive.html holds 2 stories' }).waitFor();
  await page.getByLabel('Import the story').selectOption('Two & "Three"');
  await page.getByRole('button', { name: 'Import', exact: true }).tap();
  await page.getByRole('heading', { name: 'Imported from Twine: “Two & "Three"”' }).waitFor();
  const changed = await page.locator('section.imported').innerText();
  assert.match(changed, /Left out · line 5\s+the story's JavaScript was left out/);
  assert.match(changed, /Still to write/);
  // The scenario it made is checked and playtested like any file, and kept.
  await page.locator('.verdict', { hasText: 'two-three.toml:' }).waitFor();
  assert.match(await page.locator('.verdict').innerText(), /two-three\.toml: (No problems found|\d+ warnings?)\./);
  await page.locator('table.endings').waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save two-three.toml' }).first().tap();
  const saved = fs.readFileSync(await (await download).path(), 'utf8');
  assert.match(saved, /^# Imported from the Twine story “Two & "Three"”/);
  await page.getByRole('button', { name: 'Keep and play' }).tap();
  await page.getByRole('heading', { level: 1, name: 'Two & "Three"' }).waitFor();
  await page.getByText('I asked for the <manager> an hour ago.').waitFor();
  await playToEnding(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasted Twee imports too, and a file that is no story says so', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  await page.goto(`${env.site.url}trainer/`);
  await page.getByLabel('Or paste its text').fill(fs.readFileSync('tests/data/twine/call.twee', 'utf8'));
  await page.getByRole('button', { name: 'Check the text' }).tap();
  await page.getByRole('heading', { name: 'Imported from Twine: “The Late Refund”' }).waitFor();
  assert.match(await page.locator('section.imported').innerText(), /Left out · passage “UserScript”, line 13/);
  await page.locator('.open-file input[type=file]').setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<html><body><p>Hi</p></body></html>') });
  await page.locator('.said', { hasText: 'no Twine story found' }).waitFor();
  assert.equal(await page.locator('section.imported').count(), 0);
  await context.close();
});
