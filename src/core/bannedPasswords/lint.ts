/**
 * Lints a Microsoft Entra custom banned password list: one term per line, as
 * pasted into Entra admin center > Authentication methods > Password protection.
 *
 * Decisions:
 * - Empty (or whitespace-only) lines are ignored and not counted as terms: they
 *   carry no term, and we do not report them.
 * - A term that equals another after case folding, or after the documented
 *   normalisation, or lies within edit distance 1 of another, is reported on its
 *   later line; the earlier one is kept. Terms are compared only with terms that
 *   are kept, so removing every reported line leaves a consistent list.
 *
 * Every finding carries `data.fixes`: alternative single edits, the preferred one
 * first (`{ title, span, newText }`, newText '' removes).
 */
import type { Finding, Span } from '../findings';
import { EditDistanceIndex } from './termIndex';
import { CUSTOM_LIST_MAX_TERMS, TERM_MAX_LENGTH, TERM_MIN_LENGTH, charLength, normalizeTerm } from './normalize';

export interface TextEditFix {
  title: string;
  span: Span;
  newText: string;
}

export interface BannedTerm {
  /** The term as Entra will read it (trimmed). */
  text: string;
  /** Its normalised form (lower case, documented substitutions). */
  normalized: string;
  /** 0-based line. */
  line: number;
  /** The trimmed term in the file. */
  span: Span;
  /** The whole line including its line break: what a "remove line" fix deletes. */
  lineSpan: Span;
}

export interface BannedListLint {
  findings: Finding[];
  /** Every non-empty line, in order. */
  terms: BannedTerm[];
}

interface Line {
  index: number;
  start: number;
  /** End of content, before \r\n. */
  end: number;
  /** Start of the next line (or text length). */
  next: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const next = nl < 0 ? text.length : nl + 1;
    let end = nl < 0 ? text.length : nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    lines.push({ index, start, end, next });
    if (nl < 0) break;
    start = next;
    index++;
  }
  return lines;
}

/** Span removing a whole line: through its line break, or (last line) from the previous break. */
function removalSpan(line: Line, text: string): Span {
  if (line.next > line.end || line.start === 0) return { start: line.start, end: line.next };
  let start = line.start - 1;
  if (start > 0 && text.charCodeAt(start - 1) === 13) start--;
  return { start, end: line.next };
}

const show = (s: string) => JSON.stringify(s);

export function lintBannedPasswordList(text: string): BannedListLint {
  const findings: Finding[] = [];
  const terms: BannedTerm[] = [];
  const lines = splitLines(text);
  const index = new EditDistanceIndex<BannedTerm>();
  const folded = new Map<string, BannedTerm>();

  for (const line of lines) {
    const raw = text.slice(line.start, line.end);
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const lead = raw.length - raw.trimStart().length;
    const span = { start: line.start + lead, end: line.start + lead + trimmed.length };
    const lineSpan = removalSpan(line, text);
    const term: BannedTerm = { text: trimmed, normalized: normalizeTerm(trimmed), line: line.index, span, lineSpan };
    terms.push(term);
    const remove: TextEditFix = { title: `Remove ${show(trimmed)}`, span: lineSpan, newText: '' };
    const related = (other: BannedTerm, what: string) => [{ message: `${what} ${show(other.text)} (line ${other.line + 1})`, span: other.span }];

    if (raw !== trimmed) {
      findings.push({
        code: 'banned-term-whitespace',
        severity: 'warning',
        message: `${show(raw)} has spaces before or after the term; they would become part of it. Remove them.`,
        span: { start: line.start, end: line.end },
        data: { term: trimmed, fixes: [{ title: `Trim to ${show(trimmed)}`, span: { start: line.start, end: line.end }, newText: trimmed }, remove] },
      });
    }

    const length = charLength(trimmed);
    if (length < TERM_MIN_LENGTH || length > TERM_MAX_LENGTH) {
      const short = length < TERM_MIN_LENGTH;
      findings.push({
        code: short ? 'banned-term-too-short' : 'banned-term-too-long',
        severity: 'error',
        message: short
          ? `${show(trimmed)} has ${length} character${length === 1 ? '' : 's'}; Entra accepts terms of ${TERM_MIN_LENGTH} to ${TERM_MAX_LENGTH} characters.`
          : `${show(trimmed)} has ${length} characters; Entra accepts terms of at most ${TERM_MAX_LENGTH}. Ban its key base word instead: variants are matched automatically.`,
        span,
        data: { term: trimmed, length, min: TERM_MIN_LENGTH, max: TERM_MAX_LENGTH, fixes: [remove] },
      });
    }

    const fold = trimmed.toLowerCase();
    const dup = folded.get(fold);
    if (dup) {
      findings.push({
        code: 'banned-duplicate-term',
        severity: 'warning',
        message: `${show(trimmed)} is already in the list (line ${dup.line + 1}); the list is case-insensitive.`,
        span,
        related: related(dup, 'First listed as'),
        data: { term: trimmed, duplicateOf: dup.text, duplicateLine: dup.line, fixes: [remove] },
      });
      continue;
    }
    const same = index.findExact(term.normalized);
    if (same) {
      findings.push({
        code: 'banned-term-normalizes-to-another',
        severity: 'warning',
        message: `${show(trimmed)} and ${show(same.text)} (line ${same.line + 1}) both normalise to ${show(term.normalized)}; Entra already treats them as the same term.`,
        span,
        related: related(same, 'Same normalised term as'),
        data: { term: trimmed, normalized: term.normalized, duplicateOf: same.text, duplicateLine: same.line, fixes: [remove] },
      });
      continue;
    }
    const near = index.findNear(term.normalized);
    if (near) {
      findings.push({
        code: 'banned-term-within-edit-distance',
        severity: 'info',
        message: `${show(trimmed)} is one edit away from ${show(near.text)} (line ${near.line + 1}), so Entra's fuzzy matching already bans it; the line can go.`,
        span,
        related: related(near, 'Already covered by'),
        data: { term: trimmed, normalized: term.normalized, coveredBy: near.text, coveredByLine: near.line, fixes: [remove] },
      });
      continue;
    }
    folded.set(fold, term);
    index.add(term.normalized, term);
  }

  if (terms.length > CUSTOM_LIST_MAX_TERMS) {
    const first = terms[CUSTOM_LIST_MAX_TERMS]!;
    const extra = terms.length - CUSTOM_LIST_MAX_TERMS;
    findings.push({
      code: 'banned-too-many-terms',
      severity: 'error',
      message: `The list has ${terms.length} terms; Entra accepts at most ${CUSTOM_LIST_MAX_TERMS}. The ${extra} from here on do not fit: keep base terms and let fuzzy matching cover their variants.`,
      span: first.span,
      data: {
        count: terms.length,
        limit: CUSTOM_LIST_MAX_TERMS,
        fixes: [{ title: `Remove the ${extra} terms past the limit`, span: { start: first.lineSpan.start, end: text.length }, newText: '' }],
      },
    });
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return { findings, terms };
}
