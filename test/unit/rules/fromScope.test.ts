/**
 * -FromScope as Exchange decides it (issue 14): InOrganization needs an authenticated
 * connection, so an anonymous sender in the organisation's own domain — or a subdomain
 * that is not an accepted domain — is outside, and the rules fire.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { isAcceptedDomain, readFromScope } from '../../../src/core/rules/fromScope';
import { ruleTestMarkdown } from '../../../src/core/rules/testReport';
import { buildTransportRules } from '../../../src/core/rules/transportRules';

const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont'] };
const NOW = Date.parse('2024-04-08T08:00:00Z');
const phishing = readFileSync(join(__dirname, '../headers/fixtures/phishing-lookalike.txt'), 'utf8');

/** The Exchange Online header of the fixture, sent as `from` with spf=fail and the given AuthAs. */
function exo(from: string, authAs = 'Anonymous'): string {
  return phishing
    .replace('From: "Dupont, Jean" <jean.dupont@c0ntoso.com>', `From: ${from}`)
    .replace('spf=none (sender IP is 203.0.113.199)', 'spf=fail (sender IP is 203.0.113.199)')
    .replace('X-MS-Exchange-Organization-AuthAs: Anonymous', `X-MS-Exchange-Organization-AuthAs: ${authAs}`);
}

function test(text: string, org = ORG) {
  const analysis = analyzeHeaders(text, { org, now: NOW });
  return { analysis, md: ruleTestMarkdown(text, analysis, buildTransportRules(org), 'x.eml') };
}

describe('FromScope in the transport-rule tester', () => {
  it('own-domain spoof: AuthAs Anonymous with spf=fail is outside, both rules fire (the reported case)', () => {
    const { analysis, md } = test(exo('Jean Dupont <jean.dupont@contoso.com>'));
    assert.equal(analysis.transportRuleScope.scope, 'NotInOrganization');
    assert.equal(analysis.transportRuleScope.basis, 'auth-as');
    assert.deepEqual(analysis.transportRules.map((v) => v.fires), [true, true]);
    assert.ok(analysis.findings.some((f) => f.code === 'hdr-internal-domain-not-validated'), 'the header finding agrees');
    assert.match(md, /outside the organisation for the rules' FromScope: Exchange did not authenticate the sender as internal/);
    assert.match(md, /\*\*2 of 2 rules would fire\.\*\*/);
    assert.doesNotMatch(md, /Does not apply/);
  });

  it('subdomain spoof: a subdomain of an accepted domain is not accepted unless configured', () => {
    const { analysis } = test(exo('Jean Dupont <jean.dupont@eu.contoso.com>', 'Internal'));
    // even AuthAs Internal: the address is what Exchange would check; AuthAs Internal decides here
    assert.equal(analysis.transportRuleScope.scope, 'InOrganization');
    const anon = test(exo('Jean Dupont <jean.dupont@eu.contoso.com>'));
    assert.deepEqual(anon.analysis.transportRules.map((v) => v.fires), [true, true]);
    // without Exchange's headers, the domain decides: exact match only
    const plain = 'From: Jean Dupont <jean@eu.contoso.com>\nAuthentication-Results: mx.contoso.com; spf=pass smtp.mailfrom=eu.contoso.com\nSubject: x\n';
    assert.equal(test(plain).analysis.transportRuleScope.scope, 'NotInOrganization');
    assert.equal(test(plain, { domains: ['*.contoso.com'], displayNames: ['Jean Dupont'] }).analysis.transportRuleScope.scope, 'InOrganization');
  });

  it('an authenticated internal sender (AuthAs Internal) is inside: nothing fires, and the report says why', () => {
    const { analysis, md } = test(exo('Jean Dupont <jean.dupont@contoso.com>', 'Internal'));
    assert.equal(analysis.transportRuleScope.scope, 'InOrganization');
    assert.deepEqual(analysis.transportRules.map((v) => v.fires), [false, false]);
    assert.match(md, /Does not apply\\: the sender is inside the organisation \\\(Exchange authenticated the sender as internal/);
  });

  it('X-MS-Exchange-Organization-* fields count only when your Exchange received the message', () => {
    const forged = 'From: Jean Dupont <jean@contoso.com>\nX-MS-Exchange-Organization-AuthAs: Internal\nAuthentication-Results: mx.contoso.com; spf=fail smtp.mailfrom=contoso.com\nSubject: x\n';
    const { analysis } = test(forged);
    assert.equal(analysis.transportRuleScope.basis, 'domain');
    assert.equal(analysis.transportRuleScope.scope, 'NotInOrganization', 'unvalidated sender in an accepted domain');
  });

  it('readFromScope: AuthAs first, then MessageDirectionality, then the domain', () => {
    const h = (pairs: Record<string, string>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));
    const base = { fromDomain: 'contoso.com', acceptedDomains: ['contoso.com'], trustOrganizationHeaders: true };
    assert.equal(readFromScope({ ...base, headers: h({ 'X-MS-Exchange-Organization-AuthAs': 'Partner' }) }).scope, 'NotInOrganization');
    assert.equal(readFromScope({ ...base, headers: h({ 'X-MS-Exchange-Organization-AuthAs': 'internal' }) }).scope, 'InOrganization');
    assert.equal(readFromScope({ ...base, headers: h({ 'X-MS-Exchange-Organization-MessageDirectionality': 'Originating' }) }).scope, 'InOrganization');
    assert.equal(readFromScope({ ...base, headers: h({ 'X-MS-Exchange-Organization-MessageDirectionality': 'Incoming' }) }).scope, 'NotInOrganization');
    assert.equal(readFromScope({ ...base, trustOrganizationHeaders: false, headers: h({ 'X-MS-Exchange-Organization-AuthAs': 'Internal' }) }).basis, 'domain');
    assert.equal(readFromScope({ ...base, headers: [], senderValidated: false }).scope, 'NotInOrganization');
    assert.equal(readFromScope({ ...base, headers: [], senderValidated: true }).scope, 'InOrganization');
  });

  it('isAcceptedDomain: exact, or under a *. entry', () => {
    assert.equal(isAcceptedDomain('contoso.com', ['Contoso.com.']), true);
    assert.equal(isAcceptedDomain('eu.contoso.com', ['contoso.com']), false);
    assert.equal(isAcceptedDomain('eu.contoso.com', ['*.contoso.com']), true);
    assert.equal(isAcceptedDomain('contoso.com', ['*.contoso.com']), true);
    assert.equal(isAcceptedDomain('evilcontoso.com', ['*.contoso.com']), false);
    assert.equal(isAcceptedDomain(null, ['contoso.com']), false);
  });
});
