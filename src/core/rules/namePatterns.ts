/**
 * Regular expressions that find an internal person's name in a From header however it
 * is written: "First Last", "Last, First", "Last First", "Last,First", any run of
 * whitespace, any case (Exchange matches patterns case-insensitively; so does our
 * evaluator), accents added or removed (`e` → `[eèéêëēĕėęěе]`, the last one Cyrillic;
 * Greek lookalikes too), a hyphen written as a space, a typographic apostrophe.
 *
 * Exchange Online's limits shape the patterns:
 * - one pattern may have at most 128 characters: New-TransportRule refuses a longer one
 *   with "The pattern '…' exceeds the maximum length of 128 characters." (reported for
 *   -HeaderMatchesPatterns, github.com/ruudmens/LazyAdmin/issues/21; the same 128 holds
 *   for word lists, MicrosoftDocs/office-docs-powershell#11168). So each name gets two
 *   patterns (First Last; Last[,] First) and, when a pattern would be longer, fewer
 *   letter variants: all accents and lookalikes, then the common accents and the
 *   lookalikes, then the lookalikes, then only the letters of the name as written.
 * - the service refuses patterns that start or end with a wildcard, have empty `|`
 *   alternatives or groups around multi-matches (MicrosoftDocs/microsoft-365-docs#9347);
 *   the name patterns have no groups and no wildcards at all.
 * - every pattern counts against the organisation's 20 KB of words and patterns in all
 *   rules (see transportRules.ts).
 *
 * The patterns must mean the same in .NET (Exchange, with its 2013-or-later syntax) and
 * in JavaScript (our evaluator), so they use only the common subset checked by
 * `portabilityProblem`: literal characters, backslash-escaped metacharacters, `\s`,
 * `[...]` classes of literal characters, `(?:...)`, `|`, `+`, `*`, `?`. No `\d`/`\w`/`\b`
 * (their Unicode meaning differs), no inline options, no look-behind, no `\p{...}`.
 */
import { clipped } from '../text/visible';

/** Exchange Online's maximum length of one pattern (see above). */
export const EXCHANGE_PATTERN_MAX_LENGTH = 128;

/** Accented Latin letters per base letter, the common ones (acute, grave, circumflex, diaeresis, cedilla, tilde) first. */
const ACCENTS: Record<string, { common: string; rare: string }> = {
  a: { common: 'àáâä', rare: 'ãåāăąǎ' },
  c: { common: 'ç', rare: 'ćĉċč' },
  d: { common: '', rare: 'ďđ' },
  e: { common: 'èéêë', rare: 'ēĕėęě' },
  g: { common: '', rare: 'ĝğġģ' },
  h: { common: '', rare: 'ĥħ' },
  i: { common: 'ìíîï', rare: 'ĩīĭįı' },
  j: { common: '', rare: 'ĵ' },
  k: { common: '', rare: 'ķ' },
  l: { common: '', rare: 'ĺļľŀł' },
  n: { common: 'ñ', rare: 'ńņňŉ' },
  o: { common: 'òóôö', rare: 'õøōŏő' },
  r: { common: '', rare: 'ŕŗř' },
  s: { common: '', rare: 'śŝşšș' },
  t: { common: '', rare: 'ţťŧț' },
  u: { common: 'ùúûü', rare: 'ũūŭůűų' },
  w: { common: '', rare: 'ŵ' },
  y: { common: 'ýÿ', rare: 'ŷ' },
  z: { common: '', rare: 'źżž' },
};

/** Cyrillic and Greek letters that look like a Latin letter (the homoglyphs of CEO fraud). */
const LOOKALIKES: Record<string, string> = {
  a: 'аα',
  c: 'с',
  d: 'ԁ',
  e: 'е',
  h: 'һ',
  i: 'іι',
  j: 'ј',
  k: 'кκ',
  o: 'оο',
  p: 'рρ',
  s: 'ѕ',
  u: 'υ',
  v: 'ν',
  x: 'хχ',
  y: 'у',
};

