// The SCORM 1.2 package in an LMS runtime someone else wrote: scorm-again's Scorm12API as
// the API in a wrapper page, the package unzipped under it, as an LMS serves a course.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { serve, launch, playToEnding, TABLET, PHONE, watchErrors } from './harness.mjs';

/** The entries of a zip file, by name (stored or deflated), read with node's zlib. */
function unzip(file) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

const env = { site: null, browser: null, dir: null, files: null };
const PASS = 50;

before(async () => {
  env.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-scorm-'));
  const build = spawnSync('cargo', ['build', '--quiet', '--release', '--locked', '--bin', 'attune'], { stdio: 'inherit' });
  assert.equal(build.status, 0, 'the release CLI builds');
  const zip = path.join(env.dir, 'course.zip');
  const run = spawnSync(path.resolve('target/release/attune'), [
    'package', 'scorm', '--site', 'dist', '--scenarios', 'yes-and', '--mode', 'assessment',
    '--pass-mark', String(PASS), '--title', 'Listening & presence', '-o', zip,
  ], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  env.files = unzip(zip);
  for (const [name, bytes] of env.files) {
    const file = path.join(env.dir, 'lms', 'course', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  // The LMS: scorm-again's API on the wrapper page, the course in a frame under it.
  fs.copyFileSync('node_modules/scorm-again/dist/scorm12.min.js', path.join(env.dir, 'lms', 'scorm12.js'));
  fs.writeFileSync(path.join(env.dir, 'lms', 'index.html'), `<!doctype html><meta charset=utf-8><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
  window.launch = (saved) => {
    window.API = new Scorm12API({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
    if (saved) window.API.loadFromJSON(saved);
    window.longest = 0;
    window.calls = [];
    const setValue = window.API.LMSSetValue.bind(window.API);
    window.API.LMSSetValue = (name, value) => {
      window.calls.push(name);
      if (name === 'cmi.suspend_data') window.longest = Math.max(window.longest, String(value).length);
      // Write-only in SCORM 1.2: the LMS keeps it, the course cannot read it back.
      if (name === 'cmi.core.session_time') window.sessionTime = String(value);
      return setValue(name, value);
    };
    for (const call of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) {
      const f = window.API[call].bind(window.API);
      window.API[call] = (arg) => { window.calls.push(call); return f(arg); };
    }
    document.querySelector('iframe')?.remove();
    const frame = document.createElement('iframe');
    frame.title = 'Course';
    frame.style.cssText = 'width:100%;height:95vh;border:0';
    frame.src = 'course/index.html';
    document.body.append(frame);
  };
</script>
<body></body>`);
  env.site = await serve({ root: path.join(env.dir, 'lms') });
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  await env.site?.close();
  if (env.dir) fs.rmSync(env.dir, { recursive: true, force: true });
});

test('the package is SCORM 1.2: a manifest at the root, no byte-order mark, one SCO, every file listed', () => {
  const names = [...env.files.keys()];
  const manifest = env.files.get('imsmanifest.xml');
  assert.ok(manifest, names.join(', '));
  assert.notDeepEqual([...manifest.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const xml = manifest.toString('utf8');
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
  assert.match(xml, /xmlns="http:\/\/www\.imsproject\.org\/xsd\/imscp_rootv1p1p2"/);
  assert.match(xml, /xmlns:adlcp="http:\/\/www\.adlnet\.org\/xsd\/adlcp_rootv1p2"/);
  assert.match(xml, /<schemaversion>1\.2<\/schemaversion>/);
  assert.equal(xml.match(/adlcp:scormtype="sco"/g).length, 1);
  assert.match(xml, /<title>Listening &amp; presence<\/title>/);
  assert.match(xml, new RegExp(`<adlcp:masteryscore>${PASS}</adlcp:masteryscore>`));
  for (const name of names.filter((n) => n !== 'imsmanifest.xml')) {
    assert.ok(xml.includes(`<file href="${name}"/>`), `${name} listed`);
  }
  // Only the chosen scenario; no trainer's tools.
  assert.deepEqual(names.filter((n) => n.startsWith('scenarios/')).sort(), ['scenarios/index.toml', 'scenarios/yes-and.toml']);
  assert.ok(!names.some((n) => n.startsWith('trainer/')));
});

for (const [device, options] of [['tablet', TABLET], ['phone', PHONE]]) {
  test(`in scorm-again's runtime a playthrough reports its score and status, keeps suspend_data within 4,096 characters, and a new launch resumes (${device})`, async () => {
    const context = await env.browser.newContext(options);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.site.url);
    await page.evaluate(() => window.launch());
    const course = page.frameLocator('iframe');
    const frame = () => page.frames().find((f) => f !== page.mainFrame());
    await course.locator('.card').first().waitFor();
    assert.equal(await course.locator('.card').count(), 1);
    const api = (name) => page.evaluate((n) => window.API.LMSGetValue(n), name);
    assert.equal(await api('cmi.core.lesson_status'), 'incomplete');
    // The course's mode is fixed: assessment.
    assert.equal(await frame().evaluate(() => localStorage.getItem('attune.mode')), 'assessment');

    // Two replies in, the conversation is in suspend_data.
    await course.getByRole('link', { name: 'Play “The idea at the end of the shift”' }).tap();
    for (let i = 0; i < 2; i++) {
      await course.locator('button.choice').first().tap();
      await course.locator('.line.trainee').nth(i).waitFor();
    }
    await page.waitForFunction(() => String(window.API.cmi.suspend_data).startsWith('1:'));
    const said = await course.locator('.line.trainee .text').allInnerTexts();
    const suspend = await api('cmi.suspend_data');

    // A new launch, on another device (nothing in its storage), with what the LMS kept.
    await frame().evaluate(() => localStorage.clear());
    await page.evaluate((data) => window.launch({ cmi: { suspend_data: data, core: { entry: 'resume' } } }), suspend);
    await course.locator('.line.trainee').nth(1).waitFor();
    assert.deepEqual(await course.locator('.line.trainee .text').allInnerTexts(), said);

    // To the end: a score from 0 to 100, and passed or failed against the pass mark.
    const replies = await playToEnding(frame());
    assert.ok(replies >= 2);
    await page.waitForFunction(() => window.API.cmi.core.score.raw !== '');
    const raw = Number(await api('cmi.core.score.raw'));
    assert.ok(raw >= 0 && raw <= 100, `raw ${raw}`);
    assert.equal(await api('cmi.core.score.min'), '0');
    assert.equal(await api('cmi.core.score.max'), '100');
    assert.equal(await api('cmi.core.lesson_status'), raw >= PASS ? 'passed' : 'failed');
    // The score is the mean of what the debrief shows.
    const shown = await course.locator('.ending').innerText();
    const presence = Number(/Presence\s*(\d+)/i.exec(shown)?.[1]);
    const listening = Number(/Listening\s*(\d+)/i.exec(shown)?.[1]);
    if (Number.isFinite(presence) && Number.isFinite(listening)) assert.equal(raw, Math.round((presence + listening) / 2));
    // The conversation ended: nothing to resume.
    await page.waitForFunction(() => window.API.cmi.suspend_data === '');
    const longest = await page.evaluate(() => window.longest);
    assert.ok(longest > 0 && longest <= 4096, `suspend_data reached ${longest} characters`);

    // Leaving the course: the session's time, a commit and LMSFinish.
    await page.evaluate(() => { document.querySelector('iframe').src = 'about:blank'; });
    await page.waitForFunction(() => window.calls.includes('LMSFinish'));
    assert.match(await page.evaluate(() => window.sessionTime), /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    // And the runtime took it (a malformed time would have been refused).
    assert.equal(await page.evaluate(() => String(window.API.lastErrorCode)), '0');
    const calls = await page.evaluate(() => window.calls);
    assert.ok(calls.indexOf('LMSInitialize') >= 0 && calls.lastIndexOf('LMSCommit') < calls.lastIndexOf('LMSFinish'), calls.join(' '));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('outside an LMS the package is the normal site', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.site.url}course/index.html`);
  await page.locator('.card').first().waitFor();
  await page.getByRole('link', { name: /^Play/ }).tap();
  await page.locator('button.choice').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
