// Workshop results (release build, served under a subpath): an attendee hands in a
// results file at the end of a workshop conversation or from the library (a download
// where the browser cannot share files, the device's share sheet where it can); the
// trainer's dashboard takes many files in at once (chosen or dropped), counts an attempt
// handed in twice once, names each file it refuses and why, and shows the room by
// scenario, attendee and signal, with a CSV export and a print view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { useSite, playToEnding, makeWorkshop, TABLET, PHONE, watchErrors } from './harness.mjs';

const env = useSite();
const SCENARIO = 'The usual, from someone new';

/** Joins a workshop; `early` types the name while the list of scenarios is still coming. */
async function join(context, link, name, { early = false } = {}) {
  const page = await context.newPage();
  let release;
  if (early) {
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/scenarios/index.toml', async (r) => { await held; await r.continue(); });
  }
  await page.goto(link);
  const field = page.getByLabel('Your name, as your trainer will see it');
  if (early) {
    await page.locator('.lede', { hasText: 'Loading' }).waitFor();
    await field.fill(name);
    release();
  }
  await page.locator('.lede', { hasText: /^A workshop of 1 conversation\./ }).waitFor();
  // Drawn again as the list came in, the field keeps what was typed.
  if (early) assert.equal(await field.inputValue(), name);
  else await field.fill(name);
  await page.getByRole('button', { name: 'Join the workshop' }).tap();
  await page.locator('.joined').waitFor();
  return page;
}

async function playOnce(page) {
  await page.getByRole('link', { name: `Play “${SCENARIO}”` }).tap();
  await playToEnding(page, { pick: () => 0 });
}

/** Taps "Hand in your results" where the browser cannot share files: a download. */
async function handInByDownload(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Hand in your results' }).tap(),
  ]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** FNV-1a, 32 bits, as eight hex digits: the check of a workshop link. */
function fnv(text) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

const file = (name, text) => ({ name, mimeType: 'application/toml', buffer: Buffer.from(text) });

