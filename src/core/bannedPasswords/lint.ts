/**
 * Lints a Microsoft Entra custom banned password list: one term per line, as
 * pasted into Entra admin center > Authentication methods > Password protection.
 *
 * Decisions:
 * - Empty (or whitespace-only) lines are ignored and not counted as terms: they
 *   carry no term, and we do not report them.
 * - A term is called redundant only when the evaluator's own rules prove that every
 *   password it blocks stays blocked without it: a term equal to another after case
 *   folding, or after the documented normalisation, yields exactly the same matches in
 *   every password. It is reported on its later line; the earlier one is kept.
 * - A term one edit away from another is NOT redundant: Entra's fuzzy matching covers
 *   the one-edit variants of each term, and those of "contosa" are not all variants of
 *   "contoso" (without "contosa", "Kontosa12" scores 9 instead of 3). When the evaluator
 *   finds such a password, an info finding says so and advises keeping both.
 * - Terms are compared only with terms that are kept and valid (4 to 16 characters):
 *   an invalid term is refused by Entra and blocks nothing.
 * - Lines end at CR, LF or CRLF. Work is linear in the size of the file: a term longer
 *   than 16 characters is reported without being indexed or compared.
 *
 * Every finding carries `data.fixes`: alternative single edits, the preferred one
 * first (`{ title, span, newText }`, newText '' removes).
 */
import type { Finding, Span } from '../findings';
import { EditDistanceIndex } from './termIndex';
import { evaluatePassword } from './evaluate';
import { CUSTOM_LIST_MAX_TERMS, MIN_PASSING_SCORE, TERM_MAX_LENGTH, TERM_MIN_LENGTH, charLength, normalizeTerm } from './normalize';

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

/** Lines ending at CR, LF or CRLF (a file saved with classic Mac line ends is still one term per line). */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c !== 10 && c !== 13 && c !== -1) continue;
    const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : c === -1 ? text.length : i + 1;
    lines.push({ index: index++, start, end: i, next });
    if (c === -1) break;
    start = next;
    i = next - 1;
  }
  return lines;
}

/** Span removing a whole line: through its line break, or (last line) from the previous break. */
function removalSpan(line: Line, text: string): Span {
  if (line.next > line.end || line.start === 0) return { start: line.start, end: line.next };
  let start = line.start - 1;
  if (start > 0 && text.charCodeAt(start) === 10 && text.charCodeAt(start - 1) === 13) start--;
  return { start, end: line.next };
}

/** How many one-edit pairs get a counterexample search (each costs a few evaluations). */
const MAX_NEAR_EXAMPLES = 50;
/** Letters tried as the edit that makes a password only one of the two terms catches. */
const EDIT_LETTERS = 'kqxzjvwyhf';

/**
 * A password `term` blocks and the other kept terms do not: a one-edit variant of the
 * term followed by two digits, scored by the evaluator with and without the term.
 */
function notCovered(term: BannedTerm, others: readonly string[]): { password: string; withTerm: number; without: number } | null {
  const t = term.normalized;
  const letters = [...EDIT_LETTERS].filter((c) => !t.includes(c));
  const variants: string[] = [];
  for (let i = 0; i <= t.length && variants.length < 8; i++) {
    for (const c of letters.slice(0, 2)) {
      if (i < t.length) variants.push(t.slice(0, i) + c + t.slice(i + 1));
      variants.push(t.slice(0, i) + c + t.slice(i));
    }
  }
  for (const v of variants) {
    const password = v[0]!.toUpperCase() + v.slice(1) + '23';
    const withTerm = evaluatePassword(password, { bannedTerms: [...others, term.text] }).score;
    if (withTerm >= MIN_PASSING_SCORE) continue;
    const without = evaluatePassword(password, { bannedTerms: others }).score;
    if (without >= MIN_PASSING_SCORE) return { password, withTerm, without };
  }
  return null;
}

const show = (s: string) => JSON.stringify(s);

export function lintBannedPasswordList(text: string): BannedListLint {
  const findings: Finding[] = [];
  const terms: BannedTerm[] = [];
  const lines = splitLines(text);
  const index = new EditDistanceIndex<BannedTerm>();
  const folded = new Map<string, BannedTerm>();
  const kept: BannedTerm[] = [];
  const nearPairs: { term: BannedTerm; near: BannedTerm }[] = [];

  for (const line of lines) {
    const raw = text.slice(line.start, line.end);
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const lead = raw.length - raw.trimStart().length;
    const span = { start: line.start + lead, end: line.start + lead + trimmed.length };
    const lineSpan = removalSpan(line, text);
    const length = charLength(trimmed);
    const valid = length >= TERM_MIN_LENGTH && length <= TERM_MAX_LENGTH;
    // An over-long term is only reported: normalising or indexing it would cost time for nothing.
    const term: BannedTerm = { text: trimmed, normalized: valid || length < TERM_MIN_LENGTH ? normalizeTerm(trimmed) : trimmed.toLowerCase(), line: line.index, span, lineSpan };
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

    if (!valid) {
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
      // Entra refuses it: it blocks nothing, so it is compared with nothing.
      continue;
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
    if (near && nearPairs.length < MAX_NEAR_EXAMPLES) nearPairs.push({ term, near });
    folded.set(fold, term);
    index.add(term.normalized, term);
    kept.push(term);
  }

  // One edit apart is not redundant: show a password only this term blocks (the evaluator's scores).
  for (const { term, near } of nearPairs) {
    const others = kept.filter((k) => k !== term).map((k) => k.text);
    const example = notCovered(term, others);
    if (!example) continue;
    findings.push({
      code: 'banned-term-within-edit-distance',
      severity: 'info',
      message: `${show(term.text)} is one edit away from ${show(near.text)} (line ${near.line + 1}), but it is not redundant: fuzzy matching covers the one-edit variants of each term, not of each other's. Without it, ${show(example.password)} would score ${example.without} instead of ${example.withTerm} and be accepted. Keep both.`,
      span: term.span,
      related: [{ message: `One edit away from ${show(near.text)} (line ${near.line + 1})`, span: near.span }],
      data: { term: term.text, near: near.text, nearLine: near.line, example: example.password, scoreWith: example.withTerm, scoreWithout: example.without, fixes: [] },
    });
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
