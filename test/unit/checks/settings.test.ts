// The live-check settings in package.json agree with the core they configure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMON_SELECTORS } from '../../../src/core/checks/dkim';
import { checkSelectorList } from '../../../src/core/checks/inputs';
import { DEFAULT_ATTEMPTS, DEFAULT_TIMEOUT_MS } from '../../../src/core/dns/transport';
import { DEFAULT_CHECK_DEADLINE_S } from '../../../src/core/dns/deadline';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; scope: string }>;

void describe('live-check settings', () => {
  void it('the default DKIM selector list is the core\'s list of common selectors, all valid', () => {
    assert.deepEqual(props['mailsec.dkim.selectors']!.default, [...COMMON_SELECTORS]);
    assert.deepEqual(checkSelectorList(props['mailsec.dkim.selectors']!.default).problems, []);
  });

  void it('timeout and attempts default to what the resolver uses without settings', () => {
    assert.equal(props['mailsec.dns.timeout']!.default, DEFAULT_TIMEOUT_MS);
    assert.equal(props['mailsec.dns.attempts']!.default, DEFAULT_ATTEMPTS);
  });

  void it('the overall check deadline defaults to what the CLI uses without --deadline', () => {
    assert.equal(props['mailsec.dns.checkDeadline']!.default, DEFAULT_CHECK_DEADLINE_S);
  });

  void it('a workspace cannot point an untrusted window at its own DNS servers', () => {
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['mailsec.dns.servers']);
    assert.equal(props['mailsec.dns.servers']!.scope, 'machine-overridable');
  });
});
