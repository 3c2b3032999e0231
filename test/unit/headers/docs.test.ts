import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');

function codesInSource(): Set<string> {
  const found = new Set<string>();
  for (const dir of ['src/core/headers', 'src/core/rules']) {
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(root, dir, file), 'utf8').matchAll(/'(hdr-[a-z0-9-]+)'/g)) found.add(m[1]!);
    }
  }
  return found;
}

describe('hdr- codes and docs/diagnostics.md', () => {
  it('every code the header analysis emits has a ### heading, and every documented code exists', () => {
    const md = readFileSync(join(root, 'docs', 'diagnostics.md'), 'utf8');
    const documented = new Set([...md.matchAll(/^### (hdr-[a-z0-9-]+)\s*$/gm)].map((m) => m[1]!));
    const inSource = codesInSource();
    assert.ok(inSource.size >= 50, `found only ${inSource.size} codes; is the scan broken?`);
    assert.deepEqual([...inSource].filter((c) => !documented.has(c)).sort(), []);
    assert.deepEqual([...documented].filter((c) => !inSource.has(c)).sort(), []);
  });
});
