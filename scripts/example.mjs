#!/usr/bin/env node
// The README's first command ends here: build, then lint the bundled examples with the
// CLI exactly as a user would. examples/example.com.zone holds deliberate mistakes, so the
// linter exits 1 (errors found) — that is the expected outcome, and this script says so.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--no-tests'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log('\n$ mailsec lint examples/\n');
const lint = spawnSync(process.execPath, ['dist/cli.js', 'lint', 'examples/'], { cwd: root, stdio: 'inherit' });
if (lint.status === 1) {
  console.log('\nmailsec lint exited 1: errors found, as expected — examples/example.com.zone is full of mistakes; examples/example.net.zone is clean.');
  console.log('Try the fixes: cp examples/example.com.zone /tmp && node dist/cli.js lint --fix /tmp/example.com.zone');
  process.exit(0);
}
console.error(`\nmailsec lint exited ${lint.status}; expected 1 (errors in examples/example.com.zone).`);
process.exit(1);
