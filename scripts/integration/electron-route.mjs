// The download route: @vscode/test-electron fetches VS Code (cached in .vscode-test/) and runs
// the test module in its extension host. The extension host's console goes to our stdout.
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

/** Thrown when VS Code cannot be downloaded: the caller may fall back to the server route. */
export class DownloadFailed extends Error {}

export async function runElectronRoute({ root, sandbox, env, testsPath, log }) {
  const version = env.MAILSEC_VSCODE_VERSION || 'stable';
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(root, '.vscode-test'), timeout: 30_000 });
  } catch (err) {
    throw new DownloadFailed(`VS Code ${version} could not be downloaded: ${err.message}`);
  }
  log(`VS Code: ${vscodeExecutablePath}`);
  const extensionTestsEnv = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('MAILSEC_')));
  try {
    const exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      extensionTestsEnv: { ...extensionTestsEnv, MAILSEC_ROUTE: 'electron' },
      launchArgs: [
        sandbox.workspace,
        '--user-data-dir', sandbox.userData,
        '--extensions-dir', sandbox.extensions,
        '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--disable-telemetry', '--disable-updates', '--disable-gpu', '--no-sandbox',
      ],
    });
    return { exitCode };
  } catch (err) {
    // runTests rejects when VS Code exits non-zero (a failing test) with TestRunFailedError.
    if (typeof err?.code === 'number') return { exitCode: err.code };
    if (err?.signal) return { exitCode: 2, error: `VS Code ended by ${err.signal}` };
    throw err;
  }
}
