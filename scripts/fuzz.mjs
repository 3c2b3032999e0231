#!/usr/bin/env node
// `npm run fuzz`: the fuzz tier (test/fuzz/*.test.ts) with MAILSEC_FUZZ_RUNS=100000 runs per
// property (the test tier runs each with its own few thousand). Same fixed seed unless
// MAILSEC_FUZZ_SEED is set; MAILSEC_FUZZ_RUNS already set wins.
//   npm run fuzz [-- test/fuzz/one.test.ts]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [join(root, 'scripts/run-unit.mjs'), ...(args.length ? args : ['test/fuzz'])], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, MAILSEC_FUZZ_RUNS: process.env.MAILSEC_FUZZ_RUNS || '100000' },
});
process.exit(r.status ?? 1);
