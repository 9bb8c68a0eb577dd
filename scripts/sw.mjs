// Run first by scripts/csp.mjs (a Trunk post-build hook): makes release builds work
// offline, for a workshop whose Wi-Fi drops. Writes sw.js, a service worker that keeps a copy of the app in the browser's
// cache, and a one-line inline script in index.html that registers it once the page
// has loaded (scripts/csp.mjs then allows that script by its hash).
//
// The worker caches the app's own files when it installs (the page, its script, wasm,
// style, icon and the scenario index: what the first page loads anyway), and every other
// file of the site the first time the app fetches it (a scenario, the word lists; the
// app fetches all scenarios ahead once one is opened). It asks the network first, so a
// new build or a trainer's new scenarios arrive as soon as they are published, and
// answers from its copy when the network fails. A new build gets a new cache (named by
// a hash of the files) and the old one is deleted.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('sw: run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
if (process.env.TRUNK_PROFILE === 'release') {
  const top = fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isFile()).sort();
  const shell = ['./', ...top, 'scenarios/index.toml'];
  const all = [...top, ...['scenarios', 'lexicon'].flatMap((d) =>
    fs.readdirSync(path.join(dir, d)).sort().map((n) => `${d}/${n}`))];
  const hash = crypto.createHash('sha256');
  for (const f of all) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  const cache = `attune-${hash.digest('hex').slice(0, 16)}`;
  const worker = `// Attune's offline copy, written by scripts/sw.mjs at build time.
const CACHE = ${JSON.stringify(cache)};
const SHELL = ${JSON.stringify(shell)};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('attune-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith(fetch(req).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      e.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy)));
    }
    return res;
  }).catch(() => caches.open(CACHE)
    .then((c) => c.match(req, { ignoreSearch: true }).then((hit) => hit || (req.mode === 'navigate' ? c.match('./') : undefined)))
    .then((hit) => hit || Response.error())));
});
`;
  // Written whole under another name, then renamed: the glue minifier may be running.
  const tmp = path.join(dir, 'sw.js.part');
  fs.writeFileSync(tmp, transformSync(worker, { minify: true, target: 'es2020' }).code);
  fs.renameSync(tmp, path.join(dir, 'sw.js'));
  const file = path.join(dir, 'index.html');
  const html = fs.readFileSync(file, 'utf8');
  const register = "<script>if('serviceWorker'in navigator)addEventListener('load',()=>navigator.serviceWorker.register('./sw.js').catch(()=>{}))</script>";
  if (!html.includes('</body>')) throw new Error('sw: index.html has no </body> to put the registration before');
  fs.writeFileSync(file, html.replace('</body>', `${register}</body>`));
}
