import * as vscode from 'vscode';
import { open, stat } from 'node:fs/promises';
import { EDITOR_SYNC_LIMIT_BYTES, tooLargeForEditorMessage } from '../../core/zone/editor/syncLimit';
import { isZoneFile } from '../../core/zone/fileName';

const told = new Set<string>();

async function head(path: string): Promise<Uint8Array> {
  const h = await open(path, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await h.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

/**
 * Zone files open in a tab whose text VS Code did not give to the extensions (over 50 MiB, see
 * EDITOR_SYNC_LIMIT_BYTES): the user is told once per file why they see no diagnostics, and
 * what checks the file instead. Loaded (a chunk of its own) only when a file tab has no document.
 */
export async function tellAboutTooLargeTabs(): Promise<void> {
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if (!(input instanceof vscode.TabInputText) || input.uri.scheme !== 'file') continue;
      const key = input.uri.toString();
      if (open.has(key) || told.has(key)) continue;
      const path = input.uri.fsPath;
      try {
        const { size } = await stat(path);
        if (size <= EDITOR_SYNC_LIMIT_BYTES || !isZoneFile(path, await head(path))) continue;
        if (told.has(key) || vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) continue;
        told.add(key);
        void vscode.window.showInformationMessage(tooLargeForEditorMessage(path, size));
      } catch {
        // Gone or unreadable: nothing to say.
      }
    }
  }
}
