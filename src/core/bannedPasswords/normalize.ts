/**
 * Microsoft Entra Password Protection: normalisation and the documented limits
 * of the custom banned password list.
 *
 * Sources (Microsoft Learn):
 * - "Eliminate bad passwords using Microsoft Entra Password Protection"
 *   https://learn.microsoft.com/entra/identity/authentication/concept-password-ban-bad
 *   says: "The custom banned password list is limited to a maximum of 1,000 terms."
 *   Step 1 (Normalization): "All uppercase letters are changed to lower case", then
 *   "common character substitutions are performed, such as" 0→o, 1→l, $→s, @→a (the
 *   page lists exactly these four; we apply those and no guessed others).
 *   Fuzzy matching: "based on an edit distance of one (1) comparison".
 *   Substring matching of the user's first and last name and the tenant name: "only
 *   enforced for names, and other terms, that are at least four characters long".
 *   Scoring: one point per banned password found, one per remaining character,
 *   "A password must be at least five (5) points to be accepted."
 * - "Tutorial: Configure custom banned passwords for Microsoft Entra password protection"
 *   https://learn.microsoft.com/entra/identity/authentication/tutorial-configure-custom-password-protection
 *   says: "The custom banned password list can contain up to 1000 terms", "is
 *   case-insensitive", and "The minimum string length is four characters, and the
 *   maximum is 16 characters."
 */

export const CUSTOM_LIST_MAX_TERMS = 1000;
export const TERM_MIN_LENGTH = 4;
export const TERM_MAX_LENGTH = 16;
export const MIN_NAME_LENGTH = 4;
export const MIN_PASSING_SCORE = 5;

/** The substitutions the documentation lists, applied after lower-casing. */
export const SUBSTITUTIONS: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', $: 's', '@': 'a' };

export interface Normalized {
  text: string;
  /** For each UTF-16 unit of `text`, the offset of the unit it came from in the input. */
  origin: number[];
}

/** Lower-cases and substitutes, keeping one output unit per input unit so positions map back. */
export function normalizeWithOrigin(input: string): Normalized {
  let text = '';
  const origin: number[] = [];
  for (let i = 0; i < input.length; ) {
    const cp = input.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    let lower = ch.toLowerCase();
    if (lower.length !== ch.length) lower = ch; // e.g. U+0130 lower-cases to two units: keep positions 1:1
    const out = SUBSTITUTIONS[lower] ?? lower;
    for (let k = 0; k < out.length; k++) origin.push(i + k);
    text += out;
    i += ch.length;
  }
  return { text, origin };
}

export function normalizeTerm(input: string): string {
  return normalizeWithOrigin(input).text;
}

/** Length in characters (code points), the unit the documented limits speak of. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** True when a and b differ by at most one insertion, deletion or substitution. */
export function withinEditDistanceOne(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
  if (la > lb) return a.slice(i + 1) === b.slice(i);
  return a.slice(i) === b.slice(i + 1);
}