/** How many variants each letter gets, from the most to the fewest. */
export type VariantLevel = 'all' | 'common' | 'lookalikes' | 'as-written';
export const VARIANT_LEVELS: readonly VariantLevel[] = ['all', 'common', 'lookalikes', 'as-written'];

const METACHARACTERS = '\\^$.|?*+()[]{}';

/** The base letter of a (possibly accented) character: `É` → `e`. */
function baseLetter(ch: string): string {
  const lower = ch.toLowerCase();
  const base = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base.length === 1) return base;
  if (lower === 'ł') return 'l';
  if (lower === 'ø') return 'o';
  if (lower === 'đ') return 'd';
  if (lower === 'ı') return 'i';
  return lower;
}

function letterClass(ch: string, level: VariantLevel): string | null {
  const lower = ch.toLowerCase();
  const base = baseLetter(ch);
  if (!(base in ACCENTS) && !(base in LOOKALIKES)) return null;
  const accents = ACCENTS[base];
  let set = base;
  if (level === 'all') set += (accents?.common ?? '') + (accents?.rare ?? '') + (LOOKALIKES[base] ?? '');
  else if (level === 'common') set += (accents?.common ?? '') + (LOOKALIKES[base] ?? '');
  else if (level === 'lookalikes') set += LOOKALIKES[base] ?? '';
  if (lower.length === 1 && !set.includes(lower)) set += lower;
  return set.length === 1 ? set : `[${set}]`;
}

function charPattern(ch: string, level: VariantLevel): string {
  if (/\s/.test(ch)) return '[-\\s]+';
  if (ch === '-' || ch === '‐' || ch === '–') return '[-\\s]+';
  if (ch === "'" || ch === '’' || ch === 'ʼ') return "['’ʼ]?";
  const cls = letterClass(ch, level);
  if (cls) return cls;
  if (METACHARACTERS.includes(ch)) return '\\' + ch;
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

function partPattern(part: string, level: VariantLevel): string {
  let out = '';
  for (const ch of part.trim().replace(/\s+/g, ' ')) out += charPattern(ch, level);
  return out;
}

/** Splits a configured name: "Last, First" when there is a comma, else first word / rest. */
export function splitName(name: string): { first: string; last: string } | null {
  const n = name.trim().replace(/\s+/g, ' ');
  if (!n) return null;
  const comma = n.indexOf(',');
  if (comma >= 0) {
    const last = n.slice(0, comma).trim();
    const first = n.slice(comma + 1).trim();
    return first && last ? { first, last } : { first: first || last, last: '' };
  }
  const space = n.indexOf(' ');
  if (space < 0) return { first: n, last: '' };
  return { first: n.slice(0, space), last: n.slice(space + 1) };
}

/**
 * What may stand on either side of a name for it to count as the name (a word), the
 * reference being Exchange's "includes any of these words" conditions (-HeaderContainsWords):
 * "the text can be surrounded by spaces and punctuation marks … if the text is surrounded by
 * other characters, it isn't considered a match. For example, "contoso" doesn't match
 * "acontoso" or "contosob"" (Conditions and Exceptions for Transport Rules, Microsoft Learn).
 * So "Li Na" does not fire on "Analise" nor "Jean Dupont" on "Jean Dupontel". A pattern
 * can't use \b (its Unicode meaning differs between .NET and JavaScript) nor a negated
 * class, so the separators are listed: whitespace and the punctuation a From header puts
 * around a name (quotes, parentheses, angle brackets, comma, period, hyphen). The list is
 * short because every character counts against the 128 of a pattern; other punctuation
 * right next to a name ("Jean Dupont!") is not a separator here.
 */
export const NAME_SEPARATORS = `[\\s"'(),.<>-]`;
export const NAME_START = `(?:^|${NAME_SEPARATORS})`;
export const NAME_END = `(?:${NAME_SEPARATORS}|$)`;
const NAME_SEPARATOR = new RegExp(NAME_SEPARATORS);

/** Is this one character (a UTF-16 unit) one of NAME_SEPARATORS? */
export function isNameSeparator(ch: string): boolean {
  return NAME_SEPARATOR.test(ch);
}

function patternsAt(parts: { first: string; last: string }, level: VariantLevel): string[] {
  const f = partPattern(parts.first, level);
  if (!parts.last) return [`${NAME_START}${f}${NAME_END}`];
  const l = partPattern(parts.last, level);
  // First Last: any run of spaces or hyphens between ("Jean-Dupont"); Last, First: any run of commas and
  // spaces between ("Dupont, Jean", "Dupont ,Jean") — not `\s*[,\s]\s*`, which backtracks quadratically
  // on a long run of spaces (a hostile From header).
  return [`${NAME_START}${f}[-\\s]+${l}${NAME_END}`, `${NAME_START}${l}[,\\s]+${f}${NAME_END}`];
}

export type NamePatternResult =
  | { ok: true; name: string; patterns: string[]; level: VariantLevel }
  | { ok: false; name: string; reason: string; problem: 'too-long' | 'invalid' };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * The patterns for one configured name: "First Last" and "Last, First" / "Last First"
 * (one pattern for a single-word name), each at most 128 characters, with as many
 * letter variants as fit. `null` for an empty name.
 */
export function displayNamePatterns(name: string): NamePatternResult | null {
  const parts = splitName(name);
  if (!parts) return null;
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (CONTROL.test(name)) {
    return { ok: false, name: trimmed, problem: 'invalid', reason: `${JSON.stringify(clipped(trimmed, 80))} contains control or text-direction characters; a display name has none.` };
  }
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    return { ok: false, name: trimmed, problem: 'invalid', reason: `${JSON.stringify(clipped(trimmed, 80))} has no letters or digits; its pattern would match almost any sender.` };
  }
  for (const level of VARIANT_LEVELS) {
    const patterns = patternsAt(parts, level);
    if (patterns.every((p) => p.length <= EXCHANGE_PATTERN_MAX_LENGTH)) return { ok: true, name: trimmed, patterns, level };
  }
  const longest = Math.max(...patternsAt(parts, 'as-written').map((p) => p.length));
  return {
    ok: false,
    name: trimmed,
    problem: 'too-long',
    reason: `"${clipped(trimmed, 80)}" needs a pattern of ${longest} characters even without letter variants; Exchange Online accepts at most ${EXCHANGE_PATTERN_MAX_LENGTH}. Use a shorter form of the name (first and last name only).`,
  };
}

