import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const PREFIXES = /^(dkim|spf|dmarc|dns|mx|mta-sts|tlsrpt|verify)-/;

/** Codes the live checks create: literal first arguments of checkFinding, codes chosen in ternaries, dns-<chain problem>. */
function codesInChecks(): Set<string> {
  const found = new Set<string>();
  const dir = join(root, 'src', 'core', 'checks');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/checkFinding\(\s*'([a-z0-9-]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/'([a-z0-9-]+)'\s*:\s*'([a-z0-9-]+)'/g)) for (const c of [m[1]!, m[2]!]) if (PREFIXES.test(c)) found.add(c);
    for (const m of text.matchAll(/const code = [^;]*;/g)) for (const c of m[0].matchAll(/'([a-z0-9-]+)'/g)) if (PREFIXES.test(c[1]!)) found.add(c[1]!);
  }
  const chain = readFileSync(join(root, 'src', 'core', 'dns', 'chain.ts'), 'utf8');
  for (const m of chain.matchAll(/code: '([a-z-]+)'/g)) found.add(`dns-${m[1]}`);
  return found;
}

void describe('live check codes and docs/diagnostics.md', () => {
  void it('every code the checks emit has a ### heading', () => {
    const md = readFileSync(join(root, 'docs', 'diagnostics.md'), 'utf8');
    const codes = codesInChecks();
    for (const c of ['dns-cname-loop', 'dns-cname-chain-too-long', 'spf-include-no-record', 'spf-redirect-no-record', 'spf-ip-permitted', 'spf-ip-not-permitted', 'verify-spf-fail']) {
      assert.ok(codes.has(c), `scan misses ${c}`);
    }
    const missing = [...codes].filter((c) => !new RegExp(`^### ${c}\\s*$`, 'm').test(md));
    assert.deepEqual(missing, []);
    assert.ok(codes.size >= 45, `only ${codes.size} codes found; is the scan broken?`);
  });
});
