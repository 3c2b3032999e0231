/**
 * Evaluates a password the way Microsoft documents Entra Password Protection
 * ("How are passwords evaluated", concept-password-ban-bad; see normalize.ts):
 * normalisation, fuzzy matching (edit distance 1) against banned terms, substring
 * matching of the user's first and last name and the tenant name, and the score
 * (one point per banned term found, one per remaining character, five to pass).
 *
 * What the page leaves open, and what we do:
 * - Which occurrences count when matches overlap: we take the split of the
 *   password that gives the LOWEST score (the strictest reading), with one rule
 *   the documented examples need: where a term occurs exactly, fuzzy variants of
 *   that same term overlapping it are not used ("contosoblankf9!" scores 5 in
 *   the documentation, so "blankf" is not taken as a one-edit match of "blank").
 * - Fuzzy matches shorter than four characters are not counted (four is the
 *   documented minimum for terms and for name matching).
 * - A name or tenant-name match rejects the password even when the score reaches
 *   five: the documentation's example "p0LL23fb" for a user named Poll scores
 *   five points and is still "rejected".
 * - Microsoft does not publish its global banned password list, so this cannot
 *   apply it: Entra may reject a password this accepts, never the other way round
 *   for the terms given.
 */
import { MIN_NAME_LENGTH, MIN_PASSING_SCORE, TERM_MIN_LENGTH, normalizeTerm, normalizeWithOrigin, withinEditDistanceOne } from './normalize';
import { pushAll } from '../arrays';

export interface EvaluatePasswordOptions {
  /** The custom banned password list (terms as written; they are normalised here). */
  bannedTerms: readonly string[];
  userFirstName?: string;
  userLastName?: string;
  tenantName?: string;
}

export type PasswordMatchKind = 'banned-term' | 'first-name' | 'last-name' | 'tenant-name';

export interface PasswordMatch {
  kind: PasswordMatchKind;
  /** The banned term or name as given. */
  term: string;
  normalizedTerm: string;
  /** Offsets into the password as typed (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** The matched part of the normalised password. */
  matched: string;
  /** 0 for an exact match of the normalised term, 1 for a fuzzy match. */
  distance: 0 | 1;
}

export interface PasswordEvaluation {
  /** The password after lower-casing and the documented substitutions. */
  normalized: string;
  score: number;
  minimumScore: number;
  accepted: boolean;
  /** Why it is rejected, in the user's words (empty when accepted). */
  reasons: string[];
  /** The matches that make up the score, in password order. */
  matches: PasswordMatch[];
  /** Characters that each score one point, with their offsets in the password. */
  remaining: { char: string; start: number; end: number }[];
  /** Caveats that always apply. */
  notes: string[];
}

interface Candidate extends PasswordMatch {
  nStart: number;
  nEnd: number;
}

const GLOBAL_LIST_NOTE =
  "Microsoft's global banned password list is not published, so only your custom list and the names were checked; Entra can still reject this password.";

function termCandidates(norm: string, term: string, normalizedTerm: string): Candidate[] {
  const L = normalizedTerm.length;
  const exact: Candidate[] = [];
  const fuzzy: Candidate[] = [];
  for (let w = Math.max(L - 1, TERM_MIN_LENGTH); w <= L + 1; w++) {
    for (let s = 0; s + w <= norm.length; s++) {
      const window = norm.slice(s, s + w);
      if (window === normalizedTerm) exact.push(mk('banned-term', term, normalizedTerm, window, s, 0));
      else if (withinEditDistanceOne(window, normalizedTerm)) fuzzy.push(mk('banned-term', term, normalizedTerm, window, s, 1));
    }
  }
  const keptFuzzy = fuzzy.filter((f) => !exact.some((e) => f.nStart < e.nEnd && e.nStart < f.nEnd));
  return [...exact, ...keptFuzzy];
}

function mk(kind: PasswordMatchKind, term: string, normalizedTerm: string, matched: string, nStart: number, distance: 0 | 1): Candidate {
  return { kind, term, normalizedTerm, matched, nStart, nEnd: nStart + matched.length, start: 0, end: 0, distance };
}

