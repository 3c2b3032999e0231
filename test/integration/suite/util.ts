// Helpers for the integration suites: wait on editor events (never on fixed sleeps), open
// documents of the temporary workspace, activate the extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'mailsec.mailsec';

/**
 * Resolves with the first value of `event` that satisfies `predicate`; rejects after
 * `timeoutMs` with a message naming `what` was awaited.
 */
export function waitFor<T>(event: vscode.Event<T>, predicate: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      let ok: boolean;
      try {
        ok = predicate(value);
      } catch (err) {
        clearTimeout(timer);
        subscription.dispose();
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      if (!ok) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'none';
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '')} ${d.message}`)
    .join('; ');
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds for them: at once if it
 * already does, else on the next change that makes it hold. The timeout message lists the
 * diagnostics last seen.
 */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 10_000,
): Promise<vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (predicate(current)) return current;
  const key = uri.toString();
  try {
    await waitFor(
      vscode.languages.onDidChangeDiagnostics,
      (e) => e.uris.some((u) => u.toString() === key) && predicate(vscode.languages.getDiagnostics(uri)),
      timeoutMs,
      `diagnostics of ${vscode.workspace.asRelativePath(uri)}`,
    );
  } catch (err) {
    const seen = describeDiagnostics(vscode.languages.getDiagnostics(uri));
    throw new Error(`${err instanceof Error ? err.message : String(err)} (last seen: ${seen})`);
  }
  return vscode.languages.getDiagnostics(uri);
}

/** The root of the temporary workspace the launcher opened. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (the launcher opens a copy of test/integration/fixtures/workspace)');
  return folder.uri;
}

/** The URI of a file of the temporary workspace, e.g. fixtureUri('zones/example.com.zone'). */
export function fixtureUri(relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relPath.split('/'));
}

/** Opens a workspace file and shows it in an editor; resolves with the editor. */
export async function openFixture(relPath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relPath));
  return vscode.window.showTextDocument(document);
}

/** Finds mailsec among the extensions and activates it; resolves with the extension. */
export async function activateExtension<T = unknown>(): Promise<vscode.Extension<T>> {
  const extension = vscode.extensions.getExtension<T>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this VS Code`);
  await extension.activate();
  return extension;
}

/**
 * Takes a picture of the whole workbench as test-results/integration-<name>.png and resolves
 * with its path once the file is there. Only the code-server route can (the launcher drives the
 * browser); elsewhere it resolves with undefined at once. `name`: lower-case letters, digits, -.
 */
export async function screenshot(name: string, timeoutMs = 15_000): Promise<string | undefined> {
  const dir = process.env.MAILSEC_SCREENSHOT_DIR;
  if (!dir) return undefined;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name "${name}": use lower-case letters, digits and -`);
  const fileName = `integration-${name}.png`;
  const file = path.join(dir, fileName);
  fs.rmSync(file, { force: true });
  await new Promise<void>((resolve, reject) => {
    const watcher = fs.watch(dir, (_event, changed) => {
      if (changed === fileName && fs.existsSync(file)) done();
    });
    const timer = setTimeout(() => { watcher.close(); reject(new Error(`timed out after ${timeoutMs} ms waiting for the screenshot ${file}`)); }, timeoutMs);
    const done = () => { clearTimeout(timer); watcher.close(); resolve(); };
    console.log(`mailsec-screenshot:${fileName}`);
  });
  return file;
}
