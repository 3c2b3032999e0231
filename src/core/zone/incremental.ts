import type { Finding } from '../findings';
import { byPosition } from '../findings';
import { analyzeZone, ZoneLinter, type LintOptions, type ZoneAnalysis } from './lint';
import { scanRegion, type ParserState } from './parser';
import { MAX_TTL, parseTtl } from './ttl';
import { rawText } from './tokens';
import type { Entry, ZoneRecord } from './types';

/**
 * Findings that depend on other records (or on the zone as a whole). An edit re-checks
 * only the records it touches, so these come from the last full pass until the next one.
 */
export const ZONE_WIDE_CODES: ReadonlySet<string> = new Set([
  'zone-cname-and-other-data',
  'zone-multiple-cname',
  'zone-singleton-type',
  'zone-ttl-mismatch',
  'zone-soa-not-at-apex',
  'zone-no-ns',
  'zone-no-soa',
  'zone-out-of-zone',
  'zone-target-is-cname',
  'zone-target-no-address',
  'zone-ns-no-address',
  'zone-ns-below-dname',
  'zone-cds-mismatch',
  'zone-ds-at-apex',
  'zone-data-below-dname',
  'spf-multiple-records',
  'spf-lookup-limit',
  'spf-include-loop',
  'spf-include-no-record',
  'spf-redirect-no-record',
]);

/** One edit, in offsets of the text before it (VS Code's rangeOffset/rangeLength/text). */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export type EditOutcome = { mode: 'incremental'; reparsed: number } | { mode: 'full'; reason: string };

function lineStart(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i === -1 ? 0 : i + 1;
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
}

function isDirective(text: string, e: Entry): boolean {
  const t = e.tokens[0];
  return !e.blankOwner && t !== undefined && !t.quoted && text.charCodeAt(t.start) === 36;
}

/** Index of the last element whose key is <= x (or -1). */
function lastAtOrBefore<T>(items: readonly T[], x: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]!) <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The lexer's finding for a "(" that is never closed (its entry then runs to the end of the text read). */
function neverClosed(text: string, f: Finding): boolean {
  return f.code === 'zone-unbalanced-parentheses' && f.file === undefined && text.charCodeAt(f.span.start) === 40;
}

const isMain = (r: ZoneRecord): boolean => r.file === undefined && !r.generatedBy;

/**
 * A zone document that stays analysed while it is edited. An edit re-reads only the
 * lines it touches (with the parser state of the record before them) and shifts
 * everything after; findings that depend on other records (ZONE_WIDE_CODES) are kept
 * from the last full pass and marked stale until `refresh()`. Edits that change state
 * the following lines depend on — directives, parentheses left open, the SOA, the owner
 * a blank-owner line inherits, a zone without $TTL — fall back to a full analysis.
 */
/** An entry whose first token, the owner, is a quoted string: the parser refuses it and keeps the previous owner. */
function quotedOwner(e: Entry): boolean {
  return !e.blankOwner && e.tokens[0]?.quoted === true;
}

export class ZoneModel {
  analysis!: ZoneAnalysis;
  /** Zone-wide findings predate the last edit. */
  stale = false;

  constructor(
    text: string,
    private readonly options: LintOptions,
  ) {
    this.refresh(text);
  }

  get text(): string {
    return this.analysis.text;
  }

  /** Full analysis of `text` (zone-wide findings fresh again). */
  refresh(text: string = this.analysis.text): void {
    this.analysis = analyzeZone(text, this.options);
    this.stale = false;
  }

