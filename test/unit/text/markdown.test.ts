// The Markdown escapes are checked with a real CommonMark renderer (markdown-it, with
// GFM-style autolinks: schemes, www. and e-mail addresses), not against expected strings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { mdCode, mdTable, mdText } from '../../../src/core/text/markdown';

const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  'https://evil.example/login and www.evil.example and ceo@contoso.com',
  '<https://evil.example>',
  '**bold** _em_ `code` ~~strike~~',
  '| cell | break |',
  '&lt;b&gt; &amp; &#x3C;',
  'back\\slash \\<tag\\>',
  '# heading',
  '``double`` and ` single',
  ' leading and trailing ',
];

function decode(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('mdText', () => {
  for (const s of HOSTILE) {
    it(`renders ${JSON.stringify(s)} as that text and nothing else`, () => {
      const html = md.renderInline(mdText(s));
      assert.doesNotMatch(html, /<(?!\/?code>)[a-z/]/i, html);
      assert.equal(decode(html), s);
    });
  }

  it('folds line breaks, so text cannot start a new block', () => {
    assert.equal(md.render(`- ${mdText('a\n# b\r\n<div>c')}`), '<ul>\n<li>a # b &lt;div&gt;c</li>\n</ul>\n');
  });
});

describe('mdCode', () => {
  for (const s of HOSTILE) {
    it(`keeps ${JSON.stringify(s)} literal in a code span`, () => {
      const html = md.renderInline(mdCode(s));
      const m = /^<code>([\s\S]*)<\/code>$/.exec(html);
      assert.ok(m, html);
      assert.equal(decode(m[1]!), s);
    });
  }

  it('in a table, a pipe stays in its cell', () => {
    const html = md.render(mdTable(['Name', 'Value'], [[mdCode('X-A', { inTable: true }), mdCode('a | b | c', { inTable: true })]]));
    assert.match(html, /<td><code>a \| b \| c<\/code><\/td>/);
    assert.equal((html.match(/<td>/g) ?? []).length, 2);
  });

  it('is empty for empty text', () => {
    assert.equal(mdCode(''), '');
  });
});
