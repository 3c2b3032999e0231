import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const md = readFileSync(join(root, 'docs', 'diagnostics.md'), 'utf8');

function codes(file: string, prefix: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8');
  return new Set([...text.matchAll(new RegExp(`'(${prefix}-[a-z0-9-]+)'`, 'g'))].map((m) => m[1]!));
}
const documented = (prefix: string) => new Set([...md.matchAll(new RegExp(`^### (${prefix}-[a-z0-9-]+)\\s*$`, 'gm'))].map((m) => m[1]!));

for (const [prefix, file, min] of [
  ['signin', 'src/core/signins/findings.ts', 12],
  ['banned', 'src/core/bannedPasswords/lint.ts', 7],
] as const) {
  void test(`every ${prefix}- code has a ### heading in docs/diagnostics.md, and every documented one is emitted`, () => {
    const inSource = codes(file, prefix);
    const docs = documented(prefix);
    assert.ok(inSource.size >= min, `found only ${inSource.size} codes in ${file}`);
    assert.deepEqual([...inSource].filter((c) => !docs.has(c)).sort(), []);
    assert.deepEqual([...docs].filter((c) => !inSource.has(c)).sort(), []);
  });
}
