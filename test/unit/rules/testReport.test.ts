import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { ruleTestMarkdown } from '../../../src/core/rules/testReport';
import { buildTransportRules } from '../../../src/core/rules/transportRules';

const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont'] };
const NOW = Date.parse('2024-04-08T08:00:00Z');
const phishing = readFileSync(join(__dirname, '../headers/fixtures/phishing-lookalike.txt'), 'utf8');

describe('ruleTestMarkdown', () => {
  it('says which rules fire, on which line, with which pattern and text, and what they would prepend', () => {
    const md = ruleTestMarkdown(phishing, analyzeHeaders(phishing, { org: ORG, now: NOW }), buildTransportRules(ORG), 'phishing.eml');
    assert.match(md, /\*\*2 of 2 rules would fire\.\*\*/);
    assert.match(md, /## Fires: mailsec\\: sender could not be validated/);
    assert.match(md, /Matched: `Authentication-Results` on line 14 — spf=None found `spf=none`\./);
    assert.match(md, /## Fires: mailsec\\: external sender with an internal display name/);
    assert.match(md, /Matched: `From` on line 27 — pattern for "Jean Dupont" found `Dupont, Jean`\./);
    // Audit mode (the default): Exchange records the match, it prepends nothing
    assert.match(md, /Audit\\: would record, not prepend: "The sender of this message could not be validated and may not be the actual sender\."/);
    assert.doesNotMatch(md, /Would prepend/);
    const enforce = ruleTestMarkdown(phishing, analyzeHeaders(phishing, { org: ORG, now: NOW, rules: { mode: 'Enforce' } }), buildTransportRules(ORG, { mode: 'Enforce' }), 'phishing.eml');
    assert.match(enforce, /- Would prepend: "The sender of this message could not be validated and may not be the actual sender\." \(fallback Reject\)/);
    const from = phishing.split('\n').findIndex((l) => l.startsWith('From:'));
    assert.equal(from + 1, 27);
  });

  it('an internal sender: nothing fires, and the report says why', () => {
    const text = 'From: Jean Dupont <jean@contoso.com>\nAuthentication-Results: mx.contoso.com; spf=pass smtp.mailfrom=contoso.com; dmarc=pass header.from=contoso.com\nSubject: x\n';
    const md = ruleTestMarkdown(text, analyzeHeaders(text, { org: ORG, now: NOW }), buildTransportRules(ORG), 'selection');
    assert.match(md, /\*\*0 of 2 rules would fire\.\*\*/);
    assert.match(md, /Does not apply\\: the sender is inside the organisation/);
  });

  it('the display-name rule is shown as not configured when no names are set, with the From name to add', () => {
    const org = { domains: ['contoso.com'], displayNames: [] };
    const a = analyzeHeaders(phishing, { org, now: NOW });
    const v = a.transportRules.find((r) => r.ruleId === 'external-internal-display-name')!;
    assert.equal(v.notConfigured, true);
    assert.match(v.explanation, /^Not configured — add internal display names/);
    const md = ruleTestMarkdown(phishing, a, buildTransportRules(org), 'phishing.eml');
    assert.match(md, /## Not configured — add internal display names: mailsec\\: external sender with an internal display name/);
    assert.match(md, /From display name is `Dupont, Jean`/);
    assert.match(md, /\*\*1 of 1 rule would fire\.\*\*/);
  });

  it('header text cannot form Markdown or HTML', () => {
    const evil = 'From: "Jean Dupont <img src=x onerror=alert(1)> [click](https://evil.example) **bold** | # h" <a@evil.example>\nSubject: x\n';
    const md = ruleTestMarkdown(evil, analyzeHeaders(evil, { org: ORG, now: NOW }), buildTransportRules(ORG), 'x');
    // the display name sits in a code span: nothing inside it is Markdown or HTML
    const line = md.split('\n').find((l) => l.startsWith('Message from'))!;
    assert.match(line, /^Message from `Jean Dupont <img src=x onerror=alert\(1\)> \[click\]\(https:\/\/evil\.example\) \*\*bold\*\* \| # h` `a@evil\.example` — outside/);
    assert.equal(md.split('\n').filter((l) => /<img|\]\(https/.test(l)).every((l) => l === line || /`[^`]*<img[^`]*`/.test(l)), true);
  });
});
