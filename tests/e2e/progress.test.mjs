// Progress on the device: saved across reloads, exported and imported, corrupt data kept aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useSite, playToEnding, TABLET, watchErrors, appStarted } from './harness.mjs';

const env = useSite();

/** How many attempts saved or exported progress text holds: one `[[attempt]]` table each. */
const attemptsIn = (text) => (text.match(/^\[\[attempt\]\]$/gm) ?? []).length;

async function finishOne(page, id) {
  await page.goto(`${env.site.url}#/play/${id}`);
  await playToEnding(page, { pick: () => 0 });
}

test('history survives a reload, exports, clears and imports back', async () => {
  const context = await env.browser.newContext({ ...TABLET, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await finishOne(page, 'yes-and');
  await page.reload();
  await page.goto(`${env.site.url}#/progress`);
  await page.getByRole('heading', { name: 'Your progress' }).waitFor();
  assert.equal(await page.locator('table.attempts tbody tr').count(), 1);
  assert.match(await page.locator('.chart svg').getAttribute('aria-label'), /^The idea at the end of the shift, one attempt: presence \d+, listening \d+, (repaired|steady|strained|lost)\.$/);
  // The library shows best and last.
  await page.getByRole('link', { name: 'Library' }).tap();
  const card = page.locator('.card', { hasText: 'The idea at the end of the shift' });
  // Best and last, each with how it ended.
  assert.match(await card.innerText(), /Best\s*presence \d+, listening \d+, (repaired|steady|strained|lost)/);

  await page.getByRole('link', { name: 'Progress' }).tap();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export history' }).tap()]);
  assert.equal(download.suggestedFilename(), 'attune-progress.toml');
  const file = path.join(os.tmpdir(), `attune-export-${Date.now()}.toml`);
  await download.saveAs(file);
  const exported = fs.readFileSync(file, 'utf8');
  assert.match(exported, /^version = 3$/m);
  assert.equal(attemptsIn(exported), 1);

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Clear all data' }).tap();
  await page.getByRole('status').filter({ hasText: 'cleared' }).waitFor();
  assert.equal(await page.locator('table.attempts').count(), 0);

  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: 'Imported 1 new attempt.' }).waitFor();
  assert.equal(await page.locator('table.attempts tbody tr').count(), 1);
  await page.reload();
  // The app starts again from scratch: wait until it has drawn the page before counting.
  await page.getByRole('heading', { name: 'Your progress' }).waitFor();
  assert.equal(await page.locator('table.attempts tbody tr').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the chart compares attempts of one scenario, with the ending of each', async () => {
  const attempt = (id, title, at, outcome, p, l) => `
[[attempt]]
scenario_id = "${id}"
scenario_title = "${title}"
ending = "end"
outcome = "${outcome}"
presence = ${p}
listening = ${l}
replies = 5
interruptions = 0
finished_at = ${at}
seed = "${at}"
`;
  const history = 'version = 3\n'
    + attempt('irate-customer', 'Irate', 1000, 'lost', 20, 30)
    + attempt('yes-and', 'Yes and', 2000, 'repaired', 90, 90)
    + attempt('irate-customer', 'Irate', 3000, 'strained', 40, 45)
    + attempt('irate-customer', 'Irate', 4000, 'repaired', 80, 85);
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(env.site.url);
  await appStarted(page);
  await page.evaluate((h) => localStorage.setItem('attune.progress', h), history);
  await page.goto(`${env.site.url}#/progress`);
  await page.reload();
  await page.getByRole('heading', { name: 'Your progress' }).waitFor();
  const svg = page.locator('.chart svg');
  // All scenarios listed, but the chart draws only the one attempted last.
  assert.equal(await page.locator('table.attempts tbody tr').count(), 4);
  assert.equal(await svg.getAttribute('aria-label'),
    'Irate, attempts oldest first: presence 20, listening 30, lost; presence 40, listening 45, strained; presence 80, listening 85, repaired.');
  assert.equal(await svg.locator('text:not(.tick)').count(), 3);
  assert.deepEqual(await svg.locator('text:not(.tick)').evaluateAll((els) => els.map((e) => e.getAttribute('class'))),
    ['lost', 'strained', 'repaired']);
  assert.match(await page.locator('.chart figcaption').innerText(), /Endings: \u25b2 repaired, \u25a0 steady, \u25bc strained, \u2715 lost/);
  // Choosing the other scenario charts it alone.
  await page.getByLabel('Show').selectOption('yes-and');
  await page.locator('.chart svg[aria-label^="Yes and, one attempt"]').waitFor();
  assert.equal(await svg.locator('text:not(.tick)').count(), 1);
  assert.equal(await page.locator('table.attempts tbody tr').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('corrupt saved data is reported and kept aside, not lost', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  await page.goto(env.site.url);
  // Once the app has read storage; otherwise it might read (and move aside) the bad data before the reload.
  await appStarted(page);
  await page.evaluate(() => localStorage.setItem('attune.progress', '{"version": 1, "attempts": [ oops'));
  await page.reload();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  // Data from an older format is kept aside with a reason, as damaged data is.
  assert.match(await alert.innerText(), /could not be read: it was saved in format 1.*kept aside.*attune\.progress\.unreadable-\d+/s);
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('attune.progress.unreadable-')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(kept, ['{"version": 1, "attempts": [ oops']);
  // A new attempt is saved fresh beside it.
  await finishOne(page, 'yes-and');
  const saved = await page.evaluate(() => localStorage.getItem('attune.progress'));
  assert.equal(attemptsIn(saved), 1);
  // An import of something that is not progress data changes nothing and says why.
  await page.goto(`${env.site.url}#/progress`);
  await page.locator('input[type=file]').setInputFiles({ name: 'x.toml', mimeType: 'application/toml', buffer: Buffer.from('[1,2,3]') });
  // Reading the file is asynchronous: wait for the import's own message to replace the earlier one.
  const refused = page.getByRole('alert').filter({ hasText: 'could not be imported' });
  await refused.waitFor();
  assert.match(await refused.innerText(), /could not be imported: .+\. Nothing was changed\./s);
  assert.equal(await page.locator('table.attempts tbody tr').count(), 1);
  await context.close();
});

test('two tabs finishing at the same moment both keep their attempt', async () => {
  const context = await env.browser.newContext(TABLET);
  const tabs = [await context.newPage(), await context.newPage()];
  const replies = [];
  for (const page of tabs) {
    await page.goto(`${env.site.url}#/play/coffee-regular`);
    replies.push(await playToEnding(page, { pick: () => 0 }));
  }
  // Waits until the device's storage holds `n` attempts (counted as `attemptsIn` does).
  const storedReach = (page, n) => page.waitForFunction((n) =>
    (localStorage.getItem('attune.progress')?.match(/^\[\[attempt\]\]$/gm) ?? []).length === n, n, { timeout: 10_000 });
  await storedReach(tabs[0], 2);
  // Both tabs go back to their last reply and give it again together: each ends a
  // conversation and saves within milliseconds of the other.
  for (const [i, page] of tabs.entries()) {
    await page.getByRole('button', { name: `Try again from here (reply ${replies[i]})` }).tap();
    await page.locator('button.choice:enabled').first().waitFor();
  }
  await Promise.all(tabs.map((page) => page.evaluate(() => document.querySelector('button.choice:enabled').click())));
  for (const page of tabs) await page.locator('.ending').waitFor();
  // Every attempt is stored, and each tab shows all four.
  await storedReach(tabs[0], 4);
  for (const page of tabs) {
    await page.goto(`${env.site.url}#/progress`);
    await page.locator('table.attempts tbody tr').nth(3).waitFor();
    assert.equal(await page.locator('table.attempts tbody tr').count(), 4);
  }
  assert.equal(attemptsIn(await tabs[1].evaluate(() => localStorage.getItem('attune.progress'))), 4);
  await context.close();
});

test('two tabs of the site never overwrite each other\'s attempts', async () => {
  // Tabs share the device's storage; each keeps its own copy of the history in memory.
  const context = await env.browser.newContext(TABLET);
  const [first, second] = [await context.newPage(), await context.newPage()];
  for (const page of [first, second]) {
    await page.goto(`${env.site.url}#/progress`);
    await page.getByRole('heading', { name: 'Your progress' }).waitFor();
  }
  await finishOne(first, 'yes-and');
  // The other tab follows at once, without a reload.
  await second.locator('table.attempts tbody tr').first().waitFor();
  assert.equal(await second.locator('table.attempts tbody tr').count(), 1);
  await finishOne(second, 'coffee-regular');
  await first.goto(`${env.site.url}#/progress`);
  await first.locator('table.attempts tbody tr').nth(1).waitFor();
  await first.reload();
  await first.getByRole('heading', { name: 'Your progress' }).waitFor();
  assert.equal(await first.locator('table.attempts tbody tr').count(), 2);
  // Clearing in one tab clears the other as well, rather than being undone by its next save.
  first.once('dialog', (d) => d.accept());
  await first.getByRole('button', { name: 'Clear all data' }).tap();
  await second.goto(`${env.site.url}#/progress`);
  await second.locator('table.attempts').waitFor({ state: 'detached' });
  await finishOne(second, 'yes-and');
  const saved = await second.evaluate(() => localStorage.getItem('attune.progress'));
  assert.equal(attemptsIn(saved), 1);
  await context.close();
});
