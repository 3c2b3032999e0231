/**
 * Fuzz: the editor's incremental zone model equals a full analysis after every edit
 * (issue 11, point 11: 0.3 % of fuzzed edit sequences diverged). Random edit sequences —
 * typing, deleting, pasting record fragments, quotes, parentheses, directives, CRLF — on a
 * zone with every construct the model special-cases; after each edit the model (records,
 * entries, directives and the findings that do not span the zone) and its keystroke preview
 * must equal analyzeZone of the new text. Fixed seed; MAILSEC_FUZZ_RUNS raises the runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ZoneModel } from '../../src/core/zone/incremental';
import { analyzeZone, type ZoneAnalysis } from '../../src/core/zone/lint';
import { analysisView, localFindings } from '../unit/zone/analysisView';
import { fuzzRuns } from './runs';

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
_dmarc IN TXT "v=DMARC1; p=none"
s1._domainkey IN TXT ( "v=DKIM1; k=rsa; "
    "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC" ) ; short key
$GENERATE 1-3 h$ A 192.0.2.$
; a comment line

t1 IN TXT "hello world"
t2 300 IN TXT "${'x'.repeat(300)}"
bad IN A 1.2.3
srv._tcp IN SRV 0 5 5060 mail
`;

function view(a: ZoneAnalysis): string {
  return JSON.stringify(analysisView(a));
}

const local = localFindings;

const piece = fc.constantFrom(
  'a', 'e', 'x', '1', '9', '.', ' ', '-', '\t', '"', ';', '(', ')', '\n', '$', '\\', '@', '_', '=',
  'IN', 'TXT', '"v=spf1 -all"', 'A 192.0.2.9', '\nx IN A 192.0.2.7', '\n  IN A 192.0.2.8', '\r\n', 'é', '\u2028',
  '300', 'CNAME', 'NS', '\\"', '\\0', '$TTL 60\n', '$ORIGIN sub\n', ' ( ', ' ) ', '"v=DMARC1; p=reject"',
);
const edit = fc.record({ pos: fc.nat(), del: fc.nat({ max: 6 }), ins: fc.array(piece, { maxLength: 3 }).map((a) => a.join('')) });

test('incremental model == full analysis after every edit (and the keystroke preview agrees)', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 20 }), (edits) => {
      let text = BASE;
      const model = new ZoneModel(text, {});
      for (const [step, e] of edits.entries()) {
        const start = e.pos % (text.length + 1);
        const end = Math.min(text.length, start + e.del);
        const change = { start, end, text: e.ins };
        text = text.slice(0, start) + e.ins + text.slice(end);
        const next = text;
        const preview = model.preview(change, (a, b) => next.slice(a, b));
        const out = model.edit(change, text);
        const full = analyzeZone(text);
        assert.equal(view(model.analysis), view(full), `step ${step} (${out.mode}): ${JSON.stringify(change)}`);
        if (preview) assert.deepEqual(local(preview), local(full.findings), `preview at step ${step}: ${JSON.stringify(change)}`);
      }
      model.refresh();
      assert.equal(JSON.stringify(model.analysis.findings), JSON.stringify(analyzeZone(text).findings));
    }),
    fuzzRuns(600),
  );
});
