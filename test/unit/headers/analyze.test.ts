import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeHeaders, normalizeOrg } from '../../../src/core/headers/analyze';
import { SEVERITY_RANK } from '../../../src/core/findings';
import { at, byCode, codes, CONTOSO, fixture, FIXTURES } from './helpers';

const NOW = Date.parse('2024-04-10T00:00:00Z');

describe('analyzeHeaders on the corpus', () => {
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))) {
    it(`${name}: plain JSON, findings sorted most severe first, spans inside the text`, () => {
      const text = fixture(name);
      const a = analyzeHeaders(text, { org: CONTOSO, now: NOW });
      assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
      for (let i = 1; i < a.findings.length; i++) {
        assert.ok(SEVERITY_RANK[a.findings[i - 1]!.severity] <= SEVERITY_RANK[a.findings[i]!.severity]);
      }
      assert.deepEqual(a.reasons, a.findings.filter((f) => f.severity !== 'info'));
      for (const f of a.findings) {
        assert.match(f.code, /^hdr-[a-z0-9-]+$/);
        assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end, `${f.code} span`);
      }
      for (const h of a.headers) assert.equal(at(text, { span: h.nameSpan }), h.name);
    });
  }
});

describe('Office 365 inbound (validated external sender)', () => {
  const text = fixture('o365-inbound.txt');
  const a = analyzeHeaders(text, { org: CONTOSO, now: Date.parse('2024-03-05T12:00:00Z') });

  it('passes, with the sender, the authentication and the route', () => {
    assert.equal(a.verdict, 'pass');
    assert.equal(a.summary.fromAddress, 'john.smith@fabrikam.com');
    assert.equal(a.summary.fromName, 'John Smith');
    assert.equal(a.summary.senderIsInternal, false);
    assert.equal(a.summary.subject, 'Q1 planning');
    assert.equal(a.summary.date!.iso, '2024-03-05T09:14:58.000Z');
    assert.equal(a.authentication.validated, true);
    assert.deepEqual([a.authentication.spf, a.authentication.dkim, a.authentication.dmarc], ['pass', 'pass', 'pass']);
    assert.deepEqual(a.authentication.compauth, { result: 'pass', reason: '100', meaning: 'Passed composite authentication; the last two digits are internal Microsoft codes.' });
    assert.equal(a.authentication.alignment.spfStrict, true);
    assert.equal(a.hops.length, 5);
    assert.equal(a.summary.totalDelaySeconds, 3);
    assert.equal(a.authentication.receivedSpf[0]!.params['client-ip'], '198.51.100.41');
    assert.equal(a.authentication.dkimSignatures[0]!.domain, 'fabrikam.com');
    assert.deepEqual(
      a.transportRules.map((r) => r.fires),
      [false, false],
    );
  });

  it('an expired DKIM signature is reported once the time has passed', () => {
    const later = analyzeHeaders(text, { org: CONTOSO, now: NOW });
    assert.deepEqual(codes(later.reasons), ['hdr-dkim-expired']);
    assert.equal(later.verdict, 'warn');
  });
});

describe('phishing: board member impersonated from a lookalike domain', () => {
  const text = fixture('phishing-lookalike.txt');
  const a = analyzeHeaders(text, { org: CONTOSO, now: NOW });

  it('fails, most severe reasons first', () => {
    assert.equal(a.verdict, 'fail');
    const errors = a.reasons.filter((f) => f.severity === 'error').map((f) => f.code).sort();
    assert.deepEqual(errors, ['hdr-compauth-fail', 'hdr-display-name-impersonation', 'hdr-lookalike-domain', 'hdr-sender-not-validated']);
    assert.equal(at(text, byCode(a.findings, 'hdr-display-name-impersonation')[0]!), '"Dupont, Jean"');
    assert.equal(at(text, byCode(a.findings, 'hdr-lookalike-domain')[0]!), 'jean.dupont@c0ntoso.com');
    assert.ok(codes(a.findings).includes('hdr-reply-to-other-domain'));
  });

  it('both transport rules fire, with the disclaimers they would add', () => {
    const [r1, r2] = a.transportRules;
    assert.equal(r1!.fires, true);
    assert.equal(r1!.matches[0]!.matchedText, 'spf=none');
    assert.equal(at(text, r1!.matches[0]! as { span: { start: number; end: number } }), 'spf=none');
    assert.equal(r1!.disclaimerText, 'The sender of this message could not be validated and may not be the actual sender.');
    assert.equal(r2!.fires, true);
    assert.equal(r2!.matches[0]!.matchedText, 'Dupont, Jean');
    assert.match(r2!.disclaimerText!, /outside the organisation/);
  });

  it('explains compauth reason 001 and Microsoft fields', () => {
    assert.equal(a.authentication.compauth!.reason, '001');
    assert.match(a.authentication.compauth!.meaning!, /implicit authentication/);
    assert.deepEqual(a.authentication.dmarcAction, { value: 'none', meaning: 'No DMARC action was taken.' });
    assert.equal(a.antispam.sfv, 'NSPM');
    const sfty = a.antispam.microsoft.find((h) => h.name === 'X-Forefront-Antispam-Report')!.items.find((i) => i.key === 'SFTY')!;
    assert.match(sfty.meaning, /First contact/);
  });
});

