// Metadata that must agree across files: package.json, CHANGELOG, grammars, language
// configurations, the commands the code registers, and the documented finding codes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ZONE_FILES, ZONE_FIRST_LINE } from '../../../src/core/zone/fileName';

const root = join(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes ?? {};

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(e)) out.push(p);
  }
  return out;
}

const extensionSource = files(join(root, 'src/extension'), /\.ts$/).map((f) => readFileSync(f, 'utf8')).join('\n');

describe('manifest', () => {
  test('the CHANGELOG has an entry for the package version', () => {
    assert.match(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}\\b`, 'm'));
  });

  test('every contributed command has a title and category and is registered by the extension', () => {
    for (const c of contributes.commands ?? []) {
      assert.match(c.command, /^mailsec\./);
      assert.ok(c.title, `${c.command} has a title`);
      assert.equal(c.category, 'mailsec', `${c.command} is in the mailsec category`);
      assert.ok(extensionSource.includes(`'${c.command}'`), `${c.command} is registered in src/extension`);
    }
  });

  test('menus name only contributed commands', () => {
    const ids = new Set((contributes.commands ?? []).map((c: { command: string }) => c.command));
    for (const [where, items] of Object.entries(contributes.menus ?? {}) as [string, { command?: string }[]][]) {
      for (const item of items) if (item.command) assert.ok(ids.has(item.command), `${where}: ${item.command}`);
    }
  });

  test('every setting has a scope, a default and a description', () => {
    for (const [key, s] of Object.entries(contributes.configuration?.properties ?? {}) as [string, Record<string, unknown>][]) {
      assert.match(key, /^mailsec\./);
      assert.ok(s['scope'], `${key} has a scope`);
      assert.ok('default' in s, `${key} has a default`);
      assert.ok(s['description'] || s['markdownDescription'], `${key} is documented`);
      assert.ok(extensionSource.includes(`'${key.replace(/^mailsec\./, '')}'`) || extensionSource.includes(`'${key}'`), `${key} is read by the extension`);
    }
  });

  test('grammars and language configurations exist and agree on scope names', () => {
    for (const g of contributes.grammars ?? []) {
      const file = join(root, g.path);
      assert.ok(existsSync(file), g.path);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).scopeName, g.scopeName, g.path);
    }
    for (const l of contributes.languages ?? []) if (l.configuration) assert.ok(existsSync(join(root, l.configuration)), l.configuration);
  });

  test('the dns-zone firstLine pattern is the one the CLI uses for *.db files', () => {
    const zone = (contributes.languages ?? []).find((l: { id: string }) => l.id === 'dns-zone');
    assert.ok(zone, 'dns-zone language contributed');
    assert.equal(zone.firstLine, ZONE_FIRST_LINE.source);
  });

  test('the dns-zone file names, patterns and extensions are the core definition mailsec lint uses (ZONE_FILES)', () => {
    const zone = (contributes.languages ?? []).find((l: { id: string }) => l.id === 'dns-zone');
    assert.deepEqual(
      { extensions: zone.extensions, filenames: zone.filenames, filenamePatterns: zone.filenamePatterns },
      { extensions: [...ZONE_FILES.extensions], filenames: [...ZONE_FILES.filenames], filenamePatterns: [...ZONE_FILES.filenamePatterns] },
    );
  });

  test('the oldest VS Code the integration suites run in is the one engines.vscode names, and @types/vscode matches it', async () => {
    const { RUNTIMES } = (await import(join(root, 'scripts/integration/server-runtime.mjs'))) as { RUNTIMES: Record<string, { vscode: string }> };
    const floor = /^\^(\d+)\.(\d+)\.\d+$/.exec(pkg.engines.vscode);
    assert.ok(floor, `engines.vscode is a caret range: ${pkg.engines.vscode}`);
    const [major, minor] = [floor[1], floor[2]];
    assert.match(RUNTIMES.minimum!.vscode, new RegExp(`^${major}\\.${minor}\\.\\d+$`));
    assert.match(pkg.devDependencies['@types/vscode'], new RegExp(`^~${major}\\.${minor}\\.\\d+$`));
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    assert.match(lock.packages['node_modules/@types/vscode'].version, new RegExp(`^${major}\\.${minor}\\.`));
  });

  test('activation happens on the languages and commands only, and after startup (to sniff which files are sign-in logs, for a menu)', () => {
    for (const e of pkg.activationEvents ?? []) assert.match(e, /^((onLanguage|onCommand|onWebviewPanel):|onStartupFinished$)/);
  });
});

/** Prefixes of finding codes; a new area adds its prefix here and its codes to docs/diagnostics.md. */
const PREFIXES = ['zone', 'txt', 'dkim', 'spf', 'dmarc', 'hdr', 'signin', 'banned', 'dns', 'mx', 'mta-sts', 'tlsrpt', 'verify', 'rule'];
/** String literals that look like codes but are not (a password-match kind, a header name, a package, RFC 8460's mx-host field). */
const NOT_CODES = new Set(['banned-term', 'dkim-signature', 'dns-packet', 'mx-host']);

describe('finding codes', () => {
  const docs = readFileSync(join(root, 'docs/diagnostics.md'), 'utf8');
  const codeRe = new RegExp(`^#{2,4} ((?:${PREFIXES.join('|')})-[a-z0-9-]+)\\s*$`, 'gm');
  const documented = new Set([...docs.matchAll(codeRe)].map((m) => m[1]!));
  const used = new Set<string>();
  const literal = new RegExp(`['\`]((?:${PREFIXES.join('|')})-[a-z0-9-]+)['\`]`, 'g');
  for (const f of files(join(root, 'src/core'), /\.ts$/)) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(literal)) if (!NOT_CODES.has(m[1]!)) used.add(m[1]!);
    // The shared tag-list tokenizer builds codes from its prefix (dkim-…, dmarc-…).
    for (const m of src.matchAll(/`\$\{opts\.prefix\}(-[a-z-]+)`/g)) {
      used.add(`dkim${m[1]}`);
      used.add(`dmarc${m[1]}`);
    }
    // CNAME-chain problems become dns-<problem> findings in the live checks.
    if (f.endsWith(join('dns', 'chain.ts'))) for (const m of src.matchAll(/code: '([a-z-]+)'/g)) used.add(`dns-${m[1]}`);
  }

  test('the scan finds the codes (a broken scan would pass everything)', () => {
    assert.ok(used.size >= 240, `found only ${used.size} codes`);
    for (const c of ['zone-cname-and-other-data', 'dkim-duplicate-tag', 'dns-cname-loop', 'hdr-sender-not-validated', 'signin-password-spray', 'banned-duplicate-term', 'verify-spf-fail']) assert.ok(used.has(c), `scan misses ${c}`);
  });

  test('every code the core emits is documented in docs/diagnostics.md', () => {
    assert.deepEqual([...used].filter((c) => !documented.has(c)).sort(), []);
  });

  test('every documented code is emitted somewhere', () => {
    assert.deepEqual([...documented].filter((c) => !used.has(c)).sort(), []);
  });
});
