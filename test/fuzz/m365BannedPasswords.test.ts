/**
 * The banned-password list parser and its advice under fuzzing: any text is linted without
 * throwing, lines end at CR, LF or CRLF, and every line it calls redundant (offering to
 * remove it) really is: removing them all changes no password's evaluation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { evaluatePassword } from '../../src/core/bannedPasswords/evaluate';
import { lintBannedPasswordList, type TextEditFix } from '../../src/core/bannedPasswords/lint';
import { applyEdits } from '../../src/core/text/edits';
import { runs, SEED } from './m365Common';

const letters = fc.constantFrom('a', 'b', 'c', 'o', 's', 't', 'n', '0', '1', '$', '@', 'A', 'C', 'O', 'S');
const term = fc.string({ unit: letters, minLength: 1, maxLength: 18 });
const eol = fc.constantFrom('\n', '\r', '\r\n');
const list = fc.array(fc.tuple(fc.constantFrom('', ' ', '\t'), term, fc.constantFrom('', ' '), eol), { maxLength: 12 }).map((lines) => lines.map(([a, t, b, e]) => a + t + b + e).join(''));

void test('any text: no throw, one term per CR/LF/CRLF line, spans inside the text', () => {
  fc.assert(
    fc.property(fc.oneof(list, fc.string({ maxLength: 200 })), (text) => {
      const r = lintBannedPasswordList(text);
      const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
      assert.deepEqual(r.terms.map((t) => t.text), lines.map((l) => l.trim()));
      for (const f of r.findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end);
    }),
    { seed: SEED, numRuns: runs() },
  );
});

void test('lines called redundant are: without them, every password scores the same', () => {
  const password = fc.string({ unit: letters, minLength: 1, maxLength: 14 });
  fc.assert(
    fc.property(list, fc.array(password, { minLength: 1, maxLength: 6 }), (text, passwords) => {
      const r = lintBannedPasswordList(text);
      const removals = r.findings
        .filter((f) => f.code === 'banned-duplicate-term' || f.code === 'banned-term-normalizes-to-another')
        .map((f) => (f.data!['fixes'] as TextEditFix[])[0]!);
      for (const f of r.findings) if (f.code === 'banned-term-within-edit-distance') assert.deepEqual(f.data!['fixes'], []);
      const after = applyEdits(text, removals.sort((a, b) => a.span.start - b.span.start));
      const valid = (t: string) => [...t].length >= 4 && [...t].length <= 16;
      const before = r.terms.map((t) => t.text).filter(valid);
      const kept = lintBannedPasswordList(after).terms.map((t) => t.text).filter(valid);
      for (const pw of passwords) {
        assert.equal(evaluatePassword(pw, { bannedTerms: kept }).score, evaluatePassword(pw, { bannedTerms: before }).score, `${pw} with ${JSON.stringify(before)} → ${JSON.stringify(kept)}`);
      }
    }),
    { seed: SEED, numRuns: Math.ceil(runs() / 2) },
  );
});

void test('linear time: 10 KB, 100 KB and 1 MB of one long line, of many short lines, of CRs', () => {
  const shapes: Record<string, (n: number) => string> = {
    'one line': (n) => 'a'.repeat(n),
    'short lines': (n) => 'contoso\n'.repeat(n / 8),
    'CR only': (n) => 'fabrikam\r'.repeat(n / 9),
    spaces: (n) => ' '.repeat(n) + 'x',
  };
  for (const [name, make] of Object.entries(shapes)) {
    const time = (n: number) => {
      const text = make(n);
      const t = process.hrtime.bigint();
      lintBannedPasswordList(text);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    time(10_000);
    const small = Math.max(time(100_000), 2);
    const big = time(1_000_000);
    assert.ok(big < small * 30, `${name}: 100 KB ${small.toFixed(1)} ms, 1 MB ${big.toFixed(1)} ms`);
  }
});
