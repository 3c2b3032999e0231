import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { looksLikeSigninExport, SNIFF_BYTES } from '../../core/signins/sniff';
import { findWorkspaceFiles } from '../workspaceFiles';

/** The context key the explorer menu reads: paths of the files that look like sign-in exports. */
export const SIGNIN_FILES_CONTEXT = 'mailsec.signinLogFiles';
const GLOB = '**/*.{csv,json,ndjson}';
/** Files looked at in one workspace scan (a workspace of data files should not stall the host). */
const MAX_FILES = 2000;
/** Files on a virtual file system are read whole: only small ones. */
const MAX_VIRTUAL_BYTES = 256 * 1024;

async function head(uri: vscode.Uri): Promise<string | undefined> {
  try {
    if (uri.scheme === 'file') {
      const handle = await open(uri.fsPath, 'r');
      try {
        const buffer = Buffer.alloc(SNIFF_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
        return buffer.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
    }
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_VIRTUAL_BYTES) return undefined;
    return new TextDecoder().decode((await vscode.workspace.fs.readFile(uri)).subarray(0, SNIFF_BYTES));
  } catch {
    return undefined; // gone, unreadable: not offered
  }
}

/**
 * Keeps `mailsec.signinLogFiles` up to date, so "Analyze Sign-in Log" appears in the explorer
 * menu of a .csv/.json/.ndjson file only when its first bytes look like a sign-in export
 * (never on settings.json): a scan of the workspace at start, then each created or changed
 * file, and each such document opened from elsewhere.
 */
export class SigninFileSniffer implements vscode.Disposable {
  private readonly paths = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves when the first scan is done (tests wait on it). */
  readonly ready: Promise<void>;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => void this.sniff(u)),
      watcher.onDidChange((u) => void this.sniff(u)),
      watcher.onDidDelete((u) => this.set(u, false)),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (/\.(csv|json|ndjson)$/i.test(d.uri.path)) this.set(d.uri, looksLikeSigninExport(d.getText(new vscode.Range(0, 0, 200, 0))));
      }),
    );
    this.ready = this.scan();
  }

  /** The paths that look like sign-in exports. */
  get files(): string[] {
    return [...this.paths].sort();
  }

  private async scan(): Promise<void> {
    const uris = await findWorkspaceFiles(GLOB, /\.(csv|json|ndjson)$/i, MAX_FILES);
    await Promise.all(uris.map((u) => this.sniff(u)));
    this.publish(true);
  }

  /** Sniffs `uri` now (tests; a file the watcher has not reported yet). */
  async check(uri: vscode.Uri): Promise<boolean> {
    await this.sniff(uri);
    return this.paths.has(uri.scheme === 'file' ? uri.fsPath : uri.path);
  }

  private async sniff(uri: vscode.Uri): Promise<void> {
    const text = await head(uri);
    this.set(uri, text !== undefined && looksLikeSigninExport(text));
  }

  private set(uri: vscode.Uri, yes: boolean): void {
    const key = uri.scheme === 'file' ? uri.fsPath : uri.path;
    if (yes === this.paths.has(key)) return;
    if (yes) this.paths.add(key);
    else this.paths.delete(key);
    this.publish();
  }

  private publish(now = false): void {
    clearTimeout(this.publishTimer);
    const go = () => void vscode.commands.executeCommand('setContext', SIGNIN_FILES_CONTEXT, this.files);
    if (now) go();
    else this.publishTimer = setTimeout(go, 200);
  }

  dispose(): void {
    clearTimeout(this.publishTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