export function evaluatePassword(password: string, options: EvaluatePasswordOptions): PasswordEvaluation {
  const { text: norm, origin } = normalizeWithOrigin(password);
  const candidates: Candidate[] = [];
  const seenTerms = new Set<string>();
  for (const raw of options.bannedTerms) {
    const term = raw.trim();
    const nt = normalizeTerm(term);
    if (nt.length < TERM_MIN_LENGTH || seenTerms.has(nt)) continue;
    seenTerms.add(nt);
    pushAll(candidates, termCandidates(norm, term, nt));
  }
  const names: [PasswordMatchKind, string | undefined][] = [
    ['first-name', options.userFirstName],
    ['last-name', options.userLastName],
    ['tenant-name', options.tenantName],
  ];
  for (const [kind, value] of names) {
    const name = value?.trim() ?? '';
    const nn = normalizeTerm(name);
    if (nn.length < MIN_NAME_LENGTH) continue;
    for (let at = norm.indexOf(nn); at >= 0; at = norm.indexOf(nn, at + 1)) candidates.push(mk(kind, name, nn, nn, at, 0));
  }
  for (const c of candidates) {
    c.start = origin[c.nStart] ?? password.length;
    c.end = c.nEnd < origin.length ? origin[c.nEnd]! : password.length;
  }

  // Lowest score over all ways to cover the password with non-overlapping matches and single characters.
  const n = norm.length;
  const best = new Array<number>(n + 1).fill(Infinity);
  const choice = new Array<Candidate | null>(n + 1).fill(null);
  best[0] = 0;
  const byEnd = new Map<number, Candidate[]>();
  for (const c of candidates) byEnd.set(c.nEnd, [...(byEnd.get(c.nEnd) ?? []), c]);
  // one point per character: a surrogate pair is one character
  const step = (i: number) => (i >= 2 && /[\uDC00-\uDFFF]/.test(norm[i - 1]!) && /[\uD800-\uDBFF]/.test(norm[i - 2]!) ? i - 2 : i - 1);
  for (let i = 1; i <= n; i++) {
    best[i] = best[step(i)]! + 1;
    for (const c of byEnd.get(i) ?? []) {
      const score = best[c.nStart]! + 1;
      const cur = choice[i];
      const better =
        score < best[i]! ||
        (score === best[i]! && (!cur || c.distance < cur.distance || (c.distance === cur.distance && c.nEnd - c.nStart > cur.nEnd - cur.nStart)));
      if (better) {
        best[i] = score;
        choice[i] = c;
      }
    }
  }
  const matches: PasswordMatch[] = [];
  const remaining: PasswordEvaluation['remaining'] = [];
  for (let i = n; i > 0; ) {
    const c = choice[i];
    if (c && best[i] === best[c.nStart]! + 1) {
      const { nStart: _s, nEnd: _e, ...m } = c;
      matches.unshift(m);
      i = c.nStart;
    } else {
      const prev = step(i);
      const start = origin[prev]!;
      const end = i < origin.length ? origin[i]! : password.length;
      remaining.unshift({ char: password.slice(start, end), start, end });
      i = prev;
    }
  }
  const score = matches.length + remaining.length;
  const reasons: string[] = [];
  if (score < MIN_PASSING_SCORE) {
    reasons.push(`It scores ${score} point${score === 1 ? '' : 's'}; Entra needs at least ${MIN_PASSING_SCORE} (one per banned term found, one per other character).`);
  }
  const nameHits = candidates.filter((c) => c.kind !== 'banned-term');
  for (const kind of ['first-name', 'last-name', 'tenant-name'] as const) {
    const hit = nameHits.find((c) => c.kind === kind);
    if (hit) reasons.push(`It contains the ${kind === 'tenant-name' ? 'tenant name' : `user's ${kind.replace('-', ' ')}`} ${JSON.stringify(hit.term)}.`);
  }
  return {
    normalized: norm,
    score,
    minimumScore: MIN_PASSING_SCORE,
    accepted: reasons.length === 0,
    reasons,
    matches,
    remaining,
    notes: [GLOBAL_LIST_NOTE],
  };
}
