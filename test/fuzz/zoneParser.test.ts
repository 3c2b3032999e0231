/**
 * Fuzz: the zone parser, the linter and `lint --fix` (issue 11, "make it permanent").
 *  - no throw on any text (random zone-shaped text, with directives, quotes, escapes,
 *    parentheses, $GENERATE and a self-$INCLUDE);
 *  - time linear in the input: each adversarial pattern at 10 KB / 100 KB / 1 MB, the
 *    ratio of times compared (a quadratic step shows as ~100× for 10× the input), never
 *    absolute times;
 *  - `--fix` output reads back as the same DNS data (the fixed names aside, which must
 *    become exactly what the finding said), and fixing again changes nothing.
 * Fixed seed; MAILSEC_FUZZ_RUNS raises the runs (npm run fuzz).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixAll } from '../../src/core/zone/fixes/fixAll';
import { analyzeZone, lintZone } from '../../src/core/zone/lint';
import { parseZone } from '../../src/core/zone/parser';
import { recordMeaning } from '../../src/core/zone/wire';
import { fuzzRuns } from './runs';

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

const word = fc.constantFrom(
  '@', 'www', 'mail.example.com', 'mail.example.com.', '*', '_dmarc', 's._domainkey', 'IN', 'CH', 'A', 'AAAA', 'MX', 'TXT', 'SPF', 'CNAME', 'NS', 'SOA', 'SRV',
  'CAA', 'TYPE65534', '\\#', '3600', '1h30m', '99999999999', '192.0.2.1', '2001:db8::1', '10', '"v=spf1 include:a.example.net -all"', '"v=DMARC1; p=reject"',
  '"v=DKIM1; k=rsa; p=MIGf"', '"a\\"b"', '"\\255\\000"', '"unterminated', '(', ')', ';c', '$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE', '1-3', 'h$', '${1,3,x}', '\\',
  '"é\u2028\u202e"', 'x'.repeat(300), `"${'y'.repeat(300)}"`,
);
const line = fc.tuple(fc.boolean(), fc.array(word, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', ' ;x\n', '')).map(([blank, ws, eol]) => (blank ? '  ' : '') + ws.join(' ') + eol);
const zoneText = fc.array(line, { maxLength: 30 }).map((ls) => HEAD + ls.join(''));

/** An $INCLUDE reader that serves the zone itself: cycles must be cut, not followed. */
const selfInclude = (text: string) => () => ({ path: '/fuzz/self.zone', text });

describe('zone parser, lint and fix never throw', () => {
  test('any zone-shaped text', () => {
    fc.assert(
      fc.property(zoneText, (text) => {
        const opts = { file: '/fuzz/self.zone', readInclude: selfInclude(text), maxGeneratedRecords: 5000 };
        parseZone(text, opts);
        lintZone(text, opts);
        analyzeZone(text, opts);
        try {
          fixAll(text, opts);
        } catch (e) {
          // A refusal to fix is an answer (the file is left alone); anything else is a bug.
          assert.match((e as Error).message, /^mailsec refused/);
        }
      }),
      fuzzRuns(1500),
    );
  });

  test('any text at all (random Unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        lintZone(text, {});
        fixAll(text, {});
      }),
      fuzzRuns(1500),
    );
  });
});

describe('--fix keeps the DNS data', () => {
  // Records whose fixes are certain: TXT values over 255 bytes (with escapes and non-ASCII),
  // and names that repeat the origin; plus records that must not change at all.
  const unit = fc.constantFrom('a', 'b', ' ', ';', '\\"', '\\\\', '\\065', 'é', '€', '😀', '=');
  const longValue = fc.array(unit, { minLength: 1, maxLength: 700 }).map((us) => us.join(''));
  const record = fc.oneof(
    longValue.map((v) => `t IN TXT "${v}"`),
    fc.tuple(longValue, longValue).map(([a, b]) => `t2 300 IN TXT ( "${a}" ; note\n    "${b}" )`),
    fc.constantFrom('www IN A 192.0.2.7', 'www.example.com IN A 192.0.2.8', '  IN AAAA 2001:db8::8', '@ IN MX 10 mail.example.com', 'mail IN A 192.0.2.9', 'x IN CNAME www', 'y IN MX 20 mx.other.net', '_spf IN TXT "v=spf1 -all"', '$GENERATE 1-3 g$.example.com A 192.0.2.$'),
  );
  const zone = fc.array(record, { minLength: 1, maxLength: 12 }).map((rs) => HEAD + rs.join('\n') + '\n');

  test('the fixed zone means what the original meant (names repeating the origin aside), and fixing again is a no-op', () => {
    fc.assert(
      fc.property(zone, fc.boolean(), (text, crlf) => {
        const input = crlf ? text.replace(/\n/g, '\r\n') : text;
        const before = analyzeZone(input).records;
        const r = fixAll(input, {});
        const after = analyzeZone(r.text).records.map(recordMeaning);
        // The certain dots: `www.example.com` meant www.example.com.example.com.; now it means
        // www.example.com. — except in $GENERATE templates, which are left as written.
        const undoubled = before.map((rec) => (rec.generatedBy ? recordMeaning(rec) : recordMeaning(rec).split('example.com.example.com.').join('example.com.')));
        assert.deepEqual(after, undoubled);
        assert.ok(!analyzeZone(r.text).findings.some((f) => f.code === 'txt-string-too-long'));
        const again = fixAll(r.text, {});
        assert.equal(again.text, r.text);
        assert.deepEqual(again.applied, {});
      }),
      fuzzRuns(800),
    );
  });
});

