import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHeaderBlock } from '../../../src/core/headers/parse';
import { decodeEncodedWords } from '../../../src/core/headers/rfc2047';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { at, byCode, fixture } from './helpers';

describe('decodeEncodedWords', () => {
  it('decodes B and Q words', () => {
    assert.equal(decodeEncodedWords('=?UTF-8?B?w6l0w6k=?=').text, 'été');
    assert.equal(decodeEncodedWords('=?iso-8859-1?q?caf=E9_cr=E8me?=').text, 'café crème');
  });

  it('drops whitespace between adjacent encoded words but keeps it next to plain text', () => {
    assert.equal(decodeEncodedWords('=?UTF-8?Q?a?= =?UTF-8?Q?b?=').text, 'ab');
    assert.equal(decodeEncodedWords('=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=').text, 'ab');
    assert.equal(decodeEncodedWords('=?UTF-8?Q?a?= b =?UTF-8?Q?c?=').text, 'a b c');
    assert.equal(decodeEncodedWords('=?UTF-8?Q?a_?= =?UTF-8?Q?b?=').text, 'a b', 'an encoded space is kept');
    assert.equal(decodeEncodedWords('=?UTF-8?Q?a?= =?ISO-8859-1?Q?=E9?=').text, 'aé', 'adjacent words with different charsets');
  });

  it('joins the bytes of adjacent words so a character split between them survives', () => {
    const d = decodeEncodedWords('=?UTF-8?B?WmHF?= =?UTF-8?B?vMOzxYLEhw==?=');
    assert.equal(d.text, 'Zażółć');
    assert.equal(d.runs.length, 1);
    assert.equal(d.runs[0]!.words, 2);
  });

  it('falls back to Latin-1 for an unknown charset and says so', () => {
    const d = decodeEncodedWords('=?x-mac-klingon?Q?Qapla=27?=');
    assert.equal(d.text, "Qapla'");
    assert.equal(d.problems[0]!.code, 'hdr-charset-unknown');
    assert.equal(d.runs[0]!.charsetSupported, false);
  });

  it('reports malformed words: a word that is not base64 is shown as written (as MHA does), what it hides is still decoded for the checks', () => {
    const d = decodeEncodedWords('=?UTF-8?B?SGVsbG8*IQ==?=');
    assert.equal(d.problems[0]!.code, 'hdr-encoded-word-invalid');
    assert.equal(d.text, '=?UTF-8?B?SGVsbG8*IQ==?=');
    assert.ok(d.runs[0]!.shownRaw && d.runs[0]!.decoded.startsWith('Hello'), 'the valid part before the bad character is decoded');
    assert.equal(decodeEncodedWords('=?UTF-8?B?SGVsbG8?=').text, 'Hello', 'missing padding is accepted');
    assert.equal(decodeEncodedWords('a =?UTF-8?B?RU5E=?= =?UTF-8?B?RU5E?=').text, 'a =?UTF-8?B?RU5E=?= END', 'a raw word keeps the space after it');
    assert.equal(decodeEncodedWords('=?UTF-8?Q?50=ZZ?=').problems[0]!.code, 'hdr-encoded-word-invalid');
  });

  it('keeps NUL, CR and LF in the decoded text (nothing dropped silently)', () => {
    assert.equal(decodeEncodedWords('=?UTF-8?Q?Bob=00Smith?=').text, 'Bob\u0000Smith');
    assert.equal(decodeEncodedWords('=?UTF-8?Q?a=0D=0Ab?=').text, 'a\r\nb');
  });

  it('accepts an RFC 2231 language suffix', () => {
    assert.equal(decodeEncodedWords('=?UTF-8*fr?Q?oui?=').text, 'oui');
  });

  it('leaves text without encoded words untouched', () => {
    const s = 'plain =? not a word ?= text';
    assert.equal(decodeEncodedWords(s).text, s);
  });
});

describe('charsets in a real header (CRLF fixture)', () => {
  const text = fixture('rfc2047-charsets.txt');
  const { fields } = parseHeaderBlock(text);
  const get = (n: string) => fields.find((f) => f.name === n)!;

  it('windows-1251, Shift_JIS, ISO-2022-JP and ISO-8859-2 names', () => {
    assert.equal(get('From').decoded, 'Иван Петров <ivan.petrov@example.ru>');
    assert.equal(get('To').decoded, '山田太郎 <taro.yamada@example.jp>');
    assert.equal(get('Cc').decoded, '佐藤花子 <hanako.sato@example.jp>, Łukasz Żółć <lukasz@example.pl>');
  });

  it('ISO-8859-2 subject split over two words, with the encoded space kept', () => {
    assert.equal(get('Subject').decoded, 'Příliš žluťoučký kůň úpěl ďábelské ódy');
  });

  it('UTF-8 character split across a fold', () => {
    assert.equal(get('Comments').decoded, 'Zażółć gęślą jaźń — €');
  });

  it('analysis parses the decoded display names and reports the bad words where they are', () => {
    const a = analyzeHeaders(text, { org: { domains: ['example.cz'], displayNames: [] }, now: Date.parse('2024-03-14T00:00:00Z') });
    assert.equal(a.addresses.from[0]!.name, 'Иван Петров');
    assert.deepEqual(
      a.addresses.cc.map((c) => [c.name, c.address]),
      [
        ['佐藤花子', 'hanako.sato@example.jp'],
        ['Łukasz Żółć', 'lukasz@example.pl'],
      ],
    );
    const unknown = byCode(a.findings, 'hdr-charset-unknown');
    assert.equal(unknown.length, 1);
    assert.equal(at(text, unknown[0]!), '=?x-mac-klingon?Q?Qapla=27?=');
    assert.equal(at(text, byCode(a.findings, 'hdr-encoded-word-invalid')[0]!), '=?UTF-8?B?SGVsbG8*IQ==?=');
    assert.equal(byCode(a.findings, 'hdr-mixed-scripts').length, 0, 'an all-Cyrillic name is not mixed');
  });
});