  /**
   * Where an edit's effects end and with what parser state the touched lines are re-read
   * — computed from the model's text alone (before the edit) — or why it cannot be done
   * incrementally.
   */
  private plan(change: TextChange): Plan | string {
    const old = this.analysis;
    const oldText = old.text;
    const delta = change.text.length - (change.end - change.start);
    if (change.start < 0 || change.end > oldText.length || change.start > change.end) return 'edit does not match the text';
    if (old.includes.length) return 'the zone has $INCLUDE files';
    // A "(" never closed runs its entry to the end of the file, whatever comes after it.
    if (old.findings.some((f) => neverClosed(oldText, f))) return 'parentheses are open';

    // The old region: whole entries (and lines) around the change.
    const entries = old.entries;
    const k = lastAtOrBefore(entries, change.start, (e) => e.start);
    const from = k >= 0 && change.start <= lineEnd(oldText, entries[k]!.end) ? entries[k]!.start : lineStart(oldText, change.start);
    const j = lastAtOrBefore(entries, change.end, (e) => e.start);
    let to = j >= 0 && entries[j]!.start >= from && change.end <= lineEnd(oldText, entries[j]!.end) ? lineEnd(oldText, entries[j]!.end) : lineEnd(oldText, change.end);
    const i0 = lastAtOrBefore(entries, from - 1, (e) => e.start) + 1;
    let i1 = i0;
    while (i1 < entries.length && entries[i1]!.start < to) i1++;
    // Lines below that start with a blank inherit the region's last owner: read them too —
    // also across directives, which leave the owner as it is (`$TTL 60` then `  IN A …`);
    // a directive taken in sends the edit to a full pass below.
    // A line whose owner is a quoted string makes no record and leaves the owner as it is too.
    for (;;) {
      let k = i1;
      while (k < entries.length && (isDirective(oldText, entries[k]!) || quotedOwner(entries[k]!))) k++;
      if (k >= entries.length || !entries[k]!.blankOwner) break;
      while (i1 <= k || (i1 < entries.length && entries[i1]!.blankOwner)) {
        to = lineEnd(oldText, entries[i1]!.end);
        i1++;
      }
    }
    // Text before `from` and from `to` on is the same before and after the edit.
    if ((from > 0 && oldText.charCodeAt(from - 1) !== 10) || (to < oldText.length && oldText.charCodeAt(to) !== 10)) return 'region is not whole lines';
    const oldRegion = entries.slice(i0, i1);
    if (oldRegion.some((e) => isDirective(oldText, e))) return 'a directive changed';
    if (oldRegion.some((e) => e.open !== -1 && e.close === -1)) return 'parentheses were open';

    // Parser state before the region, from the record before it. Records are in file
    // order; without $INCLUDE, each is anchored at its entry or its $GENERATE line.
    const recs = old.records;
    const insertAt = lastAtOrBefore(recs, from - 1, anchor) + 1;
    let prev: ZoneRecord | undefined;
    for (let r = insertAt - 1; r >= 0 && !prev; r--) if (isMain(recs[r]!)) prev = recs[r];
    if (!prev) return 'no record before the edit';
    // The owner a blank-owner line inherits: that of the last line before the region that
    // names one — taken from its record; a line that named an owner but made no record
    // (an error) sends us to a full pass.
    let ownerEntry = i0 - 1;
    while (ownerEntry >= 0 && (entries[ownerEntry]!.blankOwner || isDirective(oldText, entries[ownerEntry]!))) ownerEntry--;
    let lastOwner: string | undefined;
    let lastOwnerHash: number | undefined;
    if (ownerEntry >= 0) {
      const e = entries[ownerEntry]!;
      let rec: ZoneRecord | undefined;
      for (let r = insertAt - 1; r >= 0 && !rec && anchor(recs[r]!) >= e.start; r--) if (recs[r]!.entry === e) rec = recs[r];
      if (!rec) return 'the owner before the edit is on a line with an error';
      lastOwner = rec.owner;
      lastOwnerHash = rec.ownerHash;
    }
    const dirsBefore = old.directives.filter((d) => d.file === undefined && d.entry.start < from);
    if (dirsBefore.some((d) => d.name === '$ORIGIN' && d.entry.start > prev!.entry.start)) return '$ORIGIN between records';
    const ttlDir = [...dirsBefore].reverse().find((d) => d.name === '$TTL');
    // The parser applies a $TTL only when it has one valid value (and makes one over MAX_TTL 0).
    const ttlValue = ttlDir && ttlDir.args.length === 1 ? parseTtl(rawText(oldText, ttlDir.args[0]!)) : undefined;
    if (!ttlValue || !ttlValue.ok) return 'no valid $TTL before the edit';
    const firstMain = recs.find(isMain);
    let removeEnd = insertAt;
    while (removeEnd < recs.length && anchor(recs[removeEnd]!) < to) removeEnd++;
    const oldRecs = recs.slice(insertAt, removeEnd);
    if (oldRecs.some((r) => r.type === 'SOA') || (firstMain && oldRecs.includes(firstMain))) return 'the SOA or the first record changed';
    const state: ParserState = { origin: prev.origin, defaultTtl: ttlValue.seconds > MAX_TTL ? 0 : ttlValue.seconds, lastTtl: prev.ttl, lastOwner, lastOwnerHash, zoneClass: firstMain?.class, depth: 0 };
    return { from, to, newTo: to + delta, delta, i0, i1, insertAt, removeEnd, state };
  }

  /** Re-reads text[from, to) with the plan's state; offsets in what it returns index `text`. */
  private scan(plan: Plan, text: string, from: number, to: number): Rescan | string {
    const entries: Entry[] = [];
    const records: ZoneRecord[] = [];
    const linter = new ZoneLinter(this.options);
    let directive = false;
    scanRegion(text, from, to, { ...plan.state }, this.options, {
      entry: (e) => {
        entries.push(e);
        if (isDirective(text, e)) directive = true;
      },
      record: (r) => {
        records.push(r);
        // The apex is the model's (an edit that could change it, the SOA, goes to a full pass):
        // out-of-zone records and apex-only types are judged as the full analysis judges them.
        linter.record(r, this.analysis.apex);
      },
      finding: (f) => linter.finding(f),
    });
    if (directive) return 'a directive was written';
    if (entries.some((e) => e.open !== -1 && e.close === -1) || linter.findings.some((f) => neverClosed(text, f))) return 'parentheses left open';
    if (records.some((r) => r.type === 'SOA')) return 'an SOA was written';
    return { entries, records, findings: linter.findings.filter((f) => !ZONE_WIDE_CODES.has(f.code) && f.file === undefined) };
  }

