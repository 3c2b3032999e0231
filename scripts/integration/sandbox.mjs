// Fresh temporary folders for one run: a copy of the workspace fixture (tests may edit it),
// user data and extensions for VS Code, and the results file the test module writes.

/**
 * User settings for the test VS Code: nothing that reaches for the network or starts work the
 * tests do not need (chat and its agent host, gallery, experiments, language detection).
 * Suites that need a setting change it through the API (getConfiguration().update).
 */
export const TEST_USER_SETTINGS = {
  'chat.disableAIFeatures': true,
  'chat.agent.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.languageDetection': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'security.workspace.trust.enabled': false,
};
import { cpSync, mkdtempSync, rmSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function createSandbox(root) {
  const dir = mkdtempSync(join(tmpdir(), 'mailsec-it-'));
  const fixture = join(root, 'test/integration/fixtures/workspace');
  if (!existsSync(fixture)) throw new Error(`workspace fixture ${fixture} is missing`);
  const workspace = join(dir, 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(TEST_USER_SETTINGS, null, 2) + '\n');
  mkdirSync(extensions);
  return {
    dir,
    workspace,
    userData,
    extensions,
    results: join(dir, 'results.json'),
    remove() {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
