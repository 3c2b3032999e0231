import type { Finding } from '../../findings';
import { applyEdits, type TextEdit } from '../../text/edits';
import { ZoneLinter, type LintOptions, type LintResult } from '../lint';
import { scanZone } from '../parser';
import type { ZoneRecord } from '../types';
import { recordMeaning } from '../wire';
import { trailingDotEdit } from './simple';
import { hasOverlongString, splitTxtEdits } from './splitTxt';

export interface FixAllResult {
  text: string;
  /** Number of fixes applied, by finding code. */
  applied: Record<string, number>;
  /** The lint of the text returned (after fixing). */
  analysis: LintResult;
}

/**
 * What each record of a reading says, kept column by column: for a record a fix rewrites its
 * meaning (recordMeaning); for any other record its owner, TTL, class, type, origin and
 * rdata source text, which determine its meaning and cost a fraction of it to keep and
 * compare (strings the parser made anyway, and one slice).
 */
class Signatures {
  private readonly owners: string[] = [];
  private readonly ttls: number[] = [];
  private readonly kinds: string[] = [];
  private readonly origins: string[] = [];
  private readonly datas: string[] = [];

  static data(rec: ZoneRecord, full: boolean): string {
    if (full) return recordMeaning(rec);
    const first = rec.rdata[0];
    return first ? rec.text.slice(first.start, rec.rdata[rec.rdata.length - 1]!.end) : '';
  }

  get length(): number {
    return this.owners.length;
  }

  push(rec: ZoneRecord, full: boolean): void {
    this.owners.push(rec.owner);
    this.ttls.push(rec.ttl);
    this.kinds.push(rec.class === 'IN' ? rec.type : `${rec.class} ${rec.type}`);
    this.origins.push(rec.origin);
    this.datas.push(Signatures.data(rec, full));
  }

  same(i: number, rec: ZoneRecord, full: boolean): boolean {
    return (
      this.ttls[i] === rec.ttl &&
      this.kinds[i] === (rec.class === 'IN' ? rec.type : `${rec.class} ${rec.type}`) &&
      this.owners[i] === rec.owner &&
      this.origins[i] === rec.origin &&
      this.datas[i] === Signatures.data(rec, full)
    );
  }

  describe(i: number): string {
    return `${this.owners[i]} ${this.ttls[i]} ${this.kinds[i]} ${this.datas[i]!.slice(0, 60)}`;
  }
}

interface Pass {
  /** The lint's result: the zone-wide checks run (and the findings sorted) when first asked for. */
  result(): LintResult;
  /** Findings reported record by record, in reading order (before the zone-wide checks). */
  recordFindings(): readonly Finding[];
  /** Records of the main file (not included, not generated), by their place among all records. */
  mainIndex: number[];
  mainStart: number[];
  mainEnd: number[];
  /** Start of the owner token of those records, -1 where the owner is inherited. */
  mainOwner: number[];
}

/**
 * One streaming lint of `text` (as lintZone), handing every record to `each` with its place
 * in the zone; records are not kept, so a million-record zone fixes in bounded memory.
 */
function lintPass(text: string, options: LintOptions, each: (rec: ZoneRecord, index: number) => void): Pass {
  const linter = new ZoneLinter({ ...options, expectedRecords: options.expectedRecords ?? Math.ceil(text.length / 45) });
  let apex = options.zone ? (options.zone.endsWith('.') ? options.zone : options.zone + '.') : '';
  const mainIndex: number[] = [];
  const mainStart: number[] = [];
  const mainEnd: number[] = [];
  const mainOwner: number[] = [];
  let index = 0;
  const summary = scanZone(text, options, {
    record: (r) => {
      if (!apex && r.type === 'SOA') apex = r.owner;
      linter.record(r, apex);
      if (r.file === undefined && !r.generatedBy) {
        mainIndex.push(index);
        mainStart.push(r.entry.start);
        mainEnd.push(r.entry.end);
        mainOwner.push(r.ownerSpan ? r.ownerSpan.start : -1);
      }
      each(r, index++);
    },
    finding: (f) => linter.finding(f),
  });
  let result: LintResult | undefined;
  return {
    result: () => (result ??= { findings: linter.finish(summary.apex, summary.recordCount > 0), apex: summary.apex, recordCount: summary.recordCount, includes: summary.includes }),
    recordFindings: () => linter.findings,
    mainIndex,
    mainStart,
    mainEnd,
    mainOwner,
  };
}

