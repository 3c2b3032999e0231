/**
 * What a zone document analysed off the editor's thread (a worker thread, for documents too
 * large to analyse between two keystrokes) hands back: results that are cheap to receive —
 * positions (line, character) already computed, at most as many diagnostics per file as the
 * editor shows — so the thread that receives them only wraps them. Pure: the same functions
 * run in the worker and in unit tests.
 */
import { SEVERITY_RANK, type Finding, type Severity } from '../../findings';
import { LineIndex, type Position } from '../../text/lineIndex';
import { ZoneModel, type TextChange } from '../incremental';
import type { LintOptions } from '../lint';
import { zoneFoldingRanges, type FoldingRange } from './folding';
import { zoneHover } from './hover';
import { zoneOwnerOutline } from './symbols';

/** VS Code keeps at most this many diagnostics per file (the extension host's maxDiagnosticsPerFile). */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** A range as [startLine, startCharacter, endLine, endCharacter], 0-based, UTF-16 characters. */
export type PlacedRange = [number, number, number, number];

export interface PlacedFinding {
  code: string;
  severity: Severity;
  message: string;
  range: PlacedRange;
  related?: { message: string; file?: string; range: PlacedRange }[];
}

export interface PlacedFile {
  /** Absolute path of an $INCLUDE'd file; undefined: the document itself. */
  file?: string;
  findings: PlacedFinding[];
  /** Findings of this file left out (beyond what the editor shows). */
  omitted: number;
}

interface Positions {
  positionAt(offset: number): Position;
}

/**
 * The items VS Code would keep of a list longer than `max`: errors first, then warnings, then
 * information, each in the list's order (what the extension host does with more than
 * maxDiagnosticsPerFile). Returned in the list's order, with how many were left out.
 */
export function chooseShown<T extends { severity: Severity }>(items: readonly T[], max: number): { shown: T[]; omitted: number } {
  if (items.length <= max) return { shown: [...items], omitted: 0 };
  const keep = new Uint8Array(items.length);
  let kept = 0;
  for (let rank = 0; rank <= 2 && kept < max; rank++) {
    for (let i = 0; i < items.length && kept < max; i++) {
      if (SEVERITY_RANK[items[i]!.severity] === rank) {
        keep[i] = 1;
        kept++;
      }
    }
  }
  const shown: T[] = [];
  for (let i = 0; i < items.length; i++) if (keep[i]) shown.push(items[i]!);
  return { shown, omitted: items.length - shown.length };
}

/** The sentence shown (as one more diagnostic, on the first line) when findings are left out. */
export function omittedNotice(omitted: number, file: string | undefined): string {
  const what = file ? `mailsec lint ${file}` : 'mailsec lint FILE';
  return `mailsec: ${omitted} more finding${omitted === 1 ? '' : 's'} in this file ${omitted === 1 ? 'is' : 'are'} not shown (the editor shows at most ${MAX_DIAGNOSTICS_PER_FILE} per file, errors first); \`${what}\` lists them all.`;
}

export function placeRange(lines: Positions, span: { start: number; end: number }): PlacedRange {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return [s.line, s.character, e.line, e.character];
}

/**
 * Findings grouped by file (the document first), each group cut to what the editor shows —
 * one place kept for the notice of the rest — with positions computed through `linesFor`.
 */
export function placeFindings(findings: readonly Finding[], linesFor: (file: string | undefined) => Positions, max = MAX_DIAGNOSTICS_PER_FILE): PlacedFile[] {
  const byFile = new Map<string | undefined, Finding[]>([[undefined, []]]);
  for (const f of findings) {
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  const out: PlacedFile[] = [];
  for (const [file, list] of byFile) {
    const { shown, omitted } = list.length > max ? chooseShown(list, max - 1) : { shown: list, omitted: 0 };
    const lines = linesFor(file);
    out.push({
      ...(file !== undefined ? { file } : {}),
      omitted,
      findings: shown.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        range: placeRange(lines, f.span),
        ...(f.related?.length ? { related: f.related.map((r) => ({ message: r.message, range: placeRange(linesFor(r.file ?? f.file), r.span), ...((r.file ?? f.file) !== undefined ? { file: r.file ?? f.file } : {}) })) } : {}),
      })),
    });
  }
  return out;
}

/**
 * Several changes applied one after the other (each's offsets in the text the previous one
 * left, as VS Code reports them) as one change of the text before the first: from the first
 * offset any of them touched to the last, the rest of the text being untouched.
 */
