/**
 * Property tests for every header parser (issue 11, fuzz tier): generated inputs built from
 * the pieces each grammar is made of — and raw Unicode — never make a parser throw, every
 * span stays inside the text, and the whole analysis renders to the panel view, Markdown and
 * the terminal report. Fixed seed; $MAILSEC_FUZZ_RUNS runs per property (default below).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderHeaderReport } from '../../src/cli/headerReport';
import { parseAddressList } from '../../src/core/headers/addresses';
import { analyzeHeaders } from '../../src/core/headers/analyze';
import { parseAuthResults } from '../../src/core/headers/authResults';
import { parseMailDate, parseReceivedDate } from '../../src/core/headers/dates';
import { analyzeDkimSignature, parseTagList } from '../../src/core/headers/dkim';
import { lintHeaders } from '../../src/core/headers/lint';
import { headerViewToMarkdown } from '../../src/core/headers/markdown';
import { parseHeaderBlock } from '../../src/core/headers/parse';
import { parseReceived } from '../../src/core/headers/received';
import { decodeEncodedWords } from '../../src/core/headers/rfc2047';
import { buildHeaderView } from '../../src/core/headers/view';
import { fuzzRuns } from './runs';

const RUNS = fuzzRuns(3000);
/** The whole analysis costs about a millisecond a run: fewer by default, the same number under `npm run fuzz`. */
const ANALYSIS_RUNS = fuzzRuns(1000);
const NOW = Date.parse('2024-04-10T00:00:00Z');
const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: ['mx.contoso.com'] };

/** Strings made of grammar pieces, mixed with arbitrary Unicode (lone surrogates, bidi, NUL included). */
function textOf(pieces: string[], maxLength = 40): fc.Arbitrary<string> {
  const piece = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) });
  return fc.array(piece, { maxLength }).map((xs) => xs.join(''));
}

const COMMON = [' ', '  ', '\t', '(', ')', '"', '\\', ';', '=', '<', '>', ',', ':', '@', '.', '[', ']', '\u202e', '\u0000', '\u2028', 'é', 'xn--', '=?', '?=', '?'];
const RECEIVED = [...COMMON, 'from ', 'by ', 'with ', 'id ', 'for ', 'via ', 'mail.example.com', '[192.0.2.1]', '2001:db8::1', 'IPv6:', 'ESMTPS', '(qmail 1 invoked from network)', 'Mon, ', '21 Apr 2018 ', '03:01:33 ', '+0000', ' (UTC)', '2018-03-26 ', '13:35:36.270951634 ', 'UTC', '4/20/2018 ', 'PM', 'Apr 21 2018 '];
const AUTH = [...COMMON, 'spf=pass', 'dkim=fail', 'dmarc=pass', 'action=none', 'compauth=pass', 'reason=100', 'smtp.mailfrom=', 'header.d=', 'header.from=', 'contoso.com', 'i=1', 'mx.example.com', '1', 'none', '/1', '(comment)'];
const ADDRESS = [...COMMON, 'a@b.example', 'Name', '"Quoted, Name"', 'group:', ';', '=?utf-8?B?cG90dXNAd2hpdGVob3VzZS5nb3Y=?=', '=?utf-8?Q?=00=0A?=', '@route,@r2:', 'local', 'domain.example', '(comment)'];
const WORDS = [...COMMON, '=?utf-8?B?', '=?UTF-8?Q?', '=?iso-8859-1?q?', '=?x-unknown?b?', '=?utf-8*fr?Q?', 'SGVsbG8=', 'RU5E===x', '=E3=82=A2', '=ZZ', '_', '?= =?utf-8?b?', '4pq9', 'w6k'];
const DATES = [...COMMON, 'Mon', 'Tuesday', ', ', '1', '21', '31', 'Feb', 'Apr', '2018', '18', '018', ' ', ':', '03', '59', '60', '.', '123456789', '+0000', '-0000', '+2460', 'GMT', 'EST', 'Z', 'J', 'PM', 'AM', '/', '-', 'T', '(UTC)'];
const TAGS = [...COMMON, 'v=1', 'a=rsa-sha256', 'a=rsa-sha1', 'd=example.com', 's=sel', 'h=from:to', 'h=to', 'bh=', 'b=', 'l=10', 't=1', 'x=0', 'x=99999999999999', 'i=@example.com', 'c=relaxed/relaxed', ';', 'v=2'];

function spansInside(findings: Array<{ span: { start: number; end: number } }>, length: number): void {
  for (const f of findings) assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= length, JSON.stringify(f));
}

