/**
 * The zone files of the workspace that publish SPF records, so that a report's fix can be applied
 * where the record lives. Zone files are the documents of the dns-zone language that are open, and
 * the candidate files (by name) that the editor's own definition takes for zones, by path or first
 * line (isZoneFile: never db.json or a binary db.sqlite3), read once per report run, size-capped.
 */
import * as vscode from 'vscode';
import { spfRecordsInZone, type ZoneSpfRecord } from '../../core/reports/zoneSpf';
import { isZoneFile } from '../../core/zone/fileName';
import { findWorkspaceFiles } from '../workspaceFiles';

export interface ZoneSpf extends ZoneSpfRecord {
  uri: vscode.Uri;
}

const MAX_ZONE = 64 * 1024 * 1024;
/** Candidates by name; isZoneFile decides. */
const PATTERN = '**/{*.zone,*.zonefile,*.zone.signed,db.*,*.db,named.*,root.hints}';
const NAME = /(\.zone|\.zonefile|\.zone\.signed|\.db)$|^db\.|^named\.|^root\.hints$/;

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
  for (const uri of await findWorkspaceFiles(PATTERN, NAME, 500)) {
    if (seen.has(uri.toString())) continue;
    const st = await vscode.workspace.fs.stat(uri);
    if (st.size > MAX_ZONE) continue;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (isZoneFile(uri.path, bytes.subarray(0, 512))) add(uri, new TextDecoder().decode(bytes));
  }
  return out;
}
