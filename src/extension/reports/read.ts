/**
 * Reads the report files and folders the user chose through workspace.fs (so virtual
 * workspaces work too): folders walked, each file's size checked before it is read, then the
 * same core as `mailsec reports`.
 */
import * as vscode from 'vscode';
import { defaultReportLimits, readReports, type ReadResult, type ReportSource } from '../../core/reports/index';
import { ReportInputError } from '../../core/reports/types';

const MAX_FILE = defaultReportLimits.maxContainerBytes * 4;
const MAX_FILES = 100_000;
const MAX_DEPTH = 16;

async function collect(uris: readonly vscode.Uri[]): Promise<{ uri: vscode.Uri; found: boolean }[]> {
  const out: { uri: vscode.Uri; found: boolean }[] = [];
  const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
    const entries = (await vscode.workspace.fs.readDirectory(dir)).sort((a, b) => a[0].localeCompare(b[0]));
    for (const [name, type] of entries) {
      if (name.startsWith('.') || out.length >= MAX_FILES) continue;
      const child = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory && !(type & vscode.FileType.SymbolicLink)) await walk(child, depth + 1);
      else if (type === vscode.FileType.File) out.push({ uri: child, found: true });
    }
  };
  for (const u of uris) {
    const st = await vscode.workspace.fs.stat(u);
    if (st.type & vscode.FileType.Directory) await walk(u, 0);
    else out.push({ uri: u, found: false });
  }
  return out;
}

function source(uri: vscode.Uri, found: boolean): ReportSource {
  return {
    name: vscode.workspace.asRelativePath(uri),
    found,
    read: async () => {
      const st = await vscode.workspace.fs.stat(uri);
      if (st.type !== vscode.FileType.File) throw new ReportInputError('not a regular file');
      if (st.size > MAX_FILE) throw new ReportInputError(`${st.size} bytes, more than the ${MAX_FILE / 1024 / 1024} MiB a report file may have`);
      return vscode.workspace.fs.readFile(uri);
    },
  };
}

export async function readReportUris(uris: readonly vscode.Uri[], token?: vscode.CancellationToken): Promise<ReadResult | undefined> {
  const files = await collect(uris);
  const sources = (async function* () {
    for (const f of files) {
      if (token?.isCancellationRequested) return;
      yield source(f.uri, f.found);
    }
  })();
  const result = await readReports(sources);
  return token?.isCancellationRequested ? undefined : result;
}