/**
 * Why `pattern` is outside the .NET/JavaScript common subset described above or breaks
 * one of Exchange Online's pattern rules; null when it is fine.
 */
export function portabilityProblem(pattern: string): string | null {
  if (pattern.length > EXCHANGE_PATTERN_MAX_LENGTH) return `${pattern.length} characters (Exchange Online accepts at most ${EXCHANGE_PATTERN_MAX_LENGTH})`;
  if (/^\.[*+]/.test(pattern) || /(^|[^\\])\.[*+]$/.test(pattern)) return 'a wildcard at the start or end';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return 'a trailing backslash';
      if (n === 's' || METACHARACTERS.includes(n) || n === '-') {
        i++;
        continue;
      }
      return `the escape \\${n}`;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[') return 'a nested "[" in a character class';
      continue;
    }
    if (c === '[') {
      if (pattern[i + 1] === '^') return 'a negated class';
      inClass = true;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?' && pattern[i + 2] !== ':') return 'a "(?" construct other than "(?:"';
      continue;
    }
    if (c === ')' && /[*+?]/.test(pattern[i + 1] ?? '')) return 'a repeated group';
    if (c === '|') {
      const before = pattern.slice(0, i);
      if (i === 0 || /(?:^|[^\\])(?:\((?:\?:)?|\|)$/.test(before) || pattern[i + 1] === '|' || pattern[i + 1] === ')' || i === pattern.length - 1) return "an empty '|' alternative";
    }
    if (c === '{' || c === '}') return 'a "{}" quantifier';
  }
  if (inClass) return 'an unclosed character class';
  try {
    new RegExp(pattern, 'i');
  } catch (e) {
    return `an invalid expression (${e instanceof Error ? e.message : String(e)})`;
  }
  return null;
}