export function composeChanges(oldLength: number, changes: readonly TextChange[], newText: string): TextChange {
  let start = Number.POSITIVE_INFINITY;
  let suffix = oldLength; // characters at the end no change has touched
  let length = oldLength;
  for (const c of changes) {
    start = Math.min(start, c.start);
    suffix = Math.min(suffix, length - c.end);
    length += c.text.length - (c.end - c.start);
  }
  if (!changes.length) return { start: oldLength, end: oldLength, text: '' };
  return { start, end: oldLength - suffix, text: newText.slice(start, newText.length - suffix) };
}

/** Applies changes one after the other to a text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  for (const c of changes) text = text.slice(0, c.start) + c.text + text.slice(c.end);
  return text;
}

export interface PlacedSymbol {
  name: string;
  detail: string;
  kind: 'owner' | 'record' | 'directive';
  range: PlacedRange;
  selection: PlacedRange;
  children: PlacedSymbol[];
}

/** Outline of a large document: owners and directives only, the first `max` of them. */
export const MAX_BACKGROUND_SYMBOLS = 5000;
/** VS Code's own default (editor.foldingMaximumRegions). */
export const MAX_BACKGROUND_FOLDING = 5000;

/**
 * One zone document whose analysis lives off the editor's thread: the incremental model of
 * its text, changes taken in batches, and the answers the editor asks for, placed.
 */
export class BackgroundZoneDocument {
  private model: ZoneModel;
  private lineIndex: LineIndex | undefined;
  private includeLines = new Map<string, LineIndex>();
  private answer: { key: string; value: unknown } | undefined;
  private foldingAnswer: { key: string; value: FoldingRange[] } | undefined;

  constructor(
    text: string,
    options: LintOptions,
    public version: number,
  ) {
    this.model = new ZoneModel(text, options);
  }

  get text(): string {
    return this.model.text;
  }

  get stale(): boolean {
    return this.model.stale;
  }

  /** Takes the changes of one or more events (in order) that lead to `version`. */
  edit(changes: readonly TextChange[], version: number): void {
    if (changes.length) {
      const old = this.model.text;
      const next = applyChanges(old, changes);
      this.model.edit(composeChanges(old.length, changes, next), next);
      this.lineIndex = undefined;
      this.includeLines.clear();
    }
    this.version = version;
  }

  /** Re-runs the checks that span the whole zone (also after an included file arrived). */
  refresh(): void {
    this.model.refresh();
    this.answer = this.foldingAnswer = undefined;
    this.lineIndex = undefined;
    this.includeLines.clear();
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.model.text));
  }

  private linesFor = (file: string | undefined): Positions => {
    if (file === undefined) return this.lines;
    let li = this.includeLines.get(file);
    if (!li) this.includeLines.set(file, (li = new LineIndex(this.model.analysis.includes.find((i) => i.path === file)?.text ?? '')));
    return li;
  };

  diagnostics(max = MAX_DIAGNOSTICS_PER_FILE): PlacedFile[] {
    return placeFindings(this.model.analysis.findings, this.linesFor, max);
  }

  hover(offset: number): { markdown: string; range: PlacedRange } | undefined {
    const h = zoneHover(this.model.analysis, offset);
    return h ? { markdown: h.markdown, range: placeRange(this.lines, h.span) } : undefined;
  }

  /** Owners and directives, the first `max` of them (answers are kept for the version). */
  symbols(max = MAX_BACKGROUND_SYMBOLS): { symbols: PlacedSymbol[]; complete: boolean } {
    const key = `symbols:${this.version}:${max}`;
    if (this.answer?.key === key) return this.answer.value as { symbols: PlacedSymbol[]; complete: boolean };
    const { symbols: list, complete } = zoneOwnerOutline(this.model.analysis, max);
    const lines = this.lines;
    const symbols = list.map((s) => ({ name: s.name, detail: s.detail, kind: s.kind, range: placeRange(lines, s.span), selection: placeRange(lines, s.selection), children: [] }));
    this.answer = { key, value: { symbols, complete } };
    return { symbols, complete };
  }

  folding(max = MAX_BACKGROUND_FOLDING): FoldingRange[] {
    const key = `folding:${this.version}:${max}`;
    if (this.foldingAnswer?.key === key) return this.foldingAnswer.value;
    const value = zoneFoldingRanges(this.model.analysis, this.lines).slice(0, max);
    this.foldingAnswer = { key, value };
    return value;
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }
}
