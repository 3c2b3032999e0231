import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitTagValue, stripFws, tokenizeTagList } from '../../../src/core/mailrecords/tags';
import { didYouMean, editDistance, nearestNames } from '../../../src/core/mailrecords/suggest';

const opts = { prefix: 'x', what: 'test record' };

void describe('tag-list tokenizer (RFC 6376 §3.2)', () => {
  void it('splits tags, trims FWS around names and values, keeps inner FWS', () => {
    const value = ' a = 1 ;\r\n\tb=two words\t; c= ;';
    const { tags, findings, byName } = tokenizeTagList(value, opts);
    assert.deepEqual(findings, []);
    assert.deepEqual(tags.map((t) => [t.name, t.value]), [['a', '1'], ['b', 'two words'], ['c', '']]);
    for (const t of tags) {
      assert.equal(value.slice(t.nameSpan.start, t.nameSpan.end), t.name);
      assert.equal(value.slice(t.valueSpan.start, t.valueSpan.end), t.value);
    }
    assert.equal(value.slice(tags[2]!.span.start, tags[2]!.span.end), 'c=');
    assert.equal(byName.get('b')?.value, 'two words');
  });

  void it('normalises names for duplicates only when asked', () => {
    assert.deepEqual(tokenizeTagList('p=1; P=2', opts).findings, []);
    const ci = tokenizeTagList('p=1; P=2', { ...opts, normalize: (n: string) => n.toLowerCase() });
    assert.deepEqual(ci.findings.map((f) => f.code), ['x-duplicate-tag']);
    assert.equal(ci.byName.get('p')?.value, '1');
    assert.deepEqual(ci.tags.map((t) => t.duplicate), [false, true]);
  });

  void it('allows an "=" inside a value', () => {
    const { tags, findings } = tokenizeTagList('p=abc==; n=a=b', opts);
    assert.deepEqual(findings, []);
    assert.deepEqual(tags.map((t) => t.value), ['abc==', 'a=b']);
  });

  void it('accepts an empty or whitespace-only value with no findings', () => {
    assert.deepEqual(tokenizeTagList('', opts), { tags: [], byName: new Map(), findings: [] });
    assert.deepEqual(tokenizeTagList('  ', opts).findings, []);
  });

  void it('a leading ";" is an empty tag', () => {
    assert.deepEqual(tokenizeTagList('; a=1', opts).findings.map((f) => [f.code, f.span.start]), [['x-empty-tag', 0]]);
  });

  void it('an astral character is reported with both UTF-16 units in the span', () => {
    const value = 'n=\u{1F600}';
    const f = tokenizeTagList(value, opts).findings[0]!;
    assert.equal(f.code, 'x-tag-syntax');
    assert.equal(value.slice(f.span.start, f.span.end), '\u{1F600}');
  });
});

void describe('splitTagValue and stripFws', () => {
  void it('splits on the separator with trimmed items and spans, keeping empty items', () => {
    const value = 'h= sha1 : sha256 :; x=1';
    const tag = tokenizeTagList(value, opts).tags[0]!;
    const items = splitTagValue(value, tag, ':');
    assert.deepEqual(items.map((i) => i.text), ['sha1', 'sha256', '']);
    for (const i of items) assert.equal(value.slice(i.span.start, i.span.end), i.text);
  });

  void it('gives no items for an empty value', () => {
    const value = 'h=';
    assert.deepEqual(splitTagValue(value, tokenizeTagList(value, opts).tags[0]!, ':'), []);
  });

  void it('stripFws removes spaces, tabs and line breaks', () => {
    assert.equal(stripFws('MIIB IjAN\r\n\tBgkq'), 'MIIBIjANBgkq');
  });
});

void describe('nearest-name suggestions', () => {
  void it('edit distance', () => {
    assert.equal(editDistance('include', 'inlcude'), 2);
    assert.equal(editDistance('rua', 'ruf'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });

  void it('prefers a case-only match, then the closest within the limit', () => {
    assert.deepEqual(nearestNames('P', ['p', 'v']), ['p']);
    assert.deepEqual(nearestNames('redirct', ['redirect', 'exp']), ['redirect']);
    assert.deepEqual(nearestNames('rue', ['rua', 'ruf', 'p']), ['rua', 'ruf']);
    assert.deepEqual(nearestNames('zzzzzz', ['rua', 'ruf']), []);
  });

  void it('lists the known names when nothing is close or too much is', () => {
    assert.equal(didYouMean('q', ['a', 'b', 'c', 'd']), ' Known: a=, b=, c=, d=.');
    assert.equal(didYouMean('sp1', ['sp', 'p']), ' Did you mean "sp="?');
  });
});
