import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { lintHeaders } from '../../../src/core/headers/lint';
import { CONTOSO, fixture, FIXTURES } from './helpers';

/** Deterministic pseudo-random edits of the corpus: the analysis must never throw. */
describe('robustness on mangled headers', () => {
  let seed = 20240405;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pieces = ['(', ')', '"', '\\', ';', '=', '<', '>', ',', ':', '@', '\n', '\r\n', ' ', '\t', '=?', '?=', '=?UTF-8?B?', '\u0000', '\u202e', 'xn--', '[', ']', 'i=', 'from ', 'by '];
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))) {
    it(`${name}: 20 mangled variants analyse without throwing, spans inside the text`, () => {
      const base = fixture(name);
      for (let k = 0; k < 20; k++) {
        let s = base;
        for (let e = 0; e < 1 + Math.floor(rnd() * 6); e++) {
          const pos = Math.floor(rnd() * s.length);
          const r = rnd();
          if (r < 0.5) s = s.slice(0, pos) + pieces[Math.floor(rnd() * pieces.length)] + s.slice(pos);
          else s = s.slice(0, pos) + s.slice(pos + 1 + Math.floor(rnd() * 20));
        }
        const a = analyzeHeaders(s, { org: CONTOSO, now: 1712700000000 });
        assert.ok(['pass', 'warn', 'fail'].includes(a.verdict));
        for (const f of [...a.findings, ...lintHeaders(s, { now: 1712700000000 })]) {
          assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= s.length, `${f.code} ${JSON.stringify(f.span)}`);
        }
      }
    });
  }
});
