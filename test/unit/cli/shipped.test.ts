// The CLI as shipped: dist/cli.js in its own process. Each command is its own esbuild bundle, so
// what works in-process from the TypeScript sources (one UsageError class) can fail here (one
// class per chunk: every usage error used to exit 3 without the usage).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { commands } from '../../../src/cli/commands/index';
import { isZoneFilePath } from '../../../src/core/zone/fileName';
import { CLI, root, runBuilt } from './builtCli';

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
  reports: [[], ['--format', 'xml', 'x.xml'], ['x.xml', '--since', 'yesterday'], ['x.xml', '--fail-on', 'sometimes']],
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

interface Hook { id: string; entry: string; args?: string[]; language: string; files: string; types?: string[]; pass_filenames?: boolean }
const hooks = parseYaml(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const lintHook = hooks.find((h) => h.id === 'mailsec-lint')!;
/** pre-commit's `files` is a Python regex searched in the path; ours uses only syntax JS shares, plus a leading (?i). */
const hookFiles = new RegExp(lintHook.files.replace(/^\(\?i\)/, ''), lintHook.files.startsWith('(?i)') ? 'i' : '');

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** What pre-commit does for the hook: staged files matching `files` and `types: [text]`, passed to `entry` (mailsec = the installed bin, dist/cli.js). */
function runHook(repo: string): { status: number | null; stdout: string; stderr: string; files: string[] } {
  const staged = git(repo, 'diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR').split('\0').filter(Boolean);
  const textOnly = (lintHook.types ?? []).includes('text');
  const files = staged.filter((f) => hookFiles.test(f) && !(textOnly && readFileSync(join(repo, f)).includes(0)));
  const [command, ...entryArgs] = lintHook.entry.split(' ');
  assert.equal(command, 'mailsec', 'the entry runs the package\'s bin');
  const r = spawnSync(process.execPath, [CLI, ...entryArgs, ...(lintHook.args ?? []), ...files], { cwd: repo, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, files };
}

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  test('a node hook whose entry is mailsec lint', () => {
    assert.equal(lintHook.language, 'node');
    assert.equal(lintHook.entry, 'mailsec lint');
    assert.notEqual(lintHook.pass_filenames, false);
  });

  test('its files pattern selects exactly the paths the editor opens as zone files by name', () => {
    const paths = [
      'example.com.zone', 'zones/example.org.ZONE', 'a/b.zonefile', 'signed/example.com.zone.signed', 'bind/db.example.com', 'etc/bind/zones/db.x',
      'named/db.example.net', 'db.local', 'x/named.root', 'root.hints', 'deploy/zones/db.example.com',
      'db.py', 'app/db.json', 'db.sqlite3', 'data.db', 'db.example.com', 'zone', 'my.zone.txt', 'bindings/db.x', 'notbind/db.x', 'example.com.zone.bak',
    ];
    for (const p of paths) assert.equal(hookFiles.test(p), isZoneFilePath(p), p);
  });

  test('run on staged files in a git repository: lints the staged zone files only, fails on errors, passes once fixed', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mailsec-precommit-'));
    git(repo, 'init', '-q');
    const head = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
    mkdirSync(join(repo, 'zones'));
    mkdirSync(join(repo, 'app'));
    writeFileSync(join(repo, 'zones/db.example.com'), head + 'x IN A 1.2.3\n');
    writeFileSync(join(repo, 'example.net.zone'), head);
    writeFileSync(join(repo, 'unstaged.zone'), head + 'y IN A 300.1.1.1\n');
    writeFileSync(join(repo, 'app/db.py'), 'import sqlite3\n');
    writeFileSync(join(repo, 'app/db.json'), '{}\n');
    writeFileSync(join(repo, 'app/db.sqlite3'), Buffer.from('SQLite format 3\0\0\0'));
    git(repo, 'add', 'zones/db.example.com', 'example.net.zone', 'app');
    const bad = runHook(repo);
    assert.deepEqual(bad.files, ['example.net.zone', 'zones/db.example.com']);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stdout, /^zones\/db\.example\.com:5:8 error zone-bad-ipv4 /m);
    assert.doesNotMatch(bad.stdout, /unstaged|db\.py|db\.json|sqlite/);
    writeFileSync(join(repo, 'zones/db.example.com'), head + 'x IN A 192.0.2.3\n');
    git(repo, 'add', 'zones/db.example.com');
    const good = runHook(repo);
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /^2 files checked: 0 errors/m);
  });
});

describe('the npm package', () => {
  test('ships only what the CLI runs (package.json files) and depends on nothing: esbuild bundled it all', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: object; bin: Record<string, string> };
    assert.equal(manifest.dependencies, undefined, 'every runtime dependency is bundled: none is installed again');
    runBuilt(['--version']);
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
    for (const f of files) assert.match(f, /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/cli\.js|dist\/chunks\/cli-commands-[a-z-]+\.chunk\.js|dist\/vendor\/[a-z]+\.js)$/, f);
    assert.ok(files.includes(manifest.bin.mailsec!), 'the bin is shipped');
    for (const c of commands) assert.ok(files.includes(`dist/chunks/cli-commands-${c.name}.chunk.js`), `${c.name} chunk shipped`);
  });

  test('installs globally from its tarball with no network and runs as mailsec', () => {
    runBuilt(['--version']);
    const dir = mkdtempSync(join(tmpdir(), 'mailsec-pack-'));
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], { cwd: root, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = join(dir, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
    const prefix = join(dir, 'prefix');
    const install = spawnSync('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { cwd: dir, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stdout + install.stderr);
    assert.match(install.stdout, /added 1 package/);
    const bin = join(prefix, process.platform === 'win32' ? 'mailsec.cmd' : 'bin/mailsec');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.equal(version.stdout, `${pkg.version}\n`, version.stderr);
    const lint = spawnSync(bin, ['lint', join(root, 'examples')], { encoding: 'utf8' });
    assert.equal(lint.status, 2, lint.stderr);
    assert.match(lint.stdout, /2 files checked: \d+ errors/);
  });
});
