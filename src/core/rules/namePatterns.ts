/**
 * Regular expressions that find an internal person's name in a From header however it
 * is written: "First Last", "Last, First", "Last First", any run of whitespace, any
 * case (Exchange matches patterns case-insensitively; so does our evaluator), accents
 * added or removed (`e` → `[eèéêëēĕėęěе]`, the last one Cyrillic; Greek lookalikes too), a hyphen written as a
 * space, a typographic apostrophe.
 *
 * The patterns must mean the same in .NET (Exchange) and JavaScript (our evaluator), so
 * they use only the common subset checked by `isPortablePattern`: literal characters,
 * backslash-escaped metacharacters, `\s`, `[...]` classes of literal characters,
 * `(?:...)`, `|`, `+`, `*`, `?`. No `\d`/`\w`/`\b` (their Unicode meaning differs), no
 * inline options, no look-behind, no `\p{...}`, no named groups.
 */

/** Letters and the characters that should match them: accented forms and Cyrillic/Greek lookalikes. */
const VARIANTS: Record<string, string> = {
  a: 'aàáâãäåāăąǎаα',
  c: 'cçćĉċčс',
  d: 'dďđԁ',
  e: 'eèéêëēĕėęěе',
  g: 'gĝğġģ',
  h: 'hĥħһ',
  i: 'iìíîïĩīĭįıіι',
  j: 'jĵј',
  k: 'kķкκ',
  l: 'lĺļľŀł',
  n: 'nñńņňŉ',
  o: 'oòóôõöøōŏőоο',
  p: 'pрρ',
  r: 'rŕŗř',
  s: 'sśŝşšșѕ',
  t: 'tţťŧț',
  u: 'uùúûüũūŭůűųυ',
  v: 'vν',
  w: 'wŵ',
  x: 'xхχ',
  y: 'yýÿŷу',
  z: 'zźżž',
};

const METACHARACTERS = '\\^$.|?*+()[]{}';

/** The base letter of a (possibly accented) character: `É` → `e`. */
function baseLetter(ch: string): string {
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (base.length === 1) return base;
  if (ch.toLowerCase() === 'ł') return 'l';
  if (ch.toLowerCase() === 'ø') return 'o';
  if (ch.toLowerCase() === 'đ') return 'd';
  return ch.toLowerCase();
}

function charPattern(ch: string): string {
  if (/\s/.test(ch)) return '\\s+';
  if (ch === '-' || ch === '‐' || ch === '–') return '[-\\s]+';
  if (ch === "'" || ch === '’' || ch === 'ʼ') return "['’ʼ]?";
  const base = baseLetter(ch);
  const variants = VARIANTS[base];
  if (variants) return `[${variants}]`;
  if (METACHARACTERS.includes(ch)) return '\\' + ch;
  // Other characters stand for themselves; a class keeps characters like "-" or "]" from being special.
  return base.length === 1 ? base : ch;
}

function partPattern(part: string): string {
  let out = '';
  for (const ch of part.trim().replace(/\s+/g, ' ')) out += charPattern(ch);
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

/** One pattern per configured name, matching it in any of the usual orders. */
export function displayNamePattern(name: string): string | null {
  const parts = splitName(name);
  if (!parts) return null;
  const f = partPattern(parts.first);
  if (!parts.last) return f;
  const l = partPattern(parts.last);
  return `(?:${f}\\s+${l}|${l}(?:\\s*,\\s*|\\s+)${f})`;
}

/**
 * True when `pattern` stays inside the .NET/JavaScript common subset described above.
 * Returns the first offending construct otherwise.
 */
export function portabilityProblem(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return 'a trailing backslash';
      if (n === 's') {
        i++;
        continue;
      }
      if (METACHARACTERS.includes(n) || n === '-') {
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
