/**
 * Issue 11 §11 regression: U+202E and other bidi, control and invisible characters from a
 * message were printed raw by `mailsec analyze` (text and JSON) and in the Markdown export.
 * One function (src/core/text/visible.ts) marks them `<U+202E>` as the header panel does.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { headerViewToMarkdown } from '../../../src/core/headers/markdown';
import { buildHeaderView } from '../../../src/core/headers/view';
import { mdCode, mdText } from '../../../src/core/text/markdown';
import { jsonVisible, visible } from '../../../src/core/text/visible';
import { fakeIo } from '../cli/fakeIo';

/** What must never reach a terminal or a Markdown file raw. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/u; // eslint-disable-line no-control-regex

const HOSTILE = [
  'From: "Bob \u202Egpj.exe" <bob@example.com>',
  'To: alice@contoso.com',
  'Subject: invoice \u202Efdp.exe\u202C and \u2066isolate\u2069, line\u2028separator, tag \u{E0041}\u{E0042}, soft\u00ADhyphen, zero\u200Bwidth, bell\u0007',
  'Received: from a\u202Eb.example (a.example [192.0.2.1]) by mx.contoso.com; Mon, 1 Apr 2024 10:00:00 +0000',
  'Authentication-Results: mx.contoso.com; spf=pass smtp.mailfrom=x\u202Ey.example',
  'Date: Mon, 1 Apr 2024 09:59:00 +0000',
  '',
].join('\n');

describe('hidden characters are shown, never printed raw (issue 11 §11)', () => {
  it('visible() marks bidi, line separators, tag characters, soft hyphen and controls, keeps TAB and text', () => {
    assert.equal(visible('a\u202Eb\u2028c\u{E0041}d\u00ADe\u0007f\tg é 😀'), 'a<U+202E>b<U+2028>c<U+E0041>d<U+00AD>e<U+0007>f\tg é 😀');
    assert.equal(visible(visible('x\u202Ey')), 'x<U+202E>y', 'idempotent: the view is already marked');
  });

  it('mailsec analyze (text): no raw bidi or control character in the report, the marker instead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailsec-bidi-'));
    writeFileSync(join(dir, 'in\u202Evoice.eml'), HOSTILE);
    const io = fakeIo(dir);
    await runCli(['analyze', '--no-config', '--org-domain', 'contoso.com', '--now', '2024-04-10T00:00:00Z', 'in\u202Evoice.eml'], io);
    assert.equal(io.err, '');
    const bad = io.out.split('\n').filter((l) => RAW.test(l));
    assert.deepEqual(bad, []);
    assert.ok(io.out.includes('mailsec analyze: in<U+202E>voice.eml'));
    assert.ok(io.out.includes('invoice <U+202E>fdp.exe<U+202C> and <U+2066>isolate<U+2069>, line<U+2028>separator, tag <U+E0041><U+E0042>'));
  });

  it('mailsec analyze --format json: hidden characters as \\u escapes, the data unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailsec-bidi-'));
    writeFileSync(join(dir, 'm.eml'), HOSTILE);
    const io = fakeIo(dir);
    await runCli(['analyze', '--no-config', '--format', 'json', '--now', '2024-04-10T00:00:00Z', 'm.eml'], io);
    assert.ok(!RAW.test(io.out.replace(/\n/g, '')), 'raw hidden character in the JSON text');
    assert.ok(io.out.includes('\\u202e'));
    const j = JSON.parse(io.out);
    assert.equal(j.summary.subject, HOSTILE.split('\n')[2]!.slice('Subject: '.length));
  });

  it('Markdown export: values, messages and the source name marked; the panel view shows the same text', () => {
    const a = analyzeHeaders(HOSTILE, { org: { domains: ['contoso.com'], displayNames: [], authservIds: [] }, now: Date.parse('2024-04-10T00:00:00Z') });
    const view = buildHeaderView(a);
    const md = headerViewToMarkdown(view, { source: 'in\u202Evoice.eml' });
    assert.deepEqual(md.split('\n').filter((l) => RAW.test(l)), []);
    assert.ok(md.includes('in<U+202E>voice.eml') || md.includes('in\\<U+202E\\>voice.eml'));
    const subjectRow = view.summary.find((r) => r.label === 'Subject')!;
    assert.ok(subjectRow.value.includes('<U+2028>') && subjectRow.value.includes('<U+E0041>'));
    assert.ok(md.includes(mdCode(subjectRow.value, { inTable: true })), 'the Markdown shows the panel\'s text');
  });

  it('mdText and mdCode mark what they are given raw (a rule name from settings, a file name)', () => {
    assert.equal(mdText('a\u202Eb'), 'a\\<U+202E\\>b');
    assert.equal(mdCode('a\u2028b\u{E0041}'), '`a<U+2028>b<U+E0041>`');
    assert.equal(mdText('a\r\nb'), 'a b', 'real line breaks still fold to a space');
  });

  it('jsonVisible escapes astral tag characters as a surrogate pair', () => {
    assert.equal(jsonVisible(JSON.stringify('x\u{E0041}\u202E')), '"x\\udb40\\udc41\\u202e"');
    assert.equal(JSON.parse(jsonVisible(JSON.stringify('x\u{E0041}\u202E'))), 'x\u{E0041}\u202E');
  });
});
