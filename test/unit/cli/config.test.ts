import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, findConfig, loadConfig, mergeOrganization, readConfig } from '../../../src/cli/config';

function tree(rc?: string): { root: string; deep: string } {
  const root = mkdtempSync(join(tmpdir(), 'mailsec-rc-'));
  const deep = join(root, 'a', 'b');
  mkdirSync(deep, { recursive: true });
  if (rc !== undefined) writeFileSync(join(root, '.mailsecrc.json'), rc);
  return { root, deep };
}

describe('.mailsecrc.json', () => {
  it('is found in a parent folder and read', () => {
    const { root, deep } = tree(JSON.stringify({ organization: { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: ['mx.contoso.com'] } }));
    assert.equal(findConfig(deep), join(root, '.mailsecrc.json'));
    const { config, path } = loadConfig(deep);
    assert.equal(path, join(root, '.mailsecrc.json'));
    assert.deepEqual(config.organization, { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: ['mx.contoso.com'] });
  });

  it('the nearest file wins', () => {
    const { deep } = tree(JSON.stringify({ organization: { domains: ['outer.example'] } }));
    writeFileSync(join(deep, '.mailsecrc.json'), JSON.stringify({ organization: { domains: ['inner.example'] } }));
    assert.deepEqual(loadConfig(deep).config.organization.domains, ['inner.example']);
  });

  it('missing keys are empty lists; other keys are left for other commands', () => {
    const { root } = tree(JSON.stringify({ zone: { origin: 'x' }, organization: { domains: ['contoso.com'] } }));
    assert.deepEqual(readConfig(join(root, '.mailsecrc.json')).organization, { domains: ['contoso.com'], displayNames: [], authservIds: [] });
  });

  it('says what is wrong, naming the file', () => {
    for (const [rc, msg] of [
      ['{ not json', /not valid JSON/],
      ['[1, 2]', /must contain a JSON object/],
      ['{"organization": []}', /"organization" must be an object/],
      ['{"organization": {"displayNames": [1]}}', /organization\.displayNames must be a list of strings/],
    ] as const) {
      const { root } = tree(rc);
      assert.throws(
        () => loadConfig(root),
        (e: unknown) => e instanceof ConfigError && msg.test(e.message) && e.message.startsWith(join(root, '.mailsecrc.json')),
      );
    }
  });

  it('command-line settings add to the file, without duplicates', () => {
    assert.deepEqual(mergeOrganization({ domains: ['a.example'], displayNames: ['X Y'] }, { domains: ['a.example', 'b.example'], authservIds: ['mx.a.example'] }), {
      domains: ['a.example', 'b.example'],
      displayNames: ['X Y'],
      authservIds: ['mx.a.example'],
    });
  });
});
