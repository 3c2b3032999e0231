import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { headerViewToMarkdown } from '../../../src/core/headers/markdown';
import { buildHeaderView } from '../../../src/core/headers/view';
import { at, CONTOSO, fixture, FIXTURES } from './helpers';

const NOW = Date.parse('2024-04-10T00:00:00Z');
const viewOf = (name: string, now = NOW) => {
  const text = fixture(name);
  const analysis = analyzeHeaders(text, { org: CONTOSO, now });
  return { text, analysis, view: buildHeaderView(analysis) };
};

describe('buildHeaderView', () => {
  it('Office 365 inbound: summary, authentication with alignment, the route with its boundary, anti-spam fields', () => {
    const { text, view } = viewOf('o365-inbound.txt', Date.parse('2024-03-05T12:00:00Z'));
    assert.equal(view.verdict, 'pass');
    const row = (label: string) => view.summary.find((r) => r.label === label)!;
    assert.deepEqual(view.summary.map((r) => r.label), ['From', 'Reply-To', 'Return-Path', 'To', 'Subject', 'Date', 'Message-ID']);
    assert.equal(row('From').value, 'John Smith <john.smith@fabrikam.com>');
    assert.equal(row('From').note, 'outside your organisation');
    assert.equal(at(text, { span: row('From').span! }).trim(), 'John Smith <john.smith@fabrikam.com>');
    assert.equal(row('Reply-To').present, false);
    assert.equal(row('Reply-To').value, '(none)');
    assert.equal(row('Date').value, '2024-03-05 09:14:58 UTC');
    assert.deepEqual(view.auth.rows.map((r) => `${r.method}=${r.result}/${r.tone}`), ['SPF=pass/pass', 'DKIM=pass/pass', 'DMARC=pass/pass', 'ARC=none/neutral', 'compauth=pass/pass']);
    assert.match(view.auth.rows[0]!.alignment, /^envelope fabrikam\.com: aligned with From \(strict\)$/);
    assert.equal(at(text, { span: view.auth.rows[0]!.span! }), 'spf=pass (sender IP is 198.51.100.41)\n smtp.mailfrom=fabrikam.com');
    assert.deepEqual(view.auth.headers.map((h) => h.trusted), [true]);
    assert.deepEqual(view.route.hops.map((h) => [h.n, h.delay, h.bar, h.trust, h.boundary]), [
      [1, '+3s', 100, 'outside', false],
      [2, '+1s', 33, 'org', true],
      [3, '+1s', 33, 'org', false],
      [4, '+0s', 0, 'org', false],
      [5, '+1s', 33, 'org', false],
    ]);
    assert.match(view.route.boundary, /^Hop 2 \(BN2PEPF000044A9/);
    assert.ok(view.antispam.length >= 2);
    const cip = view.antispam.flatMap((g) => g.items).find((i) => i.key === 'CIP')!;
    assert.equal(cip.value, '198.51.100.41');
    assert.equal(at(text, { span: cip.span }), 'CIP:198.51.100.41');
  });

  it('negative delays stay negative and get a bar; a clock-skewed hop is not hidden', () => {
    const { view } = viewOf('clock-skew.txt');
    const negative = view.route.hops.filter((h) => h.negative);
    assert.ok(negative.length > 0, view.route.hops.map((h) => h.delay).join(' '));
    for (const h of negative) {
      assert.match(h.delay, /^-/);
      assert.ok(h.bar > 0);
    }
  });

  it('transport rules and their disclaimer; rule findings are not repeated as notes', () => {
    const { view } = viewOf('phishing-lookalike.txt');
    assert.equal(view.verdict, 'fail');
    const fired = view.rules.filter((r) => r.fires);
    assert.ok(fired.length > 0);
    for (const r of fired) assert.ok(r.disclaimer && r.disclaimer.length > 20);
    assert.ok(!view.notes.some((n) => n.code.startsWith('hdr-rule-sender') || n.code.startsWith('hdr-rule-internal')));
    assert.deepEqual(view.reasons.map((r) => r.severity), [...view.reasons.map((r) => r.severity)].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : 1)));
  });

  it('shows control and bidi characters from the message as visible markers', () => {
    const { view } = viewOf('hostile.txt');
    const to = view.summary.find((r) => r.label === 'To')!;
    assert.equal(to.value, '<U+202E>gnp.exe <user@contoso.com>');
    const sender = view.headers.find((h) => h.name === 'Sender')!;
    assert.equal(sender.value, 'Bob<U+0000>Smith <bob@example.net>');
    assert.equal(sender.encoded, '=?UTF-8?Q?Bob=00Smith?= <bob@example.net>');
    const json = JSON.stringify(view);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(json.replace(/\\[nrt]/g, ''), /[\u0000-\u0008\u000B-\u001F\u202A-\u202E\u2066-\u2069]|\\u00(0[0-8bcef]|1)/i);
  });

  it('counts and headline agree with the findings', () => {
    for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.txt'))) {
      const { analysis, view } = viewOf(name);
      assert.equal(view.counts.error + view.counts.warning + view.counts.info, analysis.findings.length, name);
      assert.equal(view.headers.length, analysis.headers.length);
      if (analysis.findings.length === 0) assert.equal(view.headline, 'No problems found');
      else assert.match(view.headline, new RegExp(`^${view.counts.error} errors?, ${view.counts.warning} warnings?, ${view.counts.info} notes?$`));
    }
  });
});

describe('headerViewToMarkdown', () => {
  const md = new MarkdownIt({ html: true, linkify: true });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });

  it('the hostile corpus renders as text: no tag from the message, no link at all', () => {
    const { view } = viewOf('hostile.txt');
    const html = md.render(headerViewToMarkdown(view, { source: 'hostile.txt' }));
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase()));
    assert.deepEqual([...tags].filter((t) => !['h1', 'h2', 'h3', 'p', 'ul', 'li', 'strong', 'em', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td'].includes(t)), []);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; javascript:alert\(2\)/);
    assert.match(html, /&lt;style&gt;body\{background:url\(&quot;javascript:alert\(3\)&quot;\)\}&lt;\/style&gt;/);
  });

  it('has every section, the verdict first, and line numbers when given', () => {
    const { text, view } = viewOf('phishing-lookalike.txt');
    const lines = text.split('\n');
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    const out = headerViewToMarkdown(view, { source: 'phishing.eml', lineOf });
    assert.match(out, /^# Email header analysis: FAIL\n\n\*\*Verdict: FAIL\*\* — \d+ errors?/);
    const headings = [...out.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings.filter((h) => h !== 'Anti-spam fields' && h !== 'Notes'), ['Why', 'Summary', 'Authentication', 'Route (oldest first)', 'Transport rules (Exchange Online)', 'Header fields (topmost first)']);
    const first = view.reasons[0]!;
    assert.ok(out.includes(`(line ${lineOf(first.span.start)})`));
    assert.ok(lineOf(first.span.start) <= lines.length);
    assert.equal((out.match(/^\| \d+ \| `/gm) ?? []).length, view.headers.length, 'one row per header field');
  });
});
