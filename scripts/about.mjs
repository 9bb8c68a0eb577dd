// Run first by scripts/csp.mjs (a Trunk post-build hook), for every build: writes
// about.html, the about page, from assets/about.html with the build's hashed style sheet
// and icon. It is a plain page with no script, so the trainee's app (and its first
// load) does not carry its text; the service worker caches it with the rest of the site.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('about: run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const source = path.join(process.env.TRUNK_SOURCE_DIR || process.cwd(), 'assets', 'about.html');
const built = fs.readdirSync(dir);
const find = (re, what) => {
  const name = built.find((n) => re.test(n));
  if (!name) throw new Error(`about: no ${what} in the build (${built.join(', ')})`);
  return name;
};
const page = fs.readFileSync(source, 'utf8')
  .replace('{{style}}', find(/^style-[0-9a-f]+\.css$/, 'style sheet'))
  .replace('{{icon}}', find(/^icon-[0-9a-f]+\.svg$/, 'icon'));
fs.writeFileSync(path.join(dir, 'about.html'), page);
