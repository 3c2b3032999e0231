/**
 * Issue 11 §5 and §6 regression tests: header parsing is linear in its input (no regular
 * expression that backtracks quadratically; 100 KB of trailing whitespace took 7.3 s) and
 * never overflows the stack on huge lists (`push(...xs)` with 100k From addresses or a
 * flood of bidi controls). Times are compared between 10 KB, 100 KB and 1 MB of each
 * adversarial pattern, never against a fixed number of milliseconds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { findMarkup } from '../../../src/core/headers/encoding';
import { headerViewToMarkdown } from '../../../src/core/headers/markdown';
import { parseHeaderBlock } from '../../../src/core/headers/parse';
import { findIp, parseReceived } from '../../../src/core/headers/received';
import { addressesInText } from '../../../src/core/headers/senders';
import { buildHeaderView } from '../../../src/core/headers/view';
import { mdCode } from '../../../src/core/text/markdown';
import { assertLinear, repeatTo } from '../../fuzz/scaling';
import { CONTOSO } from './helpers';

const ORG = { ...CONTOSO, authservIds: [] };
const analyze = (text: string) => analyzeHeaders(text, { org: ORG, now: 1712700000000 });

describe('header parsing is linear (issue 11 §5)', () => {
  const block: Array<[string, (n: number) => string]> = [
    ['trailing whitespace inside a value', (n) => `Subject: a${' '.repeat(n)}x\n`],
    ['whitespace inside a field name', (n) => `Subject${' '.repeat(n)}x: y\n`],
    ['lines without a colon', (n) => repeatTo('abc def\n', n)],
    ['a long line without a colon', (n) => `${'x'.repeat(n)}\n`],
  ];
  for (const [name, build] of block) {
    it(`parseHeaderBlock: ${name}`, () => {
      assertLinear(name, build, (t) => parseHeaderBlock(t));
    });
  }

  it('findIp: a run of "[" with no "]", hex runs with no colon', () => {
    assertLinear('[[[[', (n) => '['.repeat(n), findIp);
    assertLinear('aaaa', (n) => 'a'.repeat(n), findIp);
  });

  it('lines without a colon: reported one by one up to 100, then counted in one finding', () => {
    const p = parseHeaderBlock(repeatTo('abc def\n', 100_000));
    assert.equal(p.findings.length, 101);
    assert.match(p.findings[100]!.message, /^12400 more lines here are not header fields/);
  });

  it('parseReceived: a comment naming a long dotted host that ends in "-"', () => {
    assertLinear('a.a.a.-', (n) => `from x (${repeatTo('a.', n)}-) by y`, parseReceived);
  });

  it('markup check: "<" without ">" and "<x on" repeated', () => {
    assertLinear('<<<<', (n) => '<a'.repeat(n / 2), findMarkup);
    assertLinear('<x on', (n) => repeatTo('<x on', n), findMarkup);
  });

  it('address-in-display-name check: long runs of letters and dots', () => {
    assertLinear('aaaa', (n) => 'a'.repeat(n), (t) => [...addressesInText(t)]);
    assertLinear('a.a.a', (n) => `a@${repeatTo('a.', n)}`, (t) => [...addressesInText(t)]);
  });

  it('analyze: a Received-SPF comment that is never closed', () => {
    assertLinear('Received-SPF', (n) => `From: a@b.example\nReceived-SPF: pass (${'a'.repeat(n)}\n`, analyze, { sizes: [10_000, 100_000, 1_000_000] });
  });

  it('analyze: 100 KB of trailing whitespace in a Date is fast (the issue\'s 7.3 s reproducer)', () => {
    assertLinear('Date', (n) => `From: a@b.example\nDate: Mon${' '.repeat(n)}1\n`, analyze);
  });
});

describe('huge lists do not overflow the stack (issue 11 §6)', () => {
  it('250k From addresses analyse and render (the issue measured 100k; past any stack size here)', () => {
    const text = `From: ${'a@b.example,'.repeat(250_000)}\nSubject: x\n`;
    const a = analyze(text);
    assert.equal(a.addresses.from.length, 250_000);
    assert.ok(a.findings.some((f) => f.code === 'hdr-from-multiple'));
    assert.match(headerViewToMarkdown(buildHeaderView(a)), /^# Email header analysis/);
  });

  it('a flood of a million bidi controls analyses, reported at the first 20 and once for the rest', () => {
    const text = `From: a@b.example\nSubject: ${'\u202e'.repeat(1_000_000)}\n`;
    const a = analyze(text);
    const bidi = a.findings.filter((f) => f.code === 'hdr-bidi-control');
    assert.equal(bidi.length, 21);
    assert.match(bidi.find((f) => f.data?.['count'])!.message, /999980 more bidirectional controls \(U\+202E\)/);
  });

  it('a flood of control characters and of "=" in Authentication-Results: bounded findings', () => {
    const ctrl = analyze(`From: a@b.example\nSubject: ${'\u0001'.repeat(300_000)}\n`);
    assert.equal(ctrl.findings.filter((f) => f.code === 'hdr-control-char').length, 21);
    const ar = analyze(`From: a@b.example\nAuthentication-Results: x; spf=pass ${'='.repeat(300_000)}\n`);
    const malformed = ar.findings.filter((f) => f.code === 'hdr-auth-results-malformed');
    assert.equal(malformed.length, 21);
    assert.match(malformed[20]!.message, /299980 more problems/);
  });

  it('a code span around 200k runs of backticks', () => {
    const s = '`a'.repeat(200_000);
    assert.ok(mdCode(s).startsWith('``'));
  });
});
