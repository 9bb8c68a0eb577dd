// Trunk post-build hook: gives release builds a Content-Security-Policy, as a meta tag
// (the site is hosted on static hosts, where headers cannot be set). The policy allows
// only the page's own files, the inline start-up script Trunk writes (by its SHA-256,
// which changes with every build), and compiling WebAssembly; nothing inline, nothing
// from elsewhere. `worker-src` and `manifest-src` are the page's own, for an offline
// service worker and an installable app.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp: run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
// The about page first, in every build (a plain page with its own strict policy), so the
// service worker, written next, caches it with the rest (the site's top only).
if (!process.env.ATTUNE_TRAINER_BUILD) await import('./about.mjs');
if (process.env.TRUNK_PROFILE === 'release') {
  // First the service worker and its registration script, which the policy must allow
  // (the site's top page only: not the trainer's page, built inside it by trainer.mjs).
  if (!process.env.ATTUNE_TRAINER_BUILD) await import('./sw.mjs');
  const file = path.join(dir, 'index.html');
  const html = fs.readFileSync(file, 'utf8');
  // Every inline script: a <script> without src, with its exact text.
  const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  const policy = [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')} 'wasm-unsafe-eval'`,
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  const meta = `<meta http-equiv=Content-Security-Policy content="${policy}">`;
  // Right after the character set, before anything the policy governs.
  const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i;
  if (!charset.test(html)) throw new Error('csp: index.html has no <meta charset=utf-8> to place the policy after');
  if (html.includes('Content-Security-Policy')) throw new Error('csp: index.html already has a policy');
  fs.writeFileSync(file, html.replace(charset, (m) => m + meta));
}
