// Draws the app's install icons (assets/icons/*.png) from assets/icon.svg with Chromium,
// for the web app manifest: 192 and 512 pixels, and a maskable 512 whose face sits in
// the middle 60% (a launcher may cut the square to a circle). Run by hand after the icon
// changes: node scripts/icons.mjs
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const svg = fs.readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const maskable = svg
  .replace('<rect width="64" height="64" rx="14"', '<rect width="64" height="64"')
  .replace('viewBox="0 0 64 64"', 'viewBox="-10 -10 84 84"')
  .replace('<rect width="64" height="64"', '<rect x="-10" y="-10" width="84" height="84"');
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const [name, size, art] of [['icon-192.png', 192, svg], ['icon-512.png', 512, svg], ['icon-maskable-512.png', 512, maskable]]) {
  await page.setViewportSize({ width: size, height: size });
  const sized = art.replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${sized}`);
  await page.locator('svg').screenshot({ path: new URL(`../assets/icons/${name}`, import.meta.url).pathname, omitBackground: true });
}
await browser.close();
