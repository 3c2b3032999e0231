import * as vscode from 'vscode';

/**
 * Files of the workspace whose names match: VS Code's file search where it works; where it
 * does not (its search helper is missing in some server builds), a bounded walk of the
 * workspace folders through workspace.fs (dot-folders and node_modules skipped).
 */
export async function findWorkspaceFiles(glob: string, name: RegExp, max: number): Promise<vscode.Uri[]> {
  try {
    return await vscode.workspace.findFiles(glob, '**/node_modules/**', max);
  } catch {
    const out: vscode.Uri[] = [];
    let visited = 0;
    const MAX_VISITED = 20 * max;
    const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
      if (depth > 8 || visited > MAX_VISITED || out.length >= max) return;
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return;
      }
      for (const [entry, type] of entries) {
        if (++visited > MAX_VISITED || out.length >= max) return;
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        const child = vscode.Uri.joinPath(dir, entry);
        if (type === vscode.FileType.Directory) await walk(child, depth + 1);
        else if (type === vscode.FileType.File && name.test(entry)) out.push(child);
      }
    };
    for (const f of vscode.workspace.workspaceFolders ?? []) await walk(f.uri, 0);
    return out;
  }
}
