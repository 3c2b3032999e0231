import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ZoneModel } from '../../../src/core/zone/incremental';
import { analyzeZone } from '../../../src/core/zone/lint';
import { analysisView, localFindings } from './analysisView';

const BASE = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster ( 2026112501 ; serial
     3600 900 1209600 300 )
  IN NS ns1
  IN MX 10 mail
ns1 IN A 192.0.2.1
mail IN A 192.0.2.2
  IN AAAA 2001:db8::2
www IN CNAME @
@ IN TXT "v=spf1 mx include:_spf.example.com -all"
_spf IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"
s1._domainkey IN TXT ( "v=DKIM1; k=rsa; "
    "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC" ) ; short key
$GENERATE 1-3 h$ A 192.0.2.$
; a comment line

t1 IN TXT "hello world"
t2 300 IN TXT "${'x'.repeat(300)}"
bad IN A 1.2.3
srv._tcp IN SRV 0 5 5060 mail
`;

const view = analysisView;

/** A small deterministic generator. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

const TYPED = ['a', 'e', 'x', '1', '9', '.', ' ', '-'];
const ALPHABET = ['a', 'Z', '1', '.', ' ', '\t', '"', ';', '(', ')', '\n', '$', '\\', '@', '-', '_', '='];

describe('ZoneModel: incremental analysis equals a full analysis', () => {
  test('single-character edits typed in a record keep the model exact and use the fast path', () => {
    const model = new ZoneModel(BASE, {});
    let text = BASE;
    const at = text.indexOf('"hello world"') + 6;
    for (const [i, ch] of [...'brave '].entries()) {
      const change = { start: at + i, end: at + i, text: ch };
      text = text.slice(0, change.start) + ch + text.slice(change.end);
      const out = model.edit(change, text);
      assert.equal(out.mode, 'incremental');
      assert.deepEqual(view(model.analysis), view(analyzeZone(text)));
    }
    assert.equal(model.stale, true);
    model.refresh();
    assert.deepEqual(model.analysis.findings, analyzeZone(text).findings);
  });

  test('an error appears and disappears while typing an address', () => {
    const model = new ZoneModel(BASE, {});
    let text = BASE;
    const at = text.indexOf('1.2.3') + 5;
    const type = (s: string) => {
      const change = { start: at, end: at, text: s };
      text = text.slice(0, at) + s + text.slice(at);
      model.edit(change, text);
    };
    assert.ok(model.analysis.findings.some((f) => f.code === 'zone-bad-ipv4'));
    type('.4');
    assert.ok(!model.analysis.findings.some((f) => f.code === 'zone-bad-ipv4'));
  });

  test('edits to directives, the SOA or parentheses fall back to a full analysis', () => {
    for (const [needle, offset, insert] of [['$TTL 3600', 2, '0'], ['SOA ns1', 2, 'x'], ['"hello world"', 13, ' ('], ['t1 IN', 0, '$ORIGIN x.\n']] as const) {
      const model = new ZoneModel(BASE, {});
      const at = BASE.indexOf(needle) + offset;
      const text = BASE.slice(0, at) + insert + BASE.slice(at);
      const out = model.edit({ start: at, end: at, text: insert }, text);
      assert.equal(out.mode, 'full', `${needle}: ${JSON.stringify(out)}`);
      assert.deepEqual(view(model.analysis), view(analyzeZone(text)));
      assert.equal(model.stale, false);
    }
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    test(`random edits (seed ${seed})`, () => {
      const r = rng(seed);
      let text = BASE;
      const model = new ZoneModel(text, {});
      let incremental = 0;
      let previews = 0;
      for (let step = 0; step < 60; step++) {
        // Edits land below the header ($ORIGIN, $TTL, SOA, NS), where records are edited;
        // header edits are covered by the fallback test.
        const headerEnd = text.indexOf('ns1 IN A');
        const pos = headerEnd === -1 ? r(text.length + 1) : headerEnd + r(text.length - headerEnd + 1);
        const op = r(10);
        let change;
        // Mostly what typing does (a character in, a character out), sometimes worse.
        if (op < 4) change = { start: pos, end: pos, text: TYPED[r(TYPED.length)]! };
        else if (op < 6) change = { start: pos, end: Math.min(text.length, pos + 1), text: '' };
        else if (op === 6) change = { start: pos, end: Math.min(text.length, pos + 1 + r(4)), text: '' };
        else if (op === 7) change = { start: pos, end: pos, text: ALPHABET[r(ALPHABET.length)]! };
        else if (op === 8) change = { start: pos, end: Math.min(text.length, pos + r(3)), text: ['IN', 'TXT', '"v=spf1 -all"', 'A 192.0.2.9', '\nx IN A 192.0.2.7'][r(5)]! };
        else change = { start: pos, end: pos, text: ALPHABET[r(ALPHABET.length)]! + ALPHABET[r(ALPHABET.length)]! };
        text = text.slice(0, change.start) + change.text + text.slice(change.end);
        const newText = text;
        const preview = model.preview(change, (a, b) => newText.slice(a, b));
        const out = model.edit(change, text);
        if (out.mode === 'incremental') incremental++;
        if (preview) {
          // What the preview promised is what the edited model (and a full analysis) has.
          assert.deepEqual(localFindings(preview), localFindings(analyzeZone(text).findings), `preview at step ${step}: ${JSON.stringify(change)}`);
          previews++;
        }
        const full = analyzeZone(text);
        assert.deepEqual(view(model.analysis), view(full), `step ${step}: ${JSON.stringify(change)} (${out.mode})`);
        if (step % 10 === 9) {
          model.refresh();
          assert.deepEqual(model.analysis.findings, full.findings);
        }
      }
      assert.ok(incremental >= 20, `the fast path was taken ${incremental} times of 60`);
      assert.ok(previews >= 20, `a preview was possible ${previews} times of 60`);
    });
  }
});

describe('ZoneModel: divergences found by the fuzz tier (test/fuzz/zoneIncremental.test.ts)', () => {
  const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
  /** Applies `change` to `text` through the model (and its preview) and compares with a full analysis. */
  function same(text: string, change: { start: number; end: number; text: string }): void {
    const model = new ZoneModel(text, {});
    const next = text.slice(0, change.start) + change.text + text.slice(change.end);
    const preview = model.preview(change, (a, b) => next.slice(a, b));
    model.edit(change, next);
    const full = analyzeZone(next);
    assert.deepEqual(view(model.analysis), view(full));
    if (preview) assert.deepEqual(view({ ...full, findings: preview }).local, view(full).local);
  }

  test('a blank-owner line below a directive inherits the owner the edit changed', () => {
    const text = HEAD + 'a IN TXT "x"\nb IN TXT "y"\n$TTL 60\n  IN A 192.0.2.8\n';
    const at = text.indexOf('b IN');
    same(text, { start: at, end: at + 1, text: 'c' });
  });

  test('a blank-owner line below a line with a quoted owner (which sets none) inherits the owner the edit changed', () => {
    const text = HEAD + 'a IN TXT "x"\nb IN A 192.0.2.7\n"q" IN TXT "y"\n  IN A 192.0.2.8\n';
    const at = text.indexOf('b IN');
    same(text, { start: at, end: at + 1, text: 'c' });
  });

  test('an edited record outside the zone is judged as the full pass judges it (out of zone: no SPF checks)', () => {
    const text = HEAD + 'a IN TXT "x"\nother.net. IN TXT "v=spf1 mx -all"\n';
    const at = text.indexOf(' -all');
    same(text, { start: at, end: at + 1, text: '' });
  });

  test('a $TTL with two values is not applied (and one over 2^31 - 1 means 0)', () => {
    for (const ttl of ['$TTL 3600 x', '$TTL 4294967295']) {
      const text = `$ORIGIN example.com.\n${ttl}\n@ IN SOA ns1 hostmaster 1 3600 900 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\nmail IN A 192.0.2.2\n`;
      const at = text.indexOf('192.0.2.2') + 9;
      same(text, { start: at, end: at, text: '5' });
    }
  });

  test('a "(" reopened after its ")" swallows the lines below', () => {
    const text = HEAD + 't IN TXT ( "a" ) "b"\nu IN A 192.0.2.3\nv IN A 192.0.2.4\n';
    const at = text.indexOf(') "b"') + 1;
    same(text, { start: at, end: at, text: '(' });
  });

  test('text typed after a "(" never closed belongs to its entry', () => {
    const text = HEAD + 't IN TXT ( "a"\n';
    same(text, { start: text.length, end: text.length, text: 'a' });
  });

  test('an empty DMARC value is reported at the record, not at the start of the file', () => {
    const text = HEAD + '_dmarc IN TXT ""\n';
    const f = analyzeZone(text).findings.find((x) => x.code === 'dmarc-missing-version')!;
    assert.equal(f.span.start, text.indexOf('""') + 1);
    const at = text.indexOf('""') + 1;
    same(text.replace('""', '"v"'), { start: at, end: at + 1, text: '' });
  });
});