describe('other sources', () => {
  it('Gmail: validated, encoded names and subject decoded', () => {
    const a = analyzeHeaders(fixture('gmail.txt'), { org: { domains: ['gmail.com'], displayNames: [] }, now: NOW });
    assert.equal(a.verdict, 'pass');
    assert.equal(a.summary.fromName, 'Élodie Durand');
    assert.equal(a.summary.subject, 'Re: échange de documents – été 2024');
    assert.equal(a.authentication.results.length, 2);
    assert.equal(a.authentication.arc.state, 'pass');
    assert.equal(a.addresses.returnPath[0]!.address, 'elodie.durand@fabrikam.org');
  });

  it('Exchange on-premises: spf=softfail from a newsletter sender — rule 1 fires, not validated', () => {
    const a = analyzeHeaders(fixture('exchange-onprem.txt'), { org: { ...CONTOSO, authservIds: ['edge01.contoso.com'] }, now: NOW });
    assert.equal(a.verdict, 'warn');
    assert.equal(a.authentication.spf, 'softfail');
    assert.equal(byCode(a.findings, 'hdr-sender-not-validated')[0]!.severity, 'warning');
    assert.equal(a.transportRules[0]!.fires, true);
    assert.equal(a.antispam.scl, 4);
    assert.ok(codes(a.findings).includes('hdr-return-path-misaligned'));
  });

  it('mailing list with ARC i=1..3: DMARC failed but ARC vouches — warn, not fail; the comment does not count', () => {
    const text = fixture('arc-forwarded.txt');
    const a = analyzeHeaders(text, { org: { domains: ['example.com'], displayNames: [], authservIds: ['mx.google.com'] }, now: NOW });
    assert.equal(a.verdict, 'warn');
    assert.equal(a.authentication.spf, 'pass', 'spf=fail inside the arc= comment is not the SPF result');
    assert.equal(a.authentication.dmarc, 'fail');
    assert.equal(byCode(a.findings, 'hdr-dmarc-fail')[0]!.severity, 'warning');
    assert.match(byCode(a.findings, 'hdr-dmarc-fail')[0]!.message, /arc=pass/);
    const dis = byCode(a.findings, 'hdr-rule-disagrees')[0]!;
    assert.match(dis.message, /matches "spf=fail".*no SPF or DKIM result says so/);
    assert.equal(a.transportRules[0]!.fires, true);
  });

  it('hostile values stay data: reported where they are, never interpreted', () => {
    const text = fixture('hostile.txt');
    const a = analyzeHeaders(text, { org: CONTOSO, now: NOW });
    assert.equal(a.verdict, 'fail');
    assert.equal(a.summary.subject, '<script>alert(1)</script> javascript:alert(2)');
    assert.equal(a.addresses.sender[0]!.name, 'Bob\u0000Smith');
    assert.equal(at(text, byCode(a.findings, 'hdr-encoded-nul')[0]!), '=?UTF-8?Q?Bob=00Smith?=');
    assert.equal(at(text, byCode(a.findings, 'hdr-encoded-crlf')[0]!), '=?UTF-8?Q?Eve=0D=0ABcc:_victim@contoso.com?=');
    assert.equal(at(text, byCode(a.findings, 'hdr-bidi-control')[0]!), '\u202E');
    assert.equal(at(text, byCode(a.findings, 'hdr-control-char')[0]!), '\u0000');
    assert.deepEqual(
      byCode(a.findings, 'hdr-markup-in-header').map((f) => f.data!['match']),
      ['<script', '<style'],
    );
    const shown = byCode(a.findings, 'hdr-display-name-address')[0]!;
    assert.deepEqual(shown.data, { shown: 'ceo@contoso.com', real: 'attacker@example.net' });
    assert.equal(byCode(a.findings, 'hdr-duplicate-header')[0]!.severity, 'error');
    assert.equal(byCode(a.findings, 'hdr-punycode-domain')[0]!.data!['unicode'], 'pаypal.com');
    assert.equal(byCode(a.findings, 'hdr-date-future').length, 1);
    assert.match(byCode(a.findings, 'hdr-rule-disagrees')[0]!.message, /"dkim=fail"/);
  });

  it('a spoofed internal sender is not validated', () => {
    const text = [
      'Received: from evil.example (evil.example [203.0.113.5]) by mx.contoso.com; Mon, 8 Apr 2024 07:42:08 +0000',
      'Authentication-Results: mx.contoso.com; spf=fail smtp.mailfrom=contoso.com; dmarc=fail header.from=contoso.com',
      'From: Jean Dupont <jean.dupont@contoso.com>',
      '',
    ].join('\n');
    const a = analyzeHeaders(text, { org: CONTOSO, now: NOW });
    assert.equal(a.summary.senderIsInternal, true);
    assert.ok(codes(a.reasons).includes('hdr-internal-domain-not-validated'));
    assert.ok(!codes(a.findings).includes('hdr-display-name-impersonation'), 'an internal sender is not an impersonator of itself');
    // Exchange's InOrganization needs an authenticated connection: an unvalidated sender in
    // the organisation's own domain is outside for -FromScope, so the rule fires (issue 14).
    assert.equal(a.transportRuleScope.scope, 'NotInOrganization');
    assert.equal(a.transportRules[0]!.fires, true, 'an own-domain spoof fires rule 1');
  });

  it('a name with a combining accent is caught, and the rule is said to miss it', () => {
    const text = [
      'Received: from evil.example (evil.example [203.0.113.5]) by mx.contoso.com; Mon, 8 Apr 2024 07:42:08 +0000',
      'Authentication-Results: mx.contoso.com; spf=pass smtp.mailfrom=evil.example; dmarc=pass header.from=evil.example',
      // "Nadiá" spelled with a combining accent (a + U+0301): the name reads the same.
      'From: =?UTF-8?Q?Nadia=CC=81_Okafor?= <n.okafor@evil.example>',
      '',
    ].join('\n');
    const a = analyzeHeaders(text, { org: CONTOSO, now: NOW });
    const imp = byCode(a.findings, 'hdr-display-name-impersonation')[0]!;
    assert.deepEqual(imp.data, { names: ['Nadia Okafor'] });
    assert.equal(imp.severity, 'warning', 'validated sender, no lookalike domain');
    assert.equal(a.transportRules[1]!.fires, false);
    assert.ok(byCode(a.findings, 'hdr-rule-disagrees').some((f) => f.data!['ruleId'] === 'external-internal-display-name'));
  });

  it('no headers: a single error saying what to paste', () => {
    const a = analyzeHeaders('Dear customer,\nplease find attached.\n', { org: CONTOSO, now: NOW });
    assert.equal(a.headers.length, 0);
    assert.equal(a.verdict, 'fail');
    assert.ok(codes(a.findings).includes('hdr-no-headers'));
  });
});

describe('normalizeOrg', () => {
  it('trims, lower-cases domains, drops empties and duplicates', () => {
    assert.deepEqual(normalizeOrg({ domains: [' @Contoso.COM. ', 'contoso.com', ''], displayNames: [' Jean Dupont ', 'Jean Dupont'], authservIds: ['MX.Contoso.com'] }), {
      domains: ['contoso.com'],
      displayNames: ['Jean Dupont'],
      authservIds: ['mx.contoso.com'],
    });
  });
});
