// Run first by scripts/csp.mjs (a Trunk post-build hook): makes release builds work
// offline after the first load, for a workshop whose Wi-Fi drops. Writes sw.js, a
// service worker that keeps a copy of the app in the browser's cache, and a short inline
// script in index.html (scripts/csp.mjs then allows it by its hash) that registers it
// once the page has loaded, says when a new version has arrived, and asks the browser to
// keep the site's storage once there are results on the device.
//
// When it installs, the worker caches every file of the build: the page and what it
// loads first, then the scenarios and their index, the word lists and the install icons
// (the trainer's page, trainer/, is cached when a trainer opens it). Each time the
// scenario index is fetched, it also caches the scenarios the index names that it does
// not hold yet: a trainer's own, indexed after the build. It asks the network first, so
// a new build or a trainer's new scenarios arrive as soon as they are published, and
// answers from its copy when the network fails. A new build gets a new cache (named by a
// hash of the files) and the old one is deleted once the new worker is in charge.
//
// The registration script keeps the build's name on the device (`attune.build`); a page
// that loads a different build than the one before says so, calmly, once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('sw: run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
if (process.env.TRUNK_PROFILE === 'release') {
  const files = (d) => fs.readdirSync(path.join(dir, d)).sort().map((n) => (d === '.' ? n : `${d}/${n}`))
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
  const top = files('.');
  const shell = ['./', ...top, 'scenarios/index.toml'];
  // The scenarios are named by their index (the worker reads it), not listed here.
  const rest = ['lexicon', 'icons'].flatMap(files);
  const all = [...top, ...files('scenarios'), ...rest];
  const hash = crypto.createHash('sha256');
  for (const f of all) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  const cache = `attune-${hash.digest('hex').slice(0, 16)}`;
  const worker = `// Attune's offline copy, written by scripts/sw.mjs at build time.
const CACHE = ${JSON.stringify(cache)};
const SHELL = ${JSON.stringify(shell)};
const REST = ${JSON.stringify(rest)};
const INDEX = new URL('scenarios/index.toml', self.registration.scope).href;
// The scenario files an index names, as URLs, that the cache does not hold yet.
const named = (text) => [...text.matchAll(/^\\s*file\\s*=\\s*"([A-Za-z0-9_.-]+\\.toml)"/gm)]
  .map((m) => new URL('scenarios/' + m[1], self.registration.scope).href);
const indexed = (c, text) => Promise.all(named(text).map((url) => c.match(url)
  .then((hit) => hit || c.add(url)).catch(() => {})));
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)
    .then(() => Promise.all(REST.map((f) => c.add(f).catch(() => {}))))
    .then(() => c.match(INDEX)).then((r) => r && r.text()).then((t) => t && indexed(c, t)))
    .then(() => self.skipWaiting()));
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
      e.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy.clone())
        .then(() => req.url.split(/[?#]/)[0] === INDEX && copy.text().then((t) => indexed(c, t)))));
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
  // Registers the worker; tells the trainee, once, that this is a new version; and,
  // once results are kept on the device, asks the browser not to clear its storage.
  const start = `addEventListener('load',()=>{const n=navigator;n.serviceWorker?.register('./sw.js').catch(()=>{});try{const s=localStorage,k='attune.build',b=${JSON.stringify(cache)},o=s.getItem(k);s.setItem(k,b);if(o&&o!==b){const d=document.getElementById('updated');d.hidden=false;d.lastChild.onclick=()=>d.remove()}s.getItem('attune.progress')&&n.storage?.persist?.()?.catch(()=>{})}catch(e){}})`;
  const register = `<script>${transformSync(start, { minify: true, target: 'es2020' }).code.trim()}</script>`;
  if (!html.includes('</body>')) throw new Error('sw: index.html has no </body> to put the registration before');
  fs.writeFileSync(file, html.replace('</body>', `${register}</body>`));
}
