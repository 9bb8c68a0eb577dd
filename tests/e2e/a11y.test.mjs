// Accessibility: axe on every screen, a keyboard-only playthrough, and timing semantics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useSite, playToEnding, makeWorkshop, TABLET, PHONE, watchErrors } from './harness.mjs';

const env = useSite();

async function axe(page, what) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = result.violations.map((v) => `${what}: ${v.id} (${v.nodes.length}): ${v.help} at ${v.nodes[0]?.target}`);
  assert.deepEqual(found, [], found.join('\n'));
}

for (const [name, device] of [['tablet', TABLET], ['phone', PHONE]]) {
  test(`axe finds no violations on any screen (${name})`, async () => {
    const context = await env.browser.newContext(device);
    const page = await context.newPage();
    await page.goto(env.site.url);
    await page.locator('.card').first().waitFor();
    await axe(page, 'library');
    await page.goto(`${env.site.url}#/play/yes-and`);
    await page.locator('button.choice').first().waitFor();
    await axe(page, 'conversation');
    await playToEnding(page, { pick: () => 0 });
    await axe(page, 'debrief');
    await page.goto(`${env.site.url}#/progress`);
    await page.locator('table.attempts').waitFor();
    await axe(page, 'progress');
    await page.goto(`${env.site.url}about.html`);
    await page.getByRole('heading', { name: 'About Attune' }).waitFor();
    await axe(page, 'about');
    // The trainer's page: empty, with a file's problems beside their lines, with a
    // playtest, and the library with a kept scenario.
    await page.goto(`${env.site.url}trainer/`);
    await page.locator('.open-file input[type=file]:enabled').waitFor({ state: 'attached' });
    await axe(page, 'trainer');
    await page.locator('.open-file input[type=file]').setInputFiles('tests/data/invalid/unknown-target.toml');
    await page.locator('pre.source').first().waitFor();
    await axe(page, 'trainer, problems');
    await page.locator('.open-file input[type=file]').setInputFiles('tests/data/minimal.toml');
    await page.locator('table.endings').waitFor();
    await axe(page, 'trainer, playtest');
    await page.getByRole('button', { name: 'Keep on this device' }).click();
    await page.locator('.kept li').waitFor();
    await axe(page, 'trainer, kept');
    await page.getByRole('button', { name: 'Share by link' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    await axe(page, 'trainer, share link');
    const sizes = await page.locator('main button, main a.button, main label.button').evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect()).map((r) => [r.width, r.height]));
    for (const [w, h] of sizes) assert.ok(w >= 44 && h >= 44, `trainer: target ${w}x${h}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `trainer: horizontal overflow of ${overflow}px`);
    await page.goto('about:blank');
    await page.goto(link);
    await page.locator('section.shared').waitFor();
    await axe(page, 'trainer, opened from a share link');
    await page.goto(env.site.url);
    await page.locator('.card', { hasText: 'Mini' }).waitFor();
    await axe(page, 'library with your scenarios');
    // A workshop: set up, projected, joined, and the library it offers.
    const workshop = await makeWorkshop(page, env.site.url, { name: 'Room 2', scenarios: ['Fourth call, no connection'] });
    await axe(page, 'trainer, workshop link');
    await page.getByRole('button', { name: 'Show full screen' }).tap();
    await page.getByRole('dialog').waitFor();
    await axe(page, 'trainer, workshop projected');
    await page.goto('about:blank');
    await page.goto(workshop);
    await page.getByRole('button', { name: 'Join the workshop' }).waitFor();
    await axe(page, 'joining a workshop');
    await page.getByLabel('Your name, as your trainer will see it').fill('Ada');
    await page.getByRole('button', { name: 'Join the workshop' }).tap();
    await page.locator('.joined').waitFor();
    await axe(page, 'library in a workshop');
    await context.close();
  });
}

test('axe finds no violations where a hosted file or the index is broken', async () => {
  const context = await env.browser.newContext(TABLET);
  await context.route('**/scenarios/yes-and.toml', (r) => r.fulfill({ status: 200, body: 'title = \n' }));
  const page = await context.newPage();
  await page.goto(`${env.site.url}#/play/yes-and`);
  await page.getByRole('button', { name: 'Try again' }).waitFor();
  await axe(page, 'file could not be opened');
  await page.getByRole('link', { name: 'Back to the library' }).click();
  await page.getByText('This file could not be opened:').waitFor();
  await axe(page, 'library with a broken file');
  await context.route('**/scenarios/index.toml', (r) => r.fulfill({ status: 404, body: '' }));
  await page.reload();
  await page.getByRole('alert').waitFor();
  await axe(page, 'library without an index');
  await context.close();
});

test('a full playthrough works by keyboard alone', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(env.site.url);
  await page.locator('.card').first().waitFor();
  // Tab to the first scenario's Play link and open it.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.textContent === 'Play')) break;
  }
  await page.keyboard.press('Enter');
  await page.locator('button.choice').first().waitFor();
  for (let replies = 0; replies < 60 && !(await page.locator('.ending').count()); replies++) {
    // Replies are inert for half a second after each reply (a repeated press is not a choice).
    await page.locator('.ending, button.choice:enabled').first().waitFor();
    if (await page.locator('.ending').count()) break;
    let onChoice = false;
    for (let i = 0; i < 40 && !onChoice; i++) {
      await page.keyboard.press('Tab');
      onChoice = await page.evaluate(() => document.activeElement?.classList.contains('choice'));
    }
    assert.ok(onChoice, 'a reply can be reached with Tab');
    await page.keyboard.press('Enter');
    await page.locator('.line.trainee').nth(replies).waitFor();
  }
  await page.locator('.ending').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('in the physician scenario, "mm-hm" is not an interruption and replying early is', async () => {
  const context = await env.browser.newContext(TABLET);
  const page = await context.newPage();
  await page.goto(`${env.site.url}#/play/interrupting-physician`);
  await page.locator('p.speaking:not([hidden])').waitFor();
  await page.getByRole('button', { name: /^Mm-hm/ }).tap();
  // It shows as the trainee's own "mm-hm", and does not take the floor.
  await page.locator('.line.trainee.aside', { hasText: 'Mm-hm.' }).waitFor();
  assert.equal(await page.locator('.line.trainee:not(.aside)').count(), 0, 'a back-channel does not take the floor');
  assert.equal(await page.locator('p.speaking:not([hidden])').count(), 1, 'she is still speaking');
  await page.locator('button.choice', { hasText: "Let's start with the knee" }).tap();
  const reply = page.locator('.line.trainee:not(.aside)').first();
  await reply.waitFor();
  assert.match(await reply.innerText(), /you cut in/);
  // The concern that mattered was never said.
  assert.equal(await page.locator('.line.partner', { hasText: 'tightness in my chest' }).count(), 0);
  for (let i = 1; i < 60 && !(await page.locator('.ending').count()); i++) {
    await page.locator('button.choice').first().tap();
    await page.locator('.line.trainee:not(.aside)').nth(i).waitFor();
  }
  const facts = await page.locator('.ending').innerText();
  assert.match(facts, /Back-channels\s+1/);
  // Each reply that cut in is marked with the signal, by its label and its effect.
  assert.match(await page.locator('ol.review ul.signals').first().innerText(), /Interruption \(-\d+ listening/);
  await context.close();
});

test('text scales to 200% without sideways scrolling, and reduced motion stops the animation', async () => {
  const context = await env.browser.newContext({ ...TABLET, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${env.site.url}#/play/irate-customer`);
  await page.locator('.line.partner').first().waitFor();
  assert.equal(await page.locator('.line.partner').first().evaluate((e) => getComputedStyle(e).animationName), 'none');
  // Lines still arrive at speaking pace: the last one has not begun yet.
  assert.equal(await page.locator('.line.partner', { hasText: 'I missed a presentation' }).count(), 0);
  for (const route of ['#/', '#/play/irate-customer', '#/progress', 'about.html']) {
    await page.goto(`${env.site.url}${route}`);
    await page.locator('main h1').waitFor();
    // Set through the CSS object model: the site's policy rightly refuses an inline style sheet.
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${route}: horizontal overflow of ${overflow}px at 200% text`);
  }
  await context.close();
});
