import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHeaderBlock, sourceOffsetOf, sourceSpanOf } from '../../../src/core/headers/parse';
import { at, fixture } from './helpers';

describe('parseHeaderBlock', () => {
  it('unfolds continuation lines and keeps raw, unfolded and decoded values', () => {
    const text = 'Subject: =?UTF-8?Q?caf=C3=A9?=\n au lait\nTo: a@example.com\n';
    const { fields, findings } = parseHeaderBlock(text);
    assert.equal(findings.length, 0);
    assert.deepEqual(
      fields.map((f) => f.name),
      ['Subject', 'To'],
    );
    const s = fields[0]!;
    assert.equal(s.raw, ' =?UTF-8?Q?caf=C3=A9?=\n au lait');
    assert.equal(s.unfolded, '=?UTF-8?Q?caf=C3=A9?= au lait');
    assert.equal(s.decoded, 'café au lait');
    assert.equal(at(text, s), 'Subject: =?UTF-8?Q?caf=C3=A9?=\n au lait');
    assert.equal(at(text, { span: s.nameSpan }), 'Subject');
    assert.equal(at(text, { span: s.valueSpan }), s.raw);
  });

  it('maps every character of the unfolded value back to the source, across folds', () => {
    const text = 'X-Long: first part\r\n\tsecond part\r\n';
    const [f] = parseHeaderBlock(text).fields;
    for (let i = 0; i < f!.unfolded.length; i++) {
      assert.equal(text[sourceOffsetOf(f!, i)], f!.unfolded[i], `character ${i}`);
    }
    const k = f!.unfolded.indexOf('second');
    assert.equal(at(text, { span: sourceSpanOf(f!, k, k + 6) }), 'second');
    const across = sourceSpanOf(f!, f!.unfolded.indexOf('part'), f!.unfolded.indexOf('second') + 6);
    assert.equal(at(text, { span: across }), 'part\r\n\tsecond');
  });

  it('accepts CRLF and LF alike', () => {
    const lf = parseHeaderBlock('A: 1\nB: 2\n  two\n').fields;
    const crlf = parseHeaderBlock('A: 1\r\nB: 2\r\n  two\r\n').fields;
    assert.deepEqual(
      lf.map((f) => [f.name, f.unfolded]),
      crlf.map((f) => [f.name, f.unfolded]),
    );
    assert.equal(crlf[1]!.unfolded, '2  two');
  });

  it('reads a block indented as a whole, skips the mbox From line and stops at the body', () => {
    const text = fixture('malformed-pasted.txt');
    const p = parseHeaderBlock(text);
    assert.equal(p.indent, 4);
    assert.equal(p.mboxFrom?.text, 'From bounce@example.org Thu Mar 14 08:00:00 2024');
    assert.deepEqual(
      p.fields.map((f) => f.name),
      ['Received', 'Authentication-Results', 'From', 'To', 'Subject', 'Date'],
    );
    assert.equal(p.fields[0]!.unfolded, 'from mail.example.org (mail.example.org [192.0.2.50])\tby mx.contoso.com (Postfix) with ESMTPS id 11AA22BB\tfor <user@contoso.com>; Thu, 14 Mar 2024 08:00:03 +0000 (UTC)');
    assert.ok(p.bodyOffset !== null && text.slice(p.bodyOffset).startsWith('    Body line 1'));
    assert.ok(!p.fields.some((f) => f.name.startsWith('Body')), 'the body is not parsed as headers');
  });

  it('reports a line without a colon instead of dropping it', () => {
    const text = fixture('malformed-pasted.txt');
    const p = parseHeaderBlock(text);
    assert.equal(p.findings.length, 1);
    assert.equal(p.findings[0]!.code, 'hdr-malformed-line');
    assert.equal(at(text, p.findings[0]!), 'This line lost its folding and has no colon');
  });

  it('reports a field name with invalid characters', () => {
    const p = parseHeaderBlock('Good: yes\nBad Name: no\n');
    assert.deepEqual(
      p.fields.map((f) => f.name),
      ['Good'],
    );
    assert.equal(p.findings[0]?.code, 'hdr-malformed-line');
  });

  it('accepts the obsolete space before the colon and keeps empty values', () => {
    const p = parseHeaderBlock('Subject : hello\nX-Empty:\nTo: x@example.com\n');
    assert.deepEqual(
      p.fields.map((f) => [f.name, f.unfolded]),
      [
        ['Subject', 'hello'],
        ['X-Empty', ''],
        ['To', 'x@example.com'],
      ],
    );
  });

  it('does not take a "From:" header for an mbox separator', () => {
    const p = parseHeaderBlock('From: a@example.com\nTo: b@example.com\n');
    assert.equal(p.mboxFrom, null);
    assert.equal(p.fields[0]!.name, 'From');
  });

  it('returns no fields for text that is not a header', () => {
    const p = parseHeaderBlock('hello world\nthis is a letter\n');
    assert.equal(p.fields.length, 0);
    assert.equal(p.findings.length, 2);
  });
});

describe('pasted mail-client pages', () => {
  it('skips the summary of Gmail\'s "Show original" page', () => {
    const page = [
      'Original Message',
      'Message ID\t<0f1e2d3c@fabrikam.org>',
      'Created at:\tWed, Mar 6, 2024 at 12:22 PM (Delivered after 3 seconds)',
      'From:\tÉlodie Durand <elodie.durand@fabrikam.org>',
      'SPF:\tPASS with IP 203.0.113.25 Learn more',
      '',
      'Download original',
      'Copy to clipboard',
      '',
      fixture('gmail.txt'),
    ].join('\n');
    const p = parseHeaderBlock(page);
    assert.equal(p.fields[0]!.name, 'Delivered-To');
    assert.ok(p.fields.some((f) => f.name === 'Authentication-Results'));
    assert.ok(!p.fields.some((f) => f.name === 'SPF'));
    assert.deepEqual(
      p.findings.map((f) => f.code),
      ['hdr-preamble-skipped'],
    );
    assert.equal(page.slice(p.findings[0]!.span.start, p.findings[0]!.span.end).split('\n').pop(), 'Copy to clipboard');
  });
});
