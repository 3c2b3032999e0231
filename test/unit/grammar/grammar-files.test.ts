// Every contributed TextMate grammar is loadable the way VS Code loads it: valid JSON, the
// scope name package.json announces, every '#include' resolvable, no dead repository rules,
// and every regex accepted by Oniguruma (vscode-oniguruma does not throw on a bad pattern:
// the pattern silently matches the empty string, so a typo would go unnoticed without this).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifest, readJson, root } from './manifest';

interface Rule {
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
  repository?: Record<string, Rule>;
}
interface Grammar extends Rule {
  scopeName: string;
  repository: Record<string, Rule>;
}

interface OnigBinding {
  UTF8ToString(ptr: number): string;
  _getLastOnigError(): number;
}
interface OnigModule {
  loadWASM(data: ArrayBuffer | Uint8Array): Promise<void>;
  OnigScanner: new (patterns: string[]) => { _onigBinding: OnigBinding; dispose(): void };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- no type declarations shipped
const onig = require('vscode-oniguruma') as OnigModule;
const wasmLoaded = onig.loadWASM(readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm')));

/** Oniguruma's compile error for `pattern`, or undefined when it compiles. */
async function onigError(pattern: string): Promise<string | undefined> {
  await wasmLoaded;
  const scanner = new onig.OnigScanner([pattern]);
  const binding = scanner._onigBinding;
  const message = binding.UTF8ToString(binding._getLastOnigError());
  scanner.dispose();
  return message === 'undefined error code' ? undefined : message;
}

/** Calls `visit` for every rule object, with a path for error messages. */
function walk(rule: Rule, path: string, visit: (rule: Rule, path: string) => void): void {
  visit(rule, path);
  rule.patterns?.forEach((r, i) => walk(r, `${path}.patterns[${i}]`, visit));
  for (const key of ['captures', 'beginCaptures', 'endCaptures', 'repository'] as const) {
    for (const [name, r] of Object.entries(rule[key] ?? {})) walk(r, `${path}.${key}.${name}`, visit);
  }
}

const grammars = manifest.contributes.grammars.map((g) => ({ contribution: g, grammar: readJson(g.path) as Grammar }));

test('the regex check itself tells a broken pattern from a good one', async () => {
  assert.match((await onigError('(unclosed')) ?? '', /parenthesis/);
  assert.equal(await onigError('(?<![^\\s(])[0-9]++(?![^\\s;()])'), undefined);
});

for (const { contribution, grammar } of grammars) {
  test(`${contribution.path}: announced scope and language exist`, () => {
    assert.equal(grammar.scopeName, contribution.scopeName);
    assert.ok(manifest.contributes.languages.some((l) => l.id === contribution.language), `no language ${contribution.language}`);
  });

  test(`${contribution.path}: every #include resolves and every repository rule is used`, () => {
    const used = new Set<string>();
    const missing: string[] = [];
    walk(grammar, '$', (rule, path) => {
      if (!rule.include?.startsWith('#')) return;
      const name = rule.include.slice(1);
      used.add(name);
      if (!(name in grammar.repository)) missing.push(`${path} includes ${rule.include}`);
    });
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(grammar.repository).filter((name) => !used.has(name)), []);
  });

  test(`${contribution.path}: every regex compiles in Oniguruma`, async () => {
    const patterns: Array<[string, string]> = [];
    walk(grammar, '$', (rule, path) => {
      for (const key of ['match', 'begin', 'end', 'while'] as const) {
        const source = rule[key];
        // like vscode-textmate, put the begin captures (here: empty) into end/while back-references
        if (source !== undefined) patterns.push([`${path}.${key}`, key === 'end' || key === 'while' ? source.replace(/\\(\d+)/g, '') : source]);
      }
    });
    assert.ok(patterns.length > 0);
    const broken: string[] = [];
    for (const [path, source] of patterns) {
      const error = await onigError(source);
      if (error) broken.push(`${path}: ${error}`);
    }
    assert.deepEqual(broken, []);
  });
}

test('every language has a readable configuration whose word pattern compiles', () => {
  for (const lang of manifest.contributes.languages) {
    assert.ok(lang.configuration, `${lang.id} has no configuration`);
    assert.ok(existsSync(join(root, lang.configuration)), `${lang.configuration} is missing`);
    const config = readJson(lang.configuration) as { wordPattern?: string; brackets?: string[][] };
    if (config.wordPattern) assert.doesNotThrow(() => new RegExp(config.wordPattern ?? ''));
    for (const pair of config.brackets ?? []) assert.equal(pair.length, 2);
  }
});
