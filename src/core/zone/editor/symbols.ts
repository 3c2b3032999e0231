import type { Span } from '../../findings';
import { relativeTo } from '../names';
import { rawText } from '../tokens';
import type { ParseResult, ZoneRecord } from '../types';
import { clipped } from '../../text/visible';

export interface ZoneSymbol {
  name: string;
  detail: string;
  kind: 'owner' | 'record' | 'directive';
  /** Whole extent (all records of the owner run / the record's entry). */
  span: Span;
  /** What to select/reveal (the owner token, the type token). */
  selection: Span;
  children: ZoneSymbol[];
}

function summary(rec: ZoneRecord, max = 60): string {
  const s = rec.rdata.map((t) => (t.quoted ? `"${rawText(rec.text, t)}"` : rawText(rec.text, t))).join(' ');
  return clipped(s, max);
}

/**
 * The outline of a zone: one symbol per run of records with the same owner (named
 * relative to the apex, `@` for it), each record a child (`MX 10 mx1`), plus the
 * directives. Records of included files and $GENERATE are represented by their directive.
 */
export function zoneSymbols(parse: ParseResult): ZoneSymbol[] {
  const out: ZoneSymbol[] = [];
  let current: ZoneSymbol | undefined;
  let currentOwner = '';
  const items: ({ kind: 'rec'; rec: ZoneRecord } | { kind: 'dir'; d: ParseResult['directives'][number] })[] = [];
  for (const rec of parse.records) if (rec.file === undefined && !rec.generatedBy) items.push({ kind: 'rec', rec });
  for (const d of parse.directives) if (d.file === undefined) items.push({ kind: 'dir', d });
  items.sort((a, b) => (a.kind === 'rec' ? a.rec.entry.start : a.d.entry.start) - (b.kind === 'rec' ? b.rec.entry.start : b.d.entry.start));
  for (const item of items) {
    if (item.kind === 'dir') {
      const d = item.d;
      current = undefined;
      currentOwner = '';
      out.push({
        name: `${d.name} ${d.args.map((a) => rawText(d.text, a)).join(' ')}`.trim(),
        detail: '',
        kind: 'directive',
        span: { start: d.entry.start, end: d.entry.end },
        selection: d.nameSpan,
        children: [],
      });
      continue;
    }
    const rec = item.rec;
    const key = rec.owner.toLowerCase();
    const entrySpan = { start: rec.entry.start, end: rec.entry.end };
    const child: ZoneSymbol = { name: rec.type, detail: summary(rec), kind: 'record', span: entrySpan, selection: rec.typeSpan, children: [] };
    if (!current || key !== currentOwner) {
      current = { name: relativeTo(rec.owner, parse.apex), detail: '', kind: 'owner', span: { ...entrySpan }, selection: rec.ownerSpan ?? rec.typeSpan, children: [] };
      currentOwner = key;
      out.push(current);
    }
    current.children.push(child);
    current.span.end = entrySpan.end;
    current.detail = [...new Set(current.children.map((c) => c.name))].join(', ');
  }
  return out;
}

/**
 * The outline of a very large zone, bounded: the first `max` owner runs and directives (as
 * zoneSymbols names them; an owner's detail is its record types), without the records as
 * children — read only as far as needed, so it costs the same however large the zone.
 * `complete` says whether the zone has no more.
 */
export function zoneOwnerOutline(parse: ParseResult, max: number): { symbols: ZoneSymbol[]; complete: boolean } {
  const out: ZoneSymbol[] = [];
  const recs = parse.records;
  const dirs = parse.directives.filter((d) => d.file === undefined);
  let r = 0;
  let k = 0;
  let current: ZoneSymbol | undefined;
  let currentOwner = '';
  let types = new Set<string>();
  const close = (): void => {
    if (current) current.detail = [...types].join(', ');
  };
  for (;;) {
    while (r < recs.length && (recs[r]!.file !== undefined || recs[r]!.generatedBy)) r++;
    const rec = recs[r];
    const d = dirs[k];
    if (!rec && !d) break;
    if (d && (!rec || d.entry.start < rec.entry.start)) {
      k++;
      close();
      current = undefined;
      currentOwner = '';
      if (out.length === max) return { symbols: out, complete: false };
      out.push({ name: `${d.name} ${d.args.map((a) => rawText(d.text, a)).join(' ')}`.trim(), detail: '', kind: 'directive', span: { start: d.entry.start, end: d.entry.end }, selection: d.nameSpan, children: [] });
      continue;
    }
    r++;
    const record = rec!;
    const key = record.owner.toLowerCase();
    if (!current || key !== currentOwner) {
      close();
      if (out.length === max) return { symbols: out, complete: false };
      current = { name: relativeTo(record.owner, parse.apex), detail: '', kind: 'owner', span: { start: record.entry.start, end: record.entry.end }, selection: record.ownerSpan ?? record.typeSpan, children: [] };
      currentOwner = key;
      types = new Set();
      out.push(current);
    }
    types.add(record.type);
    current.span.end = record.entry.end;
  }
  close();
  return { symbols: out, complete: true };
}
