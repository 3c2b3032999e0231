#!/usr/bin/env node
// The README's first command ends here: build, then lint the bundled examples with the
// CLI exactly as a user would, and exit with mailsec lint's own status. examples/example.com.zone
// holds deliberate mistakes, so that status is 2 (errors found): the README says so.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--no-tests'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log('\n$ mailsec lint examples/\n');
const lint = spawnSync(process.execPath, ['dist/cli.js', 'lint', 'examples/'], { cwd: root, stdio: 'inherit' });
const status = lint.status ?? 3;
console.log(
  status === 2
    ? '\nmailsec lint exited 2: errors found, as intended — examples/example.com.zone is full of mistakes; examples/example.net.zone is clean.\nTry the fixes: cp examples/example.com.zone /tmp && node dist/cli.js lint --fix /tmp/example.com.zone'
    : `\nmailsec lint exited ${status}; the examples should give 2 (errors in examples/example.com.zone).`,
);
process.exit(status);
