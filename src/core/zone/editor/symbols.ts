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
