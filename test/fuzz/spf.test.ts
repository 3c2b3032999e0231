/**
 * Fuzz tier, SPF: the record parser (parseSpfRecord, with its term and macro scanners)
 * and the macro expander (expandMacroString, queryName) never throw on any input, and
 * their time grows linearly with the input (10 KB, 100 KB, 1 MB of each adversarial
 * pattern). Fixed seed; MAILSEC_FUZZ_RUNS raises the number of runs (default 2,000).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSpfRecordSet, parseSpfRecord } from '../../src/core/mailrecords/spf';
import { expandMacroString, queryName, type MacroValues } from '../../src/core/mailrecords/spfExpand';
import { fuzzRuns } from './runs';

const { numRuns: RUNS, seed: SEED } = fuzzRuns(2000);

/** Pieces SPF records are made of, and the characters that broke parsers before. */
const PIECES = ['v=spf1', ' ', '  ', 'a', 'mx', 'ptr', 'ip4:', 'ip6:', 'include:', 'exists:', 'all', '-', '+', '~', '?', 'redirect=', 'exp=', 'x=', ':', '/', '//', '.', '%', '%{', '}', '%%', '%_', '%-', 'd', 'i', 'r', 's', 'l', 'h', 'p', 'c', 't', '1', '0', '32', '128', '192.0.2.1', '2001:db8::1', 'example.com', '\u2028', '\u2029', '\n', '\t', '\r', '\0', 'é', '\ud83d\ude00', '\ufeff', '"'];
const record = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 60 }).map((p) => p.join(''));
const spfRecord = record.map((r) => `v=spf1 ${r}`);

const VALUES: MacroValues = { s: 'strong-bad@email.example.com', l: 'strong-bad', o: 'email.example.com', d: 'email.example.com', i: '192.0.2.3', v: 'in-addr', h: 'mx.example.org', c: '192.0.2.3', r: 'receiver.example', t: '1700000000' };
const valuesArb = fc.record({ s: fc.string(), l: fc.string(), o: fc.string(), d: fc.string(), i: fc.string(), v: fc.constantFrom('in-addr', 'ip6'), h: fc.string({ unit: 'binary' }), c: fc.string(), r: fc.string(), t: fc.string() });

/** Time of f(input) for inputs of 10 KB, 100 KB and 1 MB built by `make`; each step may cost at most `factor` times the previous one (linear is 10, quadratic 100). */
function assertLinear(name: string, make: (n: number) => string, f: (s: string) => unknown, factor = 40): void {
  const time = (s: string): number => {
    let best = Infinity;
    for (let k = 0; k < (s.length > 200_000 ? 1 : 2); k++) {
      const t0 = process.hrtime.bigint();
      f(s);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return best;
  };
  const sizes = [10_000, 100_000, 1_000_000];
  f(make(sizes[0]!)); // warm up the JIT
  const times = sizes.map((n) => time(make(n)));
  for (let i = 1; i < times.length; i++) {
    // below 20 ms, JIT, GC and timer noise dominate; a quadratic step still costs 100 times the previous one
    assert.ok(times[i]! < Math.max(20, times[i - 1]!) * factor, `${name}: ${sizes.map((n, j) => `${n / 1000} KB ${times[j]!.toFixed(1)} ms`).join(', ')}`);
  }
}

const repeat = (unit: string, head = 'v=spf1 ') => (n: number): string => head + unit.repeat(Math.ceil((n - head.length) / unit.length));

void describe('fuzz: SPF record parser', () => {
  void it('never throws; every finding span lies inside the value', () => {
    fc.assert(fc.property(fc.oneof(record, spfRecord), (v) => {
      const { record: r, findings } = parseSpfRecord(v);
      for (const f of findings) assert.ok(f.span.start >= 0 && f.span.end <= v.length && f.span.start <= f.span.end, JSON.stringify(f));
      assert.ok(r.lookupCount <= r.terms.length);
      checkSpfRecordSet([v, v.slice(1)]);
    }), { numRuns: RUNS, seed: SEED });
  });

  void it('takes time linear in the input for adversarial patterns', () => {
    const patterns: Record<string, (n: number) => string> = {
      'many a: terms': repeat('a:h.example.com '),
      'macro openers': repeat('%{'),
      'unclosed macro': repeat('d', 'v=spf1 exists:%{'),
      'slashes in one term': repeat('/1', 'v=spf1 a'),
      'double slashes': repeat('//1', 'v=spf1 mx'),
      'colons in ip6': repeat(':', 'v=spf1 ip6:'),
      'percent pairs': repeat('%%', 'v=spf1 exists:'),
      'dots': repeat('.', 'v=spf1 include:a'),
      'U+2028 in macros': repeat('%{d\u2028}'),
      'spaces': repeat(' '),
      'modifiers': repeat('x=%{d} '),
      'control characters': repeat('a\t'),
    };
    for (const [name, make] of Object.entries(patterns)) assertLinear(name, make, (s) => parseSpfRecord(s));
  });
});

void describe('fuzz: SPF macro expander', () => {
  void it('never throws, with any text and any values; the query name it gives is a valid name', () => {
    fc.assert(fc.property(record, valuesArb, fc.boolean(), fc.string(), (text, values, explanation, ptr) => {
      const out = expandMacroString(text, values, explanation, ptr);
      if (out === undefined) return;
      const q = queryName(out);
      if ('name' in q) {
        assert.ok(Buffer.byteLength(q.name) <= 253);
        assert.ok(q.name.split('.').every((l) => l !== '' && Buffer.byteLength(l) <= 63), q.name);
      }
    }), { numRuns: RUNS, seed: SEED });
  });

  void it('takes time linear in the input', () => {
    const patterns: Record<string, (n: number) => string> = {
      'letters': repeat('%{d}', ''),
      'transformers': repeat('%{ir.-+,/_=}', ''),
      'reverse with count': repeat('%{d2r}.', ''),
      'url escape': repeat('%{S}', ''),
      'escapes': repeat('%%%_%-', ''),
      'literal': repeat('abc.', ''),
    };
    for (const [name, make] of Object.entries(patterns)) assertLinear(name, make, (s) => expandMacroString(s, VALUES, true), 40);
    assertLinear('long names', (n) => 'a.'.repeat(n / 2) + 'example.com', (s) => queryName(s));
  });
});
