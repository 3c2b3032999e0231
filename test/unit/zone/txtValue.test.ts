import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone } from '../../../src/core/zone/parser';
import { unescapeRangesWithMap } from '../../../src/core/zone/charString';
import { innerEnd, innerStart } from '../../../src/core/zone/tokens';
import { joinTxt, mapSpan, unescapedTxtValue } from '../../../src/core/zone/txtValue';

/** joinTxt's quick path for plain strings must equal the general unescaping, value and map. */
const CASES = [
  'a IN TXT "v=spf1 -all"',
  'a IN TXT "v=DKIM1; k=rsa; " "p=MIIB" unquoted',
  'a IN TXT ( "one"\n  "two" )',
  'a IN TXT "x\\"y" "z"',
  'a IN TXT "caf\\195\\169" "é"',
  'a IN TXT "😀 emoji" plain',
  'a IN TXT ""',
];

for (const line of CASES) {
  test(`joinTxt equals the general unescaping: ${JSON.stringify(line)}`, () => {
    const text = `$ORIGIN example.com.\n$TTL 60\n${line}\n`;
    const rec = parseZone(text).records[0]!;
    const general = unescapeRangesWithMap(text, rec.rdata.map((t) => ({ from: innerStart(t), to: innerEnd(text, t) })));
    const v = joinTxt(rec);
    assert.equal(v.value, general.value);
    assert.deepEqual([...v.sources], [...general.sources]);
    if (v.value.length) assert.deepEqual(mapSpan(v, { start: 0, end: v.value.length }), { start: general.sources[0], end: mapSpan(unescapedTxtValue(text, rec.rdata.map((t) => ({ from: innerStart(t), to: innerEnd(text, t) }))), { start: 0, end: v.value.length }).end });
  });
}

test('mapSpan maps every span of a plain value as the full map does', () => {
  const text = '$ORIGIN example.com.\n@ 60 IN TXT ( "v=spf1 include:a" "b.example.com" \n "-all" )\n';
  const rec = parseZone(text).records[0]!;
  const general = unescapedTxtValue(text, rec.rdata.map((t) => ({ from: innerStart(t), to: innerEnd(text, t) })));
  const n = general.value.length;
  for (let start = 0; start <= n; start++) {
    for (let end = start; end <= n + 1; end++) assert.deepEqual(mapSpan(joinTxt(rec), { start, end }), mapSpan(general, { start, end }), `${start}-${end}`);
  }
});