describe('header parsers never throw (fast-check, fixed seed)', () => {
  it('Received: parseReceived, with a date or not', () => {
    fc.assert(
      fc.property(textOf(RECEIVED), (v) => {
        const r = parseReceived(v);
        if (r.dateOffset !== null) assert.ok(r.dateOffset >= 0 && r.dateOffset <= v.length);
        if (r.localStamp) assert.ok(r.from === null && r.by === null, 'a local stamp names no server');
        if (r.time) assert.ok(Number.isFinite(r.time.epochMs));
      }),
      RUNS,
    );
  });

  it('Authentication-Results and ARC-Authentication-Results: offsets inside the value', () => {
    fc.assert(
      fc.property(textOf(AUTH), fc.boolean(), (v, arc) => {
        const p = parseAuthResults(v, arc);
        for (const r of p.results) assert.ok(r.start >= 0 && r.end <= v.length && r.start <= r.end);
        for (const pr of p.problems) assert.ok(pr.start >= 0 && pr.end <= v.length);
      }),
      RUNS,
    );
  });

  it('address lists: offsets inside the value', () => {
    fc.assert(
      fc.property(textOf(ADDRESS), (v) => {
        const r = parseAddressList(v, (start, end) => ({ start, end }));
        spansInside(r.addresses, v.length);
        for (const p of r.problems) assert.ok(p.start >= 0 && p.end <= v.length);
      }),
      RUNS,
    );
  });

  it('RFC 2047: runs inside the input, text without encoded words unchanged', () => {
    fc.assert(
      fc.property(textOf(WORDS), (v) => {
        const d = decodeEncodedWords(v);
        for (const r of d.runs) assert.ok(r.start >= 0 && r.end <= v.length && r.start < r.end);
        if (d.runs.length === 0) assert.equal(d.text, v);
      }),
      RUNS,
    );
  });

  it('dates: null or a real instant, for the RFC 5322 and the Received parser', () => {
    fc.assert(
      fc.property(textOf(DATES, 16), (v) => {
        for (const d of [parseMailDate(v), parseReceivedDate(v)]) {
          if (d) assert.ok(Number.isFinite(d.epochMs) && d.iso === new Date(d.epochMs).toISOString());
        }
      }),
      RUNS,
    );
  });

  it('dates: a valid date in each written form reads back to the instant it names; noise never throws', () => {
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const date = fc.record({
      year: fc.integer({ min: 1971, max: 2099 }),
      month: fc.integer({ min: 0, max: 11 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      ms: fc.integer({ min: 0, max: 999 }),
      offset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
      form: fc.constantFrom('rfc', 'rfc-utc-name', 'month-first', 'iso', 'us-numeric'),
      noise: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...DATES)), { freq: 4 }),
    });
    const p2 = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(date, (d) => {
        const sign = d.offset < 0 ? '-' : '+';
        const zone = `${sign}${p2(Math.floor(Math.abs(d.offset) / 60))}${p2(Math.abs(d.offset) % 60)}`;
        const time = `${p2(d.hour)}:${p2(d.minute)}:${p2(d.second)}.${String(d.ms).padStart(3, '0')}`;
        const mon = MONTHS[d.month]!;
        const text = {
          rfc: `Mon, ${d.day} ${mon} ${d.year} ${time} ${zone}`,
          'rfc-utc-name': `${d.day} ${mon} ${d.year} ${time} ${zone} UTC`,
          'month-first': `${mon} ${d.day} ${d.year} ${time} ${zone}`,
          iso: `${d.year}-${d.month + 1}-${d.day} ${time}123456 ${zone}`,
          'us-numeric': `${d.month + 1}/${d.day}/${d.year} ${time} ${zone}`,
        }[d.form];
        const want = Date.UTC(d.year, d.month, d.day, d.hour, d.minute, d.second, d.ms) - d.offset * 60000;
        if (d.noise) {
          const at = d.noise[0] % (text.length + 1);
          const noisy = text.slice(0, at) + d.noise[1] + text.slice(at);
          const got = parseReceivedDate(noisy);
          if (got) assert.ok(Number.isFinite(got.epochMs));
          return;
        }
        const ambiguous = d.form === 'us-numeric' && d.day <= 12 && d.day !== d.month + 1;
        const got = parseReceivedDate(text);
        if (ambiguous) assert.equal(got, null, `${text}: day and month could be swapped, not guessed`);
        else assert.equal(got?.epochMs, want, text);
        if (d.form === 'rfc') assert.equal(parseMailDate(text)?.epochMs, want, text);
      }),
      RUNS,
    );
  });

  it('DKIM-Signature: tag lists and the signature checks', () => {
    fc.assert(
      fc.property(textOf(TAGS), (v) => {
        parseTagList(v);
        const f = parseHeaderBlock(`DKIM-Signature: ${v.replace(/[\r\n]/g, ' ')}\n`).fields[0];
        if (f) spansInside(analyzeDkimSignature(f, 'example.com', NOW).findings, `DKIM-Signature: ${v}\n`.length);
      }),
      RUNS,
    );
  });

  it('the whole analysis: analyze, lint, panel view, Markdown and terminal report; spans inside the text', () => {
    const field = fc.oneof(
      textOf(RECEIVED).map((v) => `Received: ${v}`),
      textOf(AUTH).map((v) => `Authentication-Results: ${v}`),
      textOf(AUTH).map((v) => `ARC-Authentication-Results: i=1; ${v}`),
      textOf(ADDRESS).map((v) => `From: ${v}`),
      textOf(ADDRESS).map((v) => `Reply-To: ${v}`),
      textOf(WORDS).map((v) => `Subject: ${v}`),
      textOf(DATES, 16).map((v) => `Date: ${v}`),
      textOf(TAGS).map((v) => `DKIM-Signature: ${v}`),
      textOf(TAGS).map((v) => `ARC-Seal: ${v}`),
      textOf(COMMON).map((v) => `X-Forefront-Antispam-Report: SFV:SPM;CAT:${v}`),
      textOf(COMMON),
    );
    const eol = fc.constantFrom('\n', '\r\n', '\n ', '\n\t');
    const header = fc.array(fc.tuple(field, eol), { maxLength: 12 }).map((xs) => xs.map(([f, e]) => f + e).join(''));
    fc.assert(
      fc.property(header, (text) => {
        const a = analyzeHeaders(text, { org: ORG, now: NOW });
        assert.ok(['pass', 'warn', 'fail'].includes(a.verdict));
        spansInside(a.findings, text.length);
        spansInside(lintHeaders(text, { now: NOW }), text.length);
        const view = buildHeaderView(a);
        headerViewToMarkdown(view, { source: 'fuzz' });
        renderHeaderReport(a, text, 'fuzz');
      }),
      ANALYSIS_RUNS,
    );
  });
});
