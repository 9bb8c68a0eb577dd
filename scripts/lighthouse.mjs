// Lighthouse (mobile preset) on the release build in dist/, served under a
// subpath with gzip as a static host serves it. Runs it three times and
// prints each run and the median of every figure. Usage, from scripts/bench:
//   node scripts/lighthouse.mjs path/to/lighthouse-cli.js [runs]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { serve } from '../tests/e2e/harness.mjs';

const [cli, runsArg] = process.argv.slice(2);
if (!cli) throw new Error('usage: node scripts/lighthouse.mjs <lighthouse cli.js> [runs]');
const runs = Number(runsArg ?? 3);
const site = await serve();
const figures = [];
try {
  for (let i = 0; i < runs; i++) {
    // Asynchronously: the server runs in this process and must keep answering.
    const { stdout: out } = await promisify(execFile)(process.execPath, [
      cli,
      site.url,
      '--quiet',
      '--output=json',
      '--output-path=stdout',
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync',
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, maxBuffer: 64 << 20 });
    const r = JSON.parse(out);
    const ms = (id) => r.audits[id].numericValue;
    const run = {
      performance: Math.round(r.categories.performance.score * 100),
      accessibility: Math.round(r.categories.accessibility.score * 100),
      'best practices': Math.round(r.categories['best-practices'].score * 100),
      'FCP ms': Math.round(ms('first-contentful-paint')),
      'LCP ms': Math.round(ms('largest-contentful-paint')),
      'TBT ms': Math.round(ms('total-blocking-time')),
      CLS: Number(ms('cumulative-layout-shift').toFixed(3)),
    };
    figures.push(run);
    const lcp = r.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
    console.log(`lighthouse run ${i + 1}: ${Object.entries(run).map(([k, v]) => `${k} ${v}`).join(', ')}; LCP element ${lcp?.selector ?? '?'}`);
  }
} finally {
  await site.close();
}
const median = (k) => figures.map((f) => f[k]).sort((a, b) => a - b)[Math.floor(figures.length / 2)];
console.log(`lighthouse median of ${runs}: ${Object.keys(figures[0]).map((k) => `${k} ${median(k)}`).join(', ')}`);
