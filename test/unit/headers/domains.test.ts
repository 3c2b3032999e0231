import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignedRelaxed, alignedStrict, inDomains, lookalikeOf, orgDomain, punycodeInfo } from '../../../src/core/headers/domains';
import { editDistance, mixedScripts, skeleton } from '../../../src/core/headers/unicode';

describe('domains', () => {
  it('organisational domain through the Public Suffix List', () => {
    assert.equal(orgDomain('mail.example.co.uk'), 'example.co.uk');
    assert.equal(orgDomain('a.b.contoso.com.'), 'contoso.com');
    assert.equal(orgDomain('foo.github.io'), 'foo.github.io', 'private section: github.io is a suffix');
  });

  it('relaxed and strict alignment', () => {
    assert.equal(alignedRelaxed('bounce.example.com', 'example.com'), true);
    assert.equal(alignedStrict('bounce.example.com', 'example.com'), false);
    assert.equal(alignedRelaxed('example.co.uk', 'other.co.uk'), false);
  });

  it('internal means one of the domains or a subdomain', () => {
    assert.equal(inDomains('EU.Contoso.com', ['contoso.com']), true);
    assert.equal(inDomains('notcontoso.com', ['contoso.com']), false);
  });

  it('finds lookalikes by confusables, edit distance, suffix and additions', () => {
    const org = ['contoso.com'];
    assert.equal(lookalikeOf('c0ntoso.com', org)?.how, 'confusable-characters');
    const cyr = lookalikeOf('xn--ntoso-iyeu.com', org)!; // Cyrillic с and о
    assert.equal(cyr.how, 'confusable-characters');
    assert.equal(cyr.unicode, 'соntoso.com');
    assert.equal(lookalikeOf('contosso.com', org)?.how, 'edit-distance');
    assert.equal(lookalikeOf('contoso.co', org)?.how, 'same-name-other-suffix');
    assert.equal(lookalikeOf('contoso-payroll.com', org)?.how, 'contains-name');
    assert.equal(lookalikeOf('rnicrosoft.com', ['microsoft.com'])?.how, 'confusable-characters');
  });

  it('does not flag the organisation itself or unrelated names', () => {
    const org = ['contoso.com'];
    assert.equal(lookalikeOf('mail.contoso.com', org), null);
    assert.equal(lookalikeOf('fabrikam.com', org), null);
    assert.equal(lookalikeOf('ibm.com', ['abc.com']), null, 'short labels need a closer match');
  });

  it('decodes a Cyrillic punycode domain and names its scripts', () => {
    const p = punycodeInfo('xn--pypal-4ve.com')!;
    assert.equal(p.unicode, 'pаypal.com');
    assert.deepEqual(p.mixed, ['Cyrillic', 'Latin']);
    assert.equal(punycodeInfo('example.com'), null);
    assert.equal(lookalikeOf('xn--pypal-4ve.com', ['paypal.com'])?.how, 'confusable-characters');
  });

  it('skeleton, edit distance and mixed scripts', () => {
    assert.equal(skeleton('Раураl'), skeleton('paypal'));
    assert.equal(editDistance('contoso', 'contosso'), 1);
    assert.equal(editDistance('kitten', 'sitting', 2), 3, 'early exit above the limit');
    assert.deepEqual(mixedScripts('Jеan Dupont')?.words[0]!.scripts, ['Cyrillic', 'Latin']);
    assert.equal(mixedScripts('Иван Петров'), null);
    assert.equal(mixedScripts('山田 Taro'), null, 'Han with Latin is ordinary');
  });
});
