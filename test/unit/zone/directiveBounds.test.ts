/**
 * Bounded work for the parser's directives (issue 11, points 2 and 10): a zone that
 * $INCLUDEs itself is reported at once instead of growing exponentially; a zone includes at
 * most so many files and so much text; $GENERATE expands at most so many records per zone,
 * and refuses the ranges BIND refuses.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintZone } from '../../../src/core/zone/lint';
import { parseZone } from '../../../src/core/zone/parser';
import { MAX_GENERATE_PER_ZONE } from '../../../src/core/zone/generate';

const HEAD = '$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

/** An in-memory file system for readInclude, counting reads. */
function files(map: Record<string, string>): { readInclude: (p: string) => { path: string; text: string }; reads: () => number } {
  let reads = 0;
  return {
    readInclude: (p) => {
      reads++;
      const path = '/z/' + p;
      const text = map[path];
      if (text === undefined) throw new Error('there is no such file');
      return { path, text };
    },
    reads: () => reads,
  };
}

describe('$INCLUDE cycles and caps', () => {
  test('a zone including itself four times: one cycle finding per $INCLUDE, at once (was 4^10 reads)', () => {
    const self = HEAD + '$INCLUDE db.self\n'.repeat(4) + 'www IN A 192.0.2.2\n';
    const fs = files({ '/z/db.self': self });
    const t0 = performance.now();
    const r = lintZone(self, { file: '/z/db.self', origin: 'example.com.', readInclude: fs.readInclude });
    assert.ok(performance.now() - t0 < 2000);
    const cycles = r.findings.filter((f) => f.code === 'zone-include-cycle');
    assert.equal(cycles.length, 4);
    assert.equal(cycles[0]!.severity, 'error');
    assert.match(cycles[0]!.message, /db\.self → db\.self/);
    assert.equal(fs.reads(), 4);
    assert.equal(r.includes.length, 0);
  });

  test('a cycle through two files names the chain; the records before it are read once', () => {
    const fs = files({ '/z/a.zone': 'a IN A 192.0.2.5\n$INCLUDE b.zone\n', '/z/b.zone': 'b IN A 192.0.2.6\n$INCLUDE a.zone\n$INCLUDE a.zone\n' });
    const r = parseZone(HEAD + '$INCLUDE a.zone\n', { file: '/z/db.example.com', origin: 'example.com.', readInclude: fs.readInclude });
    const cycles = r.findings.filter((f) => f.code === 'zone-include-cycle');
    assert.equal(cycles.length, 2);
    assert.equal(cycles[0]!.file, '/z/b.zone');
    assert.match(cycles[0]!.message, /a\.zone → b\.zone → a\.zone/);
    assert.deepEqual(r.records.filter((x) => x.file).map((x) => x.owner), ['a.example.com.', 'b.example.com.']);
  });

  test('the same file included side by side (no cycle) is read each time, up to the per-zone file cap', () => {
    const fs = files({ '/z/k.zone': 'k IN TXT "x"\n' });
    const r = parseZone(HEAD + '$INCLUDE k.zone\n'.repeat(7), { origin: 'example.com.', readInclude: fs.readInclude, maxIncludeFiles: 5 });
    assert.equal(r.includes.length, 5);
    const limit = r.findings.filter((f) => f.code === 'zone-include-limit');
    assert.equal(limit.length, 2);
    assert.match(limit[0]!.message, /already includes 5 files/);
  });

  test('a fan-out of aliases (no file on the stack twice) stops at the file cap, not at 4^10', () => {
    // Each level includes the next four times under different names: a tree, not a cycle.
    const map: Record<string, string> = {};
    for (let d = 0; d < 10; d++) map[`/z/l${d}.zone`] = `h${d} IN A 192.0.2.9\n` + `$INCLUDE l${d + 1}.zone\n`.repeat(4);
    map['/z/l10.zone'] = 'leaf IN A 192.0.2.10\n';
    const fs = files(map);
    const t0 = performance.now();
    const r = lintZone(HEAD + '$INCLUDE l0.zone\n', { origin: 'example.com.', readInclude: fs.readInclude });
    assert.ok(performance.now() - t0 < 10_000);
    assert.equal(r.includes.length, 1000);
    assert.ok(r.findings.some((f) => f.code === 'zone-include-limit'));
  });

  test('included text is capped per zone', () => {
    const fs = files({ '/z/big.zone': `b IN TXT "${'x'.repeat(200)}"\n` });
    const r = parseZone(HEAD + '$INCLUDE big.zone\n'.repeat(3), { origin: 'example.com.', readInclude: fs.readInclude, maxIncludeBytes: 500 });
    assert.equal(r.includes.length, 2);
    assert.match(r.findings.find((f) => f.code === 'zone-include-limit')!.message, /more than 0 MiB|MiB of text/);
  });
});

describe('$GENERATE bounds', () => {
  test('390 bytes of $GENERATE no longer expand to 10 million records: one per-zone cap (default 1M), with a finding', { timeout: 30_000 }, () => {
    assert.equal(MAX_GENERATE_PER_ZONE, 1_000_000);
    const text = HEAD + '$GENERATE 1-1000000 h$ A 10.0.0.1\n'.repeat(10);
    assert.ok(text.length - HEAD.length <= 390);
    const t0 = performance.now();
    const r = parseZone(text, { origin: 'example.com.', maxGeneratedRecords: 2000 });
    const generated = r.records.filter((x) => x.generatedBy).length;
    assert.ok(performance.now() - t0 < 5000);
    assert.equal(generated, 2000);
    const limit = r.findings.filter((f) => f.code === 'zone-generate-limit');
    assert.equal(limit.length, 10);
    assert.match(limit[0]!.message, /only the first 2,000 are checked/);
    assert.match(limit[1]!.message, /none of its records are checked/);
  });

  test('BIND refuses ranges past 2^31 - 1, and so does mailsec', () => {
    const r = parseZone(HEAD + '$GENERATE 2147483647-2147483648 h$ A 10.0.0.1\n$GENERATE 2147483640-2147483647 g$ A 10.0.0.1\n', { origin: 'example.com.' });
    const bad = r.findings.filter((f) => f.code === 'zone-bad-generate');
    assert.equal(bad.length, 1);
    assert.match(bad[0]!.message, /2147483647, the largest value BIND accepts/);
    assert.equal(r.records.filter((x) => x.generatedBy).length, 8);
  });
});
