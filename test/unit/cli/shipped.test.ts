// The CLI as shipped: dist/cli.js in its own process. Each command is its own esbuild bundle, so
// what works in-process from the TypeScript sources (one UsageError class) can fail here (one
// class per chunk: every usage error used to exit 3 without the usage).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../../src/cli/commands/index';
import { root, runBuilt } from './builtCli';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** Bad usage of each command: every command needs its cases here (a new command adds its own). */
const BAD_USAGE: Record<string, string[][]> = {
  lint: [[], ['--format', 'xml', 'x.zone'], ['--fail-on', 'sometimes', 'x.zone']],
  check: [[], ['dkim'], ['spf', 'example.com', '--fail-on', 'sometimes']],
  verify: [[], ['-', '--fail-on', 'sometimes']],
  analyze: [[], ['--format', 'xml', 'x.eml'], ['--fail-on', 'sometimes', 'x.eml']],
  'banned-passwords': [[], ['frobnicate', 'x.txt'], ['lint', 'x.txt', '--fail-on', 'sometimes']],
  signins: [[], ['--format', 'xml', 'log.csv'], ['log.csv', '--fail-on', 'sometimes']],
  'transport-rules': [['--mode', 'Bogus'], ['--no-config', '--fail-on', 'sometimes']],
};

describe('dist/cli.js, run as a user runs it', () => {
  test('every command has bad-usage cases here', () => {
    assert.deepEqual(commands.map((c) => c.name).filter((n) => !BAD_USAGE[n]), []);
  });

  for (const { name } of commands) {
    for (const args of [...(BAD_USAGE[name] ?? []), ['--no-such-option', 'x']]) {
      test(`mailsec ${name} ${args.join(' ')}: exit 64 with the command's usage`, () => {
        const r = runBuilt([name, ...args], { input: 'From: a@example.com\n\n' });
        assert.equal(r.status, 64, `exit ${r.status}\n${r.stderr}`);
        assert.match(r.stderr, new RegExp(`^mailsec ${name}: \\S`));
        assert.match(r.stderr, new RegExp(`Usage: mailsec ${name}`));
        assert.match(r.stderr, /Exit status: 0 clean, 1 warnings only, 2 errors or failures found, 3 could not run/);
        assert.equal(r.stdout, '');
      });
    }
  }

  test('no command, or an unknown one: exit 64 with the command list', () => {
    for (const args of [[], ['frobnicate']]) {
      const r = runBuilt(args);
      assert.equal(r.status, 64, r.stderr);
      assert.match(r.stderr, /Usage: mailsec <command>/);
    }
  });

  test('every --help prints the one exit-status table and --fail-on, and exits 0', () => {
    for (const { name } of commands) {
      const r = runBuilt([name, '--help']);
      assert.equal(r.status, 0, name);
      assert.match(r.stdout, /--fail-on error\|warning\|never/, name);
      assert.match(r.stdout, /Exit status: 0 clean, 1 warnings only, 2 errors or failures found, 3 could not run\n\(input unreadable, DNS unreachable\), 64 bad usage\./, name);
    }
    const top = runBuilt(['--help']);
    assert.equal(top.status, 0);
    assert.match(top.stdout, /64 bad usage/);
  });

  test('--version prints package.json\'s version', () => {
    const r = runBuilt(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${pkg.version}\n`);
  });

  test('lint - reads standard input; warnings exit 1, errors 2, --fail-on never 0; an unreadable file 3', () => {
    const head = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
    const warn = runBuilt(['lint', '-', '--origin', 'example.com.'], { input: head + 'www 300 IN A 192.0.2.2\nwww 600 IN A 192.0.2.3\n' });
    assert.equal(warn.status, 1, warn.stderr);
    assert.match(warn.stdout, /^-:6:5 warning zone-ttl-mismatch /m);
    const err = runBuilt(['lint', '-'], { input: head + 'x IN A 1.2.3\n' });
    assert.equal(err.status, 2, err.stderr);
    assert.equal(runBuilt(['lint', '-', '--fail-on', 'never'], { input: head + 'x IN A 1.2.3\n' }).status, 0);
    const missing = runBuilt(['lint', 'no/such/file.zone']);
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /no such file or folder/);
  });

  test('lint --format sarif from the bundle names its version', () => {
    const r = runBuilt(['lint', '--format', 'sarif', 'examples/example.net.zone']);
    assert.equal(r.status, 0, r.stderr);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { version: string } } }[] };
    assert.equal(log.runs[0]!.tool.driver.version, pkg.version);
  });
});