test('attendees hand in results by download and by the share sheet, and the dashboard gathers them (tablet and phone)', async () => {
  const trainer = await env.browser.newContext(TABLET);
  const desk = await trainer.newPage();
  const link = await makeWorkshop(desk, env.site.url, { name: 'Thursday café', scenarios: [SCENARIO], pass: '50' });

  // Ana, on a tablet that cannot share files: the results come as a download.
  const tablet = await env.browser.newContext(TABLET);
  const ana = await join(tablet, link, 'Ana');
  const anaErrors = watchErrors(ana);
  await ana.getByRole('button', { name: 'Hand in your results' }).tap();
  await ana.locator('.handin-said', { hasText: 'Nothing to hand in yet' }).waitFor();
  await playOnce(ana);
  const first = await handInByDownload(ana);
  assert.equal(first.name, 'attune-results-Ana.toml');
  await ana.locator('.handin-said', { hasText: 'Your results (1 conversation) are ready' }).waitFor();
  assert.match(first.text, /^format = "attune-results"\nversion = 1\nname = "Ana"\nworkshop = "Thursday café"\nlink = "v=1&name=Thursday%20caf%C3%A9&scenarios=coffee-regular&mode=coach&typing=yes&pass=50&check=[0-9a-f]{8}"\nwritten = "\d{4}-\d\d-\d\d \d\d:\d\d UTC"\n/);
  assert.equal(first.text.match(/^\[\[attempt\]\]$/gm).length, 1);
  assert.match(first.text, /^scenario_id = "coffee-regular"$/m);
  assert.match(first.text, /^finished = "\d{4}-\d\d-\d\d \d\d:\d\d UTC"$/m);
  assert.match(first.text, /^positive_regard = \d+$/m);
  // Every line of the conversation, each reply with when it was given and what it did.
  assert.ok(first.text.match(/^by = "them"$/gm).length >= 2);
  const replies = first.text.match(/^by = "you"\ntext = .+\n(cut = true\n)?at = "\d+:\d\d"\ntyped = false\npresence = \d+\nlistening = \d+\nsignals = \[.*\]$/gm);
  assert.ok(replies && replies.length >= 2, first.text);

  // A second attempt, handed in from the library: the file holds both.
  await ana.getByRole('button', { name: 'Play again' }).tap();
  await playToEnding(ana, { pick: (n) => n - 1 });
  await ana.getByRole('link', { name: 'Back to the library' }).tap();
  await ana.locator('.joined').waitFor();
  const second = await handInByDownload(ana);
  assert.equal(second.text.match(/^\[\[attempt\]\]$/gm).length, 2);
  // Kept on the device: a reload does not lose what is to be handed in.
  await ana.reload();
  await ana.locator('.joined').waitFor();
  assert.equal((await handInByDownload(ana)).text.match(/^\[\[attempt\]\]$/gm).length, 2);
  // Left in a second tab: the first tab's hand-in says so and hands in nothing.
  const other = await tablet.newPage();
  await other.goto(ana.url());
  await other.getByRole('button', { name: 'Leave the workshop' }).tap();
  await other.getByRole('button', { name: 'Leave the workshop' }).waitFor({ state: 'detached' });
  let stray = false;
  ana.on('download', () => { stray = true; });
  await ana.getByRole('button', { name: 'Hand in your results' }).tap();
  await ana.locator('.handin-said', { hasText: 'This device has left the workshop' }).waitFor();
  assert.equal(stray, false);
  await other.close();
  assert.deepEqual(anaErrors, []);

  // Ben, on a phone whose browser shares files: the file goes to the share sheet.
  const phone = await env.browser.newContext(PHONE);
  await phone.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'canShare', { configurable: true, value: (d) => Boolean(d?.files?.length) });
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: async (d) => {
        const f = d.files[0];
        window.shared = { name: f.name, type: f.type, text: await f.text() };
      },
    });
  });
  const ben = await join(phone, link, 'Ben', { early: true });
  let downloaded = false;
  ben.on('download', () => { downloaded = true; });
  await playOnce(ben);
  await ben.getByRole('button', { name: 'Hand in your results' }).tap();
  await ben.waitForFunction(() => window.shared);
  const shared = await ben.evaluate(() => window.shared);
  assert.equal(shared.name, 'attune-results-Ben.toml');
  assert.equal(shared.type, 'application/toml');
  assert.match(shared.text, /^name = "Ben"$/m);
  assert.equal(downloaded, false);
  const b = await ben.locator('button', { hasText: 'Hand in your results' }).boundingBox();
  assert.ok(b.width >= 44 && b.height >= 44, `${b.width}x${b.height}`);

  // The dashboard, on the trainer's tablet.
  const dashErrors = watchErrors(desk);
  await desk.addInitScript(() => {
    // Printing records how many lists were open when the page was printed.
    window.print = () => { window.printedOpen = document.querySelectorAll('.dashboard details[open]').length; };
  });
  await desk.goto(`${env.site.url}trainer/`);
  await desk.getByRole('heading', { name: 'Workshop results' }).waitFor();
  const fields = 'v=1&name=Other%20room&scenarios=coffee-regular&mode=coach&typing=yes';
  const otherRoom = first.text.replace(/^workshop = .*\nlink = .*$/m, `workshop = "Other room"\nlink = "${fields}&check=${fnv(fields)}"`);
  await desk.locator('#results-files').setInputFiles([
    file('ana-1.toml', first.text),
    file('ana-2.toml', second.text),
    file('ben.toml', shared.text),
    file('ben (1).toml', shared.text),
    file('cut.toml', second.text.slice(0, Math.floor(second.text.length / 2)) + '\n[[attempt'),
    file('other.toml', otherRoom),
    file('attune-progress.toml', 'version = 3\n'),
    file('newer.toml', first.text.replace('version = 1', 'version = 2')),
  ]);
  const reports = desk.locator('.reports li');
  await reports.nth(7).waitFor();
  const said = await reports.allInnerTexts();
  assert.deepEqual(said.slice(0, 4), [
    'ana-1.toml: 1 new attempt',
    'ana-2.toml: 1 new attempt, 1 already imported (counted once)',
    'ben.toml: 1 new attempt',
    'ben (1).toml: 0 new attempts, 1 already imported (counted once)',
  ]);
  const refused = said.slice(4);
  assert.match(refused[0], /^cut\.toml: not imported: it is damaged \(/);
  assert.equal(refused[1], 'other.toml: not imported: it is from another workshop, “Other room”, not “Thursday café”.');
  assert.equal(refused[2], 'attune-progress.toml: not imported: it is not an Attune results file.');
  assert.match(refused[3], /^newer\.toml: not imported: it was written by a newer version of Attune \(format 2/);
  assert.equal(await desk.locator('.reports li.is-error').count(), 4);

  // The room: two attendees, three attempts, by scenario, by attendee and by signal.
  const dash = desk.locator('.dashboard');
  await dash.getByRole('heading', { level: 3, name: /^Thursday café \([0-9a-f]{8}\)$/ }).waitFor();
  const facts = Object.fromEntries(await dash.locator('.facts > div').evaluateAll((ds) => ds.map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])));
  assert.equal(facts.Attendees, '2');
  assert.equal(facts.Attempts, '3');
  assert.equal(facts['Pass mark'], '50');
  const card = dash.locator('.scenario-results');
  assert.equal(await card.count(), 1);
  assert.match(await card.locator('p').first().innerText(), /^3 attempts; mean presence \d+, listening \d+; \d at or above the pass mark of 50\.$/);
  const reached = await card.locator('.endings-reached li').allInnerTexts();
  assert.equal(reached.reduce((n, t) => n + Number(t.match(/: (\d+)$/)[1]), 0), 3);
  const bars = await card.locator('svg rect.bar').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
  assert.equal(bars.length, 10);
  assert.ok(bars.some((h) => h > 0));
  assert.match(await card.locator('svg').getAttribute('aria-label'), /^Scores of 3 attempts by tens: /);
  const rows = dash.locator('table.attendees tbody tr');
  assert.equal(await rows.count(), 3);
  assert.deepEqual(await dash.locator('table.attendees tbody th').allInnerTexts(), ['Ana', 'Ben']);
  // A signal opens onto the replies behind it.
  const signal = dash.locator('.signals details').first();
  const summary = await signal.locator('summary').innerText();
  const count = Number(summary.match(/: (\d+) repl(y|ies)$/)[1]);
  await signal.locator('summary').tap();
  const behind = signal.locator('li');
  await behind.first().waitFor();
  assert.equal(await behind.count(), count);
  assert.match(await behind.first().innerText(), /^(Ana|Ben) in The usual, from someone new: “.+”$/);
  await new AxeBuilder({ page: desk }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze().then((r) => {
    const found = r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes[0]?.target}`);
    assert.deepEqual(found, [], found.join('\n'));
  });

  // CSV: a header and one row per attempt.
  const [csv] = await Promise.all([desk.waitForEvent('download'), dash.getByRole('button', { name: 'Export as CSV' }).tap()]);
  assert.equal(csv.suggestedFilename(), 'workshop-results.csv');
  const table = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
  assert.equal(table.length, 4);
  assert.match(table[0], /^attendee,scenario,ending,outcome,presence,listening,mean,passed,/);
  assert.equal(table.filter((r) => r.startsWith('Ana,"The usual, from someone new",')).length, 2);

  // Dropped files are taken in the same way.
  await dash.locator('.drop').evaluate((zone, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.toml', { type: 'application/toml' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, shared.text);
  await reports.filter({ hasText: 'dropped.toml: 0 new attempts, 1 already imported' }).waitFor();

  // The print view: every list opened, the dashboard alone on the page.
  await dash.getByRole('button', { name: 'Print for the debrief' }).tap();
  await desk.waitForFunction(() => window.printedOpen !== undefined);
  assert.equal(await desk.evaluate(() => window.printedOpen), await dash.locator('details').count());
  await desk.emulateMedia({ media: 'print' });
  assert.equal(await desk.locator('form.workshop-form').isVisible(), false);
  assert.equal(await desk.locator('.open-file').isVisible(), false);
  assert.equal(await dash.locator('.scenario-results').isVisible(), true);
  await desk.emulateMedia({ media: 'screen' });

  // Kept on the trainer's device: a reload brings back every file that brought attempts
  // in (not the duplicates or the refused), and the room they make.
  await desk.reload();
  await dash.getByRole('heading', { level: 3, name: /^Thursday café \([0-9a-f]{8}\)$/ }).waitFor();
  assert.deepEqual(await reports.allInnerTexts(), [
    'ana-1.toml: 1 new attempt',
    'ana-2.toml: 1 new attempt, 1 already imported (counted once)',
    'ben.toml: 1 new attempt',
  ]);
  assert.deepEqual(await dash.locator('.facts dd').allInnerTexts().then((t) => t.slice(0, 2)), ['2', '3']);

  // Start over empties it, here and on the device.
  await dash.getByRole('button', { name: 'Start over' }).tap();
  await dash.locator('.scenario-results').waitFor({ state: 'detached' });
  assert.equal(await reports.count(), 0);
  await desk.reload();
  await desk.getByRole('heading', { name: 'Workshop results' }).waitFor();
  assert.equal(await desk.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.dashboard.')).length), 0);
  assert.equal(await reports.count(), 0);
  assert.deepEqual(dashErrors, []);

  // On a phone, the dashboard fits the screen (tables scroll in their own box), by touch.
  const small = await phone.newPage();
  await small.goto(`${env.site.url}trainer/`);
  await small.locator('#results-files').setInputFiles([file('ana-2.toml', second.text), file('ben.toml', shared.text)]);
  await small.locator('.dashboard .scenario-results').waitFor();
  assert.deepEqual(await small.locator('.dashboard .facts dd').allInnerTexts().then((t) => t.slice(0, 2)), ['2', '3']);
  assert.ok(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  for (const target of await small.locator('.dashboard label.button, .dashboard button, .dashboard summary').all()) {
    const r = await target.boundingBox();
    assert.ok(r.height >= 44, `${await target.innerText()}: ${r.height}`);
  }
  for (const c of [trainer, tablet, phone]) await c.close();
});
