import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { locateSpan, shiftSpan } from '../../../src/core/headers/locate';
import { CONTOSO } from './helpers';

const HEADER = 'Received: from a.example by mx.contoso.com; Mon, 8 Apr 2024 07:42:08 +0000\nFrom: Jean Dupont <jean@example.net>\nSubject: hello\n';
const DOC = `Ticket 4711: the user forwarded this:\n\n${HEADER}\nThanks\n`;
const BASE = DOC.indexOf(HEADER);

describe('locateSpan: from the analysed selection back to the document', () => {
  const analysis = analyzeHeaders(HEADER, { org: CONTOSO, now: Date.parse('2024-04-10T00:00:00Z') });
  const subject = analysis.headers.find((h) => h.lname === 'subject')!;

  it('shifts spans of a selection by where the selection starts', () => {
    const at = locateSpan(DOC, { text: HEADER, base: BASE }, subject.span)!;
    assert.deepEqual(at, shiftSpan(subject.span, BASE));
    assert.equal(DOC.slice(at.start, at.end), 'Subject: hello');
    const from = analysis.headers.find((h) => h.lname === 'from')!;
    const f = locateSpan(DOC, { text: HEADER, base: BASE }, from.valueSpan)!;
    assert.equal(DOC.slice(f.start, f.end), ' Jean Dupont <jean@example.net>');
  });

  it('finds the header again after lines were added above it', () => {
    const edited = 'New first line\n' + DOC;
    const at = locateSpan(edited, { text: HEADER, base: BASE }, subject.span)!;
    assert.equal(edited.slice(at.start, at.end), 'Subject: hello');
    assert.equal(at.start, BASE + subject.span.start + 'New first line\n'.length);
  });

  it('picks the occurrence nearest to the old place when the text appears twice', () => {
    const edited = `Subject: hello\n${'x\n'.repeat(10)}${DOC.replace('Ticket', 'Ticket!')}`;
    const at = locateSpan(edited, { text: HEADER, base: BASE }, subject.span)!;
    assert.ok(at.start > 20, `nearest occurrence, not the first (${at.start})`);
    assert.equal(edited.slice(at.start, at.end), 'Subject: hello');
  });

  it('says null when the header was deleted or the span is not in the analysed text', () => {
    assert.equal(locateSpan(DOC.replace('Subject: hello', 'Subject: bye'), { text: HEADER, base: BASE }, subject.span), null);
    assert.equal(locateSpan(DOC, { text: HEADER, base: BASE }, { start: 5, end: HEADER.length + 1 }), null);
    assert.equal(locateSpan(DOC, { text: HEADER, base: BASE }, { start: 3, end: 2 }), null);
  });

  it('keeps an empty span only while the analysed text is unchanged', () => {
    assert.deepEqual(locateSpan(DOC, { text: HEADER, base: BASE }, { start: 4, end: 4 }), { start: BASE + 4, end: BASE + 4 });
    assert.equal(locateSpan('x' + DOC, { text: HEADER, base: BASE }, { start: 4, end: 4 }), null);
  });
});