/** The main-file record whose entry holds `offset` (its place in pass.mainIndex), or -1. */
function mainRecordAt(pass: Pass, offset: number): number {
  let lo = 0;
  let hi = pass.mainStart.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (pass.mainEnd[mid]! < offset) lo = mid + 1;
    else if (pass.mainStart[mid]! > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Applies the fixes that need no choice — splitting over-long TXT strings, and adding a
 * trailing dot where the name certainly repeats the origin — to the main file only, then
 * proves the result by reading it again: every record means exactly what it meant, except
 * the names given their dot, and the number of records is the same.
 *
 * Linear in the zone: one streaming lint of the input (collecting the edits), one of the
 * output (checking it and giving the findings that are left); records are never kept.
 */
export function fixAll(text: string, options: LintOptions = {}): FixAllResult {
  const applied: Record<string, number> = {};
  const edits: TextEdit[] = [];
  const split = new Set<number>();
  const before = new Signatures();
  // $GENERATE lines: findings about their records point at the whole line, not at a name.
  const generators = new Set<number>();
  const first = lintPass(text, options, (rec, i) => {
    if (rec.generatedBy && rec.file === undefined) generators.add(rec.generatedBy.entry.start);
    const rewrite = rec.file === undefined && !rec.generatedBy && (rec.type === 'TXT' || rec.type === 'SPF') && !rec.generic && hasOverlongString(rec);
    if (rewrite) {
      split.add(i);
      for (const e of splitTxtEdits(rec)) edits.push(e);
      applied['txt-string-too-long'] = (applied['txt-string-too-long'] ?? 0) + 1;
    }
    before.push(rec, rewrite);
  });
  // Records whose names get a dot: their meaning changes, as the finding said it should.
  // A dot on an owner also changes the records after it that inherit that owner.
  const dotted = new Set<number>();
  const ownerDotted = new Set<number>();
  let dots = 0;
  // The dots come from the record-by-record checks: the zone-wide ones (and sorting) are
  // left for the reading of the result, unless nothing is to be fixed.
  for (const f of first.recordFindings()) {
    if (f.code !== 'zone-missing-trailing-dot' || f.file !== undefined || f.data?.['certain'] !== true || generators.has(f.span.start)) continue;
    edits.push(trailingDotEdit(f));
    const m = mainRecordAt(first, f.span.start);
    if (m !== -1) {
      dotted.add(first.mainIndex[m]!);
      if (first.mainOwner[m] === f.span.start) ownerDotted.add(first.mainIndex[m]!);
    }
    dots++;
  }
  if (dots) applied['zone-missing-trailing-dot'] = dots;
  if (!edits.length) return { text, applied, analysis: first.result() };

  const next = applyEdits(text, edits);
  let changed = -1;
  let inheritsDot = false;
  const second = lintPass(next, options, (rec, i) => {
    if (rec.ownerSpan && rec.file === undefined && !rec.generatedBy) inheritsDot = ownerDotted.has(i);
    if (changed !== -1 || dotted.has(i) || (!rec.ownerSpan && inheritsDot) || i >= before.length) return;
    if (!before.same(i, rec, split.has(i))) changed = i;
  });
  const result = second.result();
  if (result.recordCount !== before.length) {
    throw new Error(`mailsec refused to fix: the result would have ${result.recordCount} records instead of ${before.length}.`);
  }
  if (changed !== -1) {
    throw new Error(`mailsec refused to fix: record ${changed + 1} would change (${before.describe(changed)}).`);
  }
  return { text: next, applied, analysis: result };
}
