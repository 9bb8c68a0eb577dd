// Generates hostile scenario files and checks that the release CLI gives each a verdict
// (exit 0 or 1, never a panic) within 10 s, 1 GiB of memory and 1 MB of output.
//
//   node scripts/hostile-files.mjs target/release/attune
//
// The 10 s is a guard against a hang, not a benchmark: every file takes well under a
// second (the limits are in src/scenario/mod.rs, `limits`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { files } from '../tests/e2e/hostile.mjs';

const cli = path.resolve(process.argv[2] ?? 'target/release/attune');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-hostile-'));

let failed = 0;
for (const [name, [content, expect]] of Object.entries(files)) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const started = process.hrtime.bigint();
  const run = spawnSync('sh', ['-c', 'ulimit -v 1048576; exec "$0" validate "$1"', cli, name], {
    cwd: dir,
    timeout: 10_000,
    maxBuffer: 1 << 20,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const out = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const problems = [];
  if (run.error) problems.push(run.error.code === 'ENOBUFS' ? 'more than 1 MB of output' : String(run.error));
  if (run.signal) problems.push(`killed by ${run.signal} (time or memory)`);
  if (run.status !== 0 && run.status !== 1) problems.push(`exit code ${run.status}`);
  if (/panicked|RUST_BACKTRACE/.test(out)) problems.push('a panic');
  if (!out.includes(expect)) problems.push(`no "${expect}" in the verdict`);
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(out)) problems.push('a control or direction character in the output');
  const size = Buffer.byteLength(out);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name.padEnd(28)} exit ${run.status}, ${ms.toFixed(0).padStart(5)} ms, ${String(size).padStart(6)} bytes of output${problems.length ? `: ${problems.join('; ')}` : ''}`);
  if (problems.length) {
    failed += 1;
    console.log(out.slice(0, 600));
  }
  fs.rmSync(file);
}
fs.rmSync(dir, { recursive: true, force: true });
if (failed) {
  console.log(`${failed} hostile file(s) failed`);
  process.exit(1);
}
console.log(`every hostile file got a verdict within 10 s, 1 GiB and 1 MB of output`);
