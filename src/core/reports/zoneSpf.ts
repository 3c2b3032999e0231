/** The SPF records a zone file publishes, by owner name: what a reports fix changes. */
import { isSpfRecord } from '../mailrecords/spf';
import type { TextEdit } from '../text/edits';
import { quotedStrings } from '../zone/fixes/splitTxt';
import { parseZone } from '../zone/parser';
import { joinTxt } from '../zone/txtValue';
import type { SpfLookup } from './readiness';

export interface ZoneSpfRecord {
  owner: string;
  value: string;
  /** Offset of the record's entry in the zone text (for the editor's code action). */
  offset: number;
  /** Where its rdata (the quoted strings) is written: what an SPF fix replaces. */
  rdata: { start: number; end: number };
}

const norm = (name: string) => name.toLowerCase().replace(/\.$/, '');

export function spfRecordsInZone(text: string, origin?: string): ZoneSpfRecord[] {
  const parsed = parseZone(text, origin ? { origin } : {});
  const out: ZoneSpfRecord[] = [];
  for (const rec of parsed.records) {
    if (rec.type !== 'TXT' || rec.file) continue;
    const value = joinTxt(rec).value;
    const first = rec.rdata[0];
    const last = rec.rdata[rec.rdata.length - 1];
    if (first && last && isSpfRecord(value)) out.push({ owner: norm(rec.owner), value, offset: rec.entry.start, rdata: { start: first.start, end: last.end } });
  }
  return out;
}

/** An SpfLookup over one or more zones' SPF records (the first record at a name wins). */
export function spfLookupOf(records: readonly ZoneSpfRecord[]): SpfLookup {
  const byName = new Map<string, string>();
  for (const r of records) if (!byName.has(r.owner)) byName.set(r.owner, r.value);
  return (name) => byName.get(norm(name));
}

/**
 * The edit that writes `after` as the SPF record's new value, in place of its quoted strings (an
 * entry in parentheses keeps them); split into strings of at most 255 bytes.
 */
export function spfRecordEdit(record: ZoneSpfRecord, after: string): TextEdit {
  const escaped = after.replace(/[\\"]/g, (c) => `\\${c}`);
  return { span: { start: record.rdata.start, end: record.rdata.end }, newText: quotedStrings(escaped, ' ') };
}
