import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, configCandidates, parseConfig, resolveOrganization } from '../../../src/core/config/mailsecrc';

describe('parseConfig', () => {
  it('reads the organisation lists; a BOM is allowed, missing lists are empty', () => {
    const c = parseConfig('\uFEFF{"organization": {"domains": ["contoso.com"], "authservIds": ["mx.contoso.com"]}}', '/w/.mailsecrc.json');
    assert.deepEqual(c.organization, { domains: ['contoso.com'], displayNames: [], authservIds: ['mx.contoso.com'] });
  });

  it('names the file and the problem', () => {
    assert.throws(() => parseConfig('{"organization": {"domains": "contoso.com"}}', '/w/.mailsecrc.json'), (e: unknown) => e instanceof ConfigError && e.message === '/w/.mailsecrc.json: organization.domains must be a list of strings, e.g. ["contoso.com"].');
    assert.throws(() => parseConfig('{,}', 'rc'), /^ConfigError: rc: not valid JSON/);
  });
});

describe('resolveOrganization (editor settings over .mailsecrc.json)', () => {
  const file = { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: ['mx.contoso.com'] };

  it('takes each list from the settings when it is set there, else from the file', () => {
    const r = resolveOrganization({ displayNames: ['Nadia Okafor'] }, file);
    assert.deepEqual(r.organization, { domains: ['contoso.com'], displayNames: ['Nadia Okafor'], authservIds: ['mx.contoso.com'] });
    assert.deepEqual(r.origin, { domains: 'file', displayNames: 'setting', authservIds: 'file' });
  });

  it('a list set to [] in the settings empties the file one', () => {
    const r = resolveOrganization({ authservIds: [] }, file);
    assert.deepEqual(r.organization.authservIds, []);
    assert.equal(r.origin.authservIds, 'setting');
  });

  it('without a file and without settings the organisation is empty', () => {
    const r = resolveOrganization({}, null);
    assert.deepEqual(r.organization, { domains: [], displayNames: [], authservIds: [] });
    assert.deepEqual(r.origin, { domains: 'none', displayNames: 'none', authservIds: 'none' });
  });

  it('does not share arrays with its inputs', () => {
    const settings = { domains: ['a.example'] };
    const r = resolveOrganization(settings, file);
    r.organization.domains.push('b.example');
    assert.deepEqual(settings.domains, ['a.example']);
  });
});

describe('configCandidates', () => {
  it('walks from the folder up to the root, nearest first', () => {
    assert.deepEqual(configCandidates('/home/ann/mail/'), ['/home/ann/mail/.mailsecrc.json', '/home/ann/.mailsecrc.json', '/home/.mailsecrc.json', '/.mailsecrc.json']);
    assert.deepEqual(configCandidates('/'), ['/.mailsecrc.json']);
    assert.deepEqual(configCandidates('/c:/x'), ['/c:/x/.mailsecrc.json', '/c:/.mailsecrc.json', '/.mailsecrc.json']);
  });
});
