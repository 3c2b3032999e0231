/**
 * The zone files of the workspace that publish SPF records, so that a report's fix can be applied
 * where the record lives. Zone files are the documents of the dns-zone language that are open, and
 * the files the zone-file patterns match (read once per report run, size-capped).
 */
import * as vscode from 'vscode';
import { spfRecordsInZone, type ZoneSpfRecord } from '../../core/reports/zoneSpf';

export interface ZoneSpf extends ZoneSpfRecord {
  uri: vscode.Uri;
}

const MAX_ZONE = 64 * 1024 * 1024;
const PATTERN = '**/{*.zone,*.zonefile,db.*,*.db}';
const NAME = /(\.zone|\.zonefile|\.db)$|^db\./;
const MAX_WALK = 5000;

/**
 * The zone-like files of the workspace: VS Code's file search where it works; where it does not
 * (its search helper missing, as in some server builds), a bounded walk of the workspace folders.
 */
async function zoneFiles(): Promise<vscode.Uri[]> {
  try {
    return await vscode.workspace.findFiles(PATTERN, '**/node_modules/**', 500);
  } catch {
    const out: vscode.Uri[] = [];
    let visited = 0;
    const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
      if (depth > 8 || visited > MAX_WALK || out.length >= 500) return;
      for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
        if (++visited > MAX_WALK) return;
        if (name.startsWith('.') || name === 'node_modules') continue;
        const child = vscode.Uri.joinPath(dir, name);
        if (type === vscode.FileType.Directory) await walk(child, depth + 1);
        else if (type === vscode.FileType.File && NAME.test(name)) out.push(child);
      }
    };
    for (const f of vscode.workspace.workspaceFolders ?? []) await walk(f.uri, 0);
    return out;
  }
}

export async function workspaceSpfRecords(): Promise<ZoneSpf[]> {
  const out: ZoneSpf[] = [];
  const seen = new Set<string>();
  const add = (uri: vscode.Uri, text: string) => {
    if (seen.has(uri.toString())) return;
    seen.add(uri.toString());
    try {
      for (const r of spfRecordsInZone(text)) out.push({ ...r, uri });
    } catch {
      // a file that only looks like a zone: no SPF records from it
    }
  };
  for (const d of vscode.workspace.textDocuments) if (d.languageId === 'dns-zone') add(d.uri, d.getText());
  for (const uri of await zoneFiles()) {
    if (seen.has(uri.toString())) continue;
    const st = await vscode.workspace.fs.stat(uri);
    if (st.size > MAX_ZONE) continue;
    add(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  }
  return out;
}
