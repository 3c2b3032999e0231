/**
 * The zone files of the workspace that publish SPF records, so that a report's fix can be applied
 * where the record lives. Zone files are the documents of the dns-zone language that are open, and
 * the files the zone-file patterns match (read once per report run, size-capped).
 */
import * as vscode from 'vscode';
import { spfRecordsInZone, type ZoneSpfRecord } from '../../core/reports/zoneSpf';
import { findWorkspaceFiles } from '../workspaceFiles';

export interface ZoneSpf extends ZoneSpfRecord {
  uri: vscode.Uri;
}

const MAX_ZONE = 64 * 1024 * 1024;
const PATTERN = '**/{*.zone,*.zonefile,db.*,*.db}';
const NAME = /(\.zone|\.zonefile|\.db)$|^db\./;

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
    add(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  }
  return out;
}