  /** The model's findings with the region's replaced by `local` and those after it moved by delta. */
  private splicedFindings(plan: Plan, local: Finding[]): Finding[] {
    const { from, to, delta } = plan;
    const shift = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: s.start + delta, end: s.end + delta });
    const shiftRelated = (f: Finding): Finding =>
      f.related?.some((r) => r.file === undefined && r.span.start > to) ? { ...f, related: f.related.map((r) => (r.file === undefined && r.span.start > to ? { ...r, span: shift(r.span) } : r)) } : f;
    const findings: Finding[] = [];
    for (const f of this.analysis.findings) {
      if (f.file !== undefined) findings.push(f);
      else if (f.span.start < from) findings.push(shiftRelated(f));
      else if (f.span.start > to) findings.push({ ...shiftRelated(f), span: shift(f.span) });
      // Findings inside the region give way to the new local ones; zone-wide ones come back with the next full pass.
    }
    findings.push(...local);
    return findings.sort(byPosition);
  }

  /**
   * The findings the document will have after `change`, without changing the model and
   * without the whole new text: `regionText(from, to)` returns only the touched lines of
   * the new document. For diagnostics right after a keystroke; `edit` brings the model
   * up to date afterwards. Undefined when the edit needs a full analysis.
   */
  preview(change: TextChange, regionText: (from: number, to: number) => string): Finding[] | undefined {
    const plan = this.plan(change);
    if (typeof plan === 'string') return undefined;
    const region = regionText(plan.from, plan.newTo);
    if (region.length !== plan.newTo - plan.from) return undefined;
    const scanned = this.scan(plan, region, 0, region.length);
    if (typeof scanned === 'string') return undefined;
    const base = plan.from;
    const local = scanned.findings.map((f) => ({
      ...f,
      span: { start: f.span.start + base, end: f.span.end + base },
      ...(f.related ? { related: f.related.map((r) => (r.file === undefined ? { ...r, span: { start: r.span.start + base, end: r.span.end + base } } : r)) } : {}),
    }));
    return this.splicedFindings(plan, local);
  }

  /** Applies one edit; `newText` is the document after it. */
  edit(change: TextChange, newText: string): EditOutcome {
    const full = (reason: string): EditOutcome => {
      this.refresh(newText);
      return { mode: 'full', reason };
    };
    const old = this.analysis;
    if (newText.length !== old.text.length + change.text.length - (change.end - change.start)) return full('edit does not match the text');
    const plan = this.plan(change);
    if (typeof plan === 'string') return full(plan);
    const scanned = this.scan(plan, newText, plan.from, plan.newTo);
    if (typeof scanned === 'string') return full(scanned);
    const { delta, to, i0, i1, insertAt, removeEnd } = plan;

    // Findings first (new span objects, before any span is shifted in place).
    const findings = this.splicedFindings(plan, scanned.findings);

    // Entries, records and directives after the region move by delta, in place.
    const entries = old.entries;
    const recs = old.records;
    const laterDirectives = old.directives.filter((d) => d.file === undefined && d.entry.start > to);
    for (let i = i1; i < entries.length; i++) shiftEntry(entries[i]!, delta);
    // Records after the region now index the new text; their spans are the entries'
    // tokens, which moved with the entries. Records before it keep the old text, which is
    // the same up to the region.
    for (let r = removeEnd; r < recs.length; r++) {
      const rec = recs[r]!;
      if (isMain(rec)) rec.text = newText;
    }
    for (const d of laterDirectives) {
      d.text = newText;
      d.nameSpan.start += delta;
      d.nameSpan.end += delta;
    }
    entries.splice(i0, i1 - i0, ...scanned.entries);
    recs.splice(insertAt, removeEnd - insertAt, ...scanned.records);
    this.analysis = { ...old, text: newText, records: recs, entries, findings };
    this.stale = true;
    return { mode: 'incremental', reparsed: scanned.entries.length };
  }
}

interface Plan {
  from: number;
  to: number;
  newTo: number;
  delta: number;
  i0: number;
  i1: number;
  insertAt: number;
  removeEnd: number;
  state: ParserState;
}

interface Rescan {
  entries: Entry[];
  records: ZoneRecord[];
  findings: Finding[];
}

const anchor = (r: ZoneRecord): number => (r.generatedBy ? r.generatedBy.entry.start : r.entry.start);

function shiftEntry(e: Entry, delta: number): void {
  e.start += delta;
  e.end += delta;
  if (e.open !== -1) e.open += delta;
  if (e.close !== -1) e.close += delta;
  for (const t of e.tokens) {
    t.start += delta;
    t.end += delta;
  }
  for (const c of e.comments) {
    c.start += delta;
    c.end += delta;
  }
}

