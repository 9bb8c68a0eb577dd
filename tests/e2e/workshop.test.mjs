// Workshops (release build, served under a subpath): a trainer sets one up on the
// trainer's page and gets a link and a QR code that scans back to it (decoded by jsQR, a
// decoder someone else wrote, from the pixels Chromium drew); an attendee who opens the
// link gives a display name and sees exactly the workshop's scenarios with its settings;
// a damaged link says so and opens the usual library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { useSite, appStarted, makeWorkshop as make, TABLET, PHONE, watchErrors } from './harness.mjs';

const env = useSite();

/** Reads the QR code in `locator` as a person's phone would: from its pixels on screen. */
async function scan(page, locator) {
  const png = await locator.screenshot();
  // Chromium decodes the PNG in a blank page of its own (no site policy applies there).
  const blank = await page.context().newPage();
  const { width, height, data } = await blank.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const pixels = ctx.getImageData(0, 0, img.width, img.height);
    return { width: img.width, height: img.height, data: Array.from(pixels.data) };
  }, png.toString('base64'));
  await blank.close();
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data ?? null;
}

const makeWorkshop = (page, options) => make(page, env.site.url, options);

test('a trainer makes a workshop link and a QR code that scans back to it, and can project it (tablet)', async () => {
  const context = await env.browser.newContext(TABLET);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.site.url).origin });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.site.url}trainer/`);
  // What is missing is said, and no link is made.
  await page.getByRole('button', { name: 'Make the link and QR code' }).waitFor();
  await page.getByLabel(/^Pass mark/).fill('150');
  await page.getByRole('button', { name: 'Make the link and QR code' }).tap();
  const problems = page.locator('.workshop-form .notice.error li');
  await problems.first().waitFor();
  assert.deepEqual(await problems.allInnerTexts(), [
    'Give the workshop a name; attendees see it when they join.',
    'Choose at least one scenario.',
    'A pass mark is a whole number between 0 and 100, or left empty.',
  ]);
  assert.equal(await page.getByLabel('Workshop link').count(), 0);

  const link = await makeWorkshop(page, {
    name: 'Front desk <b>Tuesday</b> & co',
    scenarios: ['The idea at the end of the shift', 'Fourth call, no connection'],
    assessment: true,
    typing: false,
    pass: '70',
  });
  // Under the site's own address, with the workshop's settings readable in it.
  assert.ok(link.startsWith(`${env.site.url}#/workshop?v=1&name=Front%20desk%20%3Cb%3ETuesday%3C%2Fb%3E%20%26%20co&scenarios=irate-customer,yes-and&mode=assessment&typing=no&pass=70&check=`), link);
  assert.match(await page.locator('.workshop-made .note').innerText(), /^2 scenarios, assessment feedback, authored replies only, pass mark 70\./);
  // The QR code on the page scans to the link.
  const qr = page.locator('.workshop-made svg.qr');
  assert.equal(await qr.getAttribute('role'), 'img');
  assert.equal(await scan(page, qr), link);
  await page.getByRole('button', { name: 'Copy the workshop link' }).tap();
  await page.getByRole('status').filter({ hasText: 'The workshop link is copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  // Full screen: the name, a code filling most of the screen that still scans, and Close
  // (or Escape) back to the page.
  await page.getByRole('button', { name: 'Show full screen' }).tap();
  const projector = page.getByRole('dialog', { name: 'Front desk <b>Tuesday</b> & co' });
  await projector.waitFor();
  const big = projector.locator('svg.qr');
  const box = await big.boundingBox();
  assert.ok(box.width >= 0.75 * 768, `a projected code ${box.width} px wide`);
  assert.equal(await scan(page, big), link);
  assert.ok(await projector.getByRole('button', { name: 'Close' }).evaluate((b) => b === document.activeElement));
  await page.keyboard.press('Escape');
  await projector.waitFor({ state: 'detached' });

  // Any change to the form takes the old link away.
  await page.getByLabel('Workshop name').fill('Another room');
  assert.equal(await page.getByLabel('Workshop link').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [device, viewport] of [['tablet', TABLET], ['phone', PHONE]]) {
  test(`an attendee joins with a name and sees only the workshop's scenarios, with its settings, until they leave (${device})`, async () => {
    const trainer = await env.browser.newContext(TABLET);
    const link = await makeWorkshop(await trainer.newPage(), {
      name: 'Tuesday front desk',
      scenarios: ['The idea at the end of the shift', 'Fourth call, no connection'],
      assessment: true,
      typing: false,
    });
    await trainer.close();

    const context = await env.browser.newContext(viewport);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Tuesday front desk' }).waitFor();
    // Once the site's list is in (it says it is loading until then), the count.
    await page.locator('.lede', { hasText: /^A workshop of 2 conversations\./ }).waitFor();
    // A name is needed; spaces alone are not one.
    const name = page.getByLabel('Your name, as your trainer will see it');
    await name.fill('   ');
    await page.getByRole('button', { name: 'Join the workshop' }).tap();
    await page.getByRole('alert').filter({ hasText: 'Enter the name your trainer will see' }).waitFor();
    await name.fill('  Sam   Lee ');
    await page.getByRole('button', { name: 'Join the workshop' }).tap();

    // The library: the workshop's name and exactly its scenarios, in its order.
    await page.locator('.joined').waitFor();
    assert.equal(new URL(page.url()).hash, '#/');
    assert.equal(await page.locator('main h1').innerText(), 'Tuesday front desk');
    assert.match(await page.locator('.joined p').first().innerText(), /^You joined as Sam Lee\./);
    assert.deepEqual(await page.locator('.card h2').allInnerTexts(), ['Fourth call, no connection', 'The idea at the end of the shift']);
    assert.equal(await page.locator('.trainer-link').count(), 0);
    for (const b of await page.locator('.joined button').all()) {
      const r = await b.boundingBox();
      assert.ok(r.width >= 44 && r.height >= 44, `Leave: ${r.width}x${r.height}`);
    }

    // A reload keeps it: it lives on this device.
    await page.reload();
    await appStarted(page);
    await page.locator('.joined').waitFor();
    await page.locator('.card').nth(1).waitFor();
    assert.equal(await page.locator('.card').count(), 2);

    // A conversation keeps the room's settings: no choice of feedback, no own words.
    await page.getByRole('link', { name: 'Play “The idea at the end of the shift”' }).tap();
    await page.locator('button.choice').first().waitFor();
    assert.equal(await page.locator('input[name=mode]').count(), 0);
    assert.equal(await page.locator('.own-words').count(), 0);
    assert.equal(await page.locator('input[name=pace]').count(), 3);

    // Leaving brings back the usual library.
    await page.goto(`${env.site.url}#/`);
    await page.getByRole('button', { name: 'Leave the workshop' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Choose a conversation' }).waitFor();
    assert.equal(await page.locator('.card').count(), 6);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a damaged or edited workshop link says so and opens the usual library (phone)', async () => {
  const trainer = await env.browser.newContext(TABLET);
  const link = await makeWorkshop(await trainer.newPage(), { name: 'Room 4', scenarios: ['The idea at the end of the shift'] });
  await trainer.close();
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  for (const bad of [
    link.slice(0, -4),
    link.replace('Room%204', 'Room%205'),
    link.replace('typing=yes', 'typing=yes&extra=1'),
    `${env.site.url}#/workshop?name=%3Cscript%3E`,
  ]) {
    await page.goto('about:blank');
    await page.goto(bad);
    await page.getByRole('alert').filter({ hasText: 'This workshop link cannot be used: the link is incomplete or has been changed' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Choose a conversation' }).waitFor();
    await page.locator('.card').first().waitFor();
    assert.equal(await page.locator('.card').count(), 6, bad);
  }
  // A link naming a scenario this site does not have offers the rest and says so (the
  // check is FNV-1a of the fields, as docs/workshops.md says).
  const fields = 'v=1&name=Elsewhere&scenarios=yes-and,not-on-this-site&mode=coach&typing=yes';
  let check = 0x811c9dc5;
  for (const b of Buffer.from(fields)) check = Math.imul(check ^ b, 0x01000193) >>> 0;
  await page.goto('about:blank');
  await page.goto(`${env.site.url}#/workshop?${fields}&check=${check.toString(16).padStart(8, '0')}`);
  await page.locator('.lede', { hasText: /^A workshop of 1 conversation \(some it names are not on this site: tell your trainer\)\./ }).waitFor();
  // One from a newer Attune says that instead.
  await page.goto('about:blank');
  await page.goto(link.replace('v=1', 'v=2'));
  await page.getByRole('alert').filter({ hasText: 'made by a newer version of Attune' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.workshop')), null);
  assert.deepEqual(errors, []);
  await context.close();
});