/**
 * The fastest of a few runs of f, in ms of CPU time (user + system) — not wall time, which
 * on a shared 2-core machine measures the other processes as much as this one.
 */
function timeOf(f: () => void, runs = 2): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

/** `unit` repeated to about `bytes` characters (after the header). */
function grow(unit: string, bytes: number): string {
  return HEAD + unit.repeat(Math.max(1, Math.round(bytes / unit.length)));
}

const PATTERNS: Record<string, string> = {
  'nested parentheses': 'a IN TXT ' + '('.repeat(50) + '\n',
  'unclosed parenthesis': 'a IN TXT ( "x"\n',
  'unterminated quotes': 'a IN TXT "' + 'x'.repeat(40) + '\n',
  'backslashes': '\\'.repeat(99) + '\n',
  'one long line of tokens': 'a ',
  'blank-owner lines': '  IN A 192.0.2.1\n',
  'many labels': 'a.'.repeat(30) + ' IN A 192.0.2.1\n',
  'comments only': '; comment comment comment\n',
  '$ORIGIN churn': '$ORIGIN a.example.com.\nx IN A 192.0.2.1\n',
  'TXT over 255 bytes': `t IN TXT "${'z'.repeat(600)}"\n`,
  'names repeating the origin': 'www.example.com IN CNAME mail.example.com\n',
  'CNAME and other data': 'c IN CNAME x\nc IN A 192.0.2.1\n',
  'SPF includes in a ring': '_s IN TXT "v=spf1 include:_s.example.com include:_t.example.com -all"\n_t IN TXT "v=spf1 include:_s.example.com -all"\n',
  'U+2028 in SPF macros': '@ IN TXT "v=spf1 exists:%{l}\u2028.example.com -all"\n',
  'CRLF': 'a IN A 192.0.2.1\r\n',
};

describe('time is linear in the input (10 KB / 100 KB / 1 MB of each adversarial pattern)', () => {
  for (const [name, unit] of Object.entries(PATTERNS)) {
    test(name, () => {
      const texts = new Map([10_000, 100_000, 1_000_000].map((b) => [b, grow(unit, b)]));
      const measure = (bytes: number, runs: number): { lint: number; fix: number } => {
        const text = texts.get(bytes)!;
        return { lint: timeOf(() => lintZone(text, {}), runs), fix: timeOf(() => fixAll(text, {}), runs) };
      };
      measure(10_000, 3); // warm-up
      const ratios = (): { k: string; ratio: number; small: number; large: number }[] => {
        const small = measure(100_000, 3);
        const large = measure(1_000_000, 2);
        // Linear: ~10×; quadratic: ~100×. Below 150 ms a 1 MB run cannot be quadratic anyway.
        return (['lint', 'fix'] as const).filter((k) => large[k] >= 150).map((k) => ({ k, ratio: large[k] / Math.max(small[k], 1), small: small[k], large: large[k] }));
      };
      // A warm 100 KB run fits in the young generation; a 1 MB one pays for the garbage
      // collector on a larger heap, which can look like a 50× step. A ratio that high is
      // checked at twice the size: linear work doubles, quadratic work quadruples.
      for (const r of ratios().filter((x) => x.ratio >= 45)) {
        const text = grow(unit, 2_000_000);
        const t2 = timeOf(() => (r.k === 'lint' ? lintZone(text, {}) : fixAll(text, {})), 2);
        const t1 = timeOf(() => (r.k === 'lint' ? lintZone(texts.get(1_000_000)!, {}) : fixAll(texts.get(1_000_000)!, {})), 2);
        assert.ok(t2 / t1 < 3.2, `${name}, ${r.k}: 1 MB took ${r.ratio.toFixed(1)}× the time of 100 KB (${r.large.toFixed(0)} ms against ${r.small.toFixed(0)} ms), and 2 MB ${(t2 / t1).toFixed(1)}× the time of 1 MB`);
      }
    });
  }
});
