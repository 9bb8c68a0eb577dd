// Trunk post-build hook: minifies the JavaScript glue wasm-bindgen writes, in
// release builds only (Trunk's own minifier leaves that file alone). It saves
// about 1.7 KB of the first page load, gzip. Subresource-integrity hashes are
// off in Trunk.toml, as they would no longer match the minified file; every
// file is served from the same place as the page, so they protected nothing.
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('minify-js: run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
if (process.env.TRUNK_PROFILE === 'release') {
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const file = path.join(dir, name);
    const { code } = transformSync(fs.readFileSync(file, 'utf8'), { minify: true, format: 'esm', target: 'es2020' });
    fs.writeFileSync(file, code);
  }
}
