// Trunk post-build hook: builds the trainer's page (trainer.html, the `attune-trainer`
// binary) into trainer/ of the site being built, with Trunk itself, so the trainee's
// page and its first load never carry the trainer's tools. Runs for every build (so
// `scripts/serve` has the page too), in the same profile; the inner build's own hooks
// minify its glue and give it a Content-Security-Policy, and skip the service worker
// (the site's worker, at the top, already covers trainer/ once it has been opened).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('trainer: run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
if (!process.env.ATTUNE_TRAINER_BUILD) {
  // The inner Trunk reads its settings from Trunk.toml and the command line only.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TRUNK_')));
  env.ATTUNE_TRAINER_BUILD = '1';
  const args = ['build', 'trainer.html', '--dist', path.join(dir, 'trainer'), '--offline', '--locked'];
  if (process.env.TRUNK_PROFILE === 'release') args.push('--release');
  const run = spawnSync('trunk', args, { stdio: 'inherit', env, cwd: process.env.TRUNK_SOURCE_DIR || process.cwd() });
  if (run.status !== 0) throw new Error(`trainer: trunk ${args.join(' ')} failed (${run.error ?? `exit ${run.status}`})`);
}
