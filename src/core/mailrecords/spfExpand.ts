/**
 * SPF macro expansion (RFC 7208 §7): %{letter transformers delimiters}, %%, %_ and %-.
 * One linear pass; a syntax error gives undefined (the caller decides: a permerror in a
 * domain-spec, the default explanation in explanation text). The value of %{p} needs
 * DNS, so the caller passes it in (asked for only when the text uses it).
 */
const DELIMITERS = '.-+,/_=';
const DOMAIN_LETTERS = 'slodiphv';
const EXP_LETTERS = 'slodiphvcrt';

export interface MacroValues {
  /** <sender>: local-part@domain. */
  s: string;
  l: string;
  o: string;
  /** The current domain. */
  d: string;
  /** %{i}: dotted quad or dotted nibbles. */
  i: string;
  /** %{v}: "in-addr" or "ip6". */
  v: string;
  h: string;
  /** %{c}: the client address as text (explanations only). */
  c: string;
  /** %{r}: the receiving host (explanations only). */
  r: string;
  /** %{t}: seconds since the epoch (explanations only). */
  t: string;
}

/** True when the text contains %{p} (in any case): the caller then resolves it first. */
export function usesPtrMacro(text: string): boolean {
  return /%\{p/i.test(text);
}

/** RFC 3986 unreserved characters stay; every other byte becomes %XX (upper-case macro letters). */
function urlEscape(s: string): string {
  const out: string[] = [];
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out.push(/[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  return out.join('');
}

function transform(value: string, digits: string, reverse: boolean, delimiters: string): string {
  const delims = delimiters === '' ? '.' : delimiters;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || delims.includes(value[i]!)) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  if (reverse) parts.reverse();
  const n = digits === '' ? parts.length : Number(digits);
  return parts.slice(Math.max(0, parts.length - n)).join('.');
}

/**
 * Expands a macro-string. `explanation` allows the letters c, r and t. `ptr` is the
 * value of %{p} (needed only when usesPtrMacro). Undefined on a syntax error.
 */
export function expandMacroString(text: string, values: MacroValues, explanation: boolean, ptr = 'unknown'): string | undefined {
  const letters = explanation ? EXP_LETTERS : DOMAIN_LETTERS;
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== 0x25) {
      // a run of macro-literal = %x21-24 / %x26-7E (explanation text also allows spaces)
      const start = i;
      for (; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 0x25) break;
        if (code > 0x7e || code < 0x20 || (code === 0x20 && !explanation)) return undefined;
      }
      out.push(text.slice(start, i));
      continue;
    }
    const next = text[i + 1];
    if (next === '%') { out.push('%'); i += 2; continue; }
    if (next === '_') { out.push(' '); i += 2; continue; }
    if (next === '-') { out.push('%20'); i += 2; continue; }
    if (next !== '{') return undefined;
    const letter = text[i + 2];
    if (letter === undefined || !letters.includes(letter.toLowerCase())) return undefined;
    let j = i + 3;
    let digits = '';
    while (j < text.length && text[j]! >= '0' && text[j]! <= '9') digits += text[j++];
    if (digits !== '' && Number(digits) === 0) return undefined;
    let reverse = false;
    if (text[j] === 'r' || text[j] === 'R') { reverse = true; j++; }
    let delims = '';
    while (j < text.length && DELIMITERS.includes(text[j]!)) delims += text[j++];
    if (text[j] !== '}') return undefined;
    const l = letter.toLowerCase();
    const raw = l === 'p' ? ptr : values[l as keyof MacroValues];
    const expanded = transform(raw, digits, reverse, delims);
    out.push(letter === l ? expanded : urlEscape(expanded));
    i = j + 1;
  }
  return out.join('');
}

/**
 * RFC 7208 §4.3, §5 and §7.3: a name ready for a query, or why it cannot be one. Longer
 * than 253 octets after expansion: labels are dropped from the left until it fits.
 */
export function queryName(expanded: string): { name: string } | { invalid: string } {
  const full = expanded.endsWith('.') ? expanded.slice(0, -1) : expanded;
  // one pass from the right: keep the labels that fit in 253 octets (linear, whatever the length)
  let start = full.length;
  let octets = 0;
  for (let i = full.length - 1; i >= -1; i--) {
    if (i >= 0 && full[i] !== '.') continue;
    const label = Buffer.byteLength(full.slice(i + 1, start), 'utf8');
    const total = octets + label + (start < full.length ? 1 : 0);
    if (total > 253 && start < full.length) break;
    octets = total;
    start = i;
    if (octets > 253) break;
  }
  const name = start < 0 ? full : full.slice(start + 1);
  return nameProblem(name) ?? { name };
}

/** Why `name` cannot be a domain name (empty label, label over 63 octets, over 253 octets), or undefined. */
export function nameProblem(name: string): { invalid: string } | undefined {
  if (name === '') return { invalid: 'the name is empty' };
  if (Buffer.byteLength(name, 'utf8') > 253) return { invalid: `the name is longer than 253 octets` };
  const labels = name.split('.');
  if (labels.some((l) => l === '')) return { invalid: `${name} has an empty label` };
  if (labels.some((l) => Buffer.byteLength(l, 'utf8') > 63)) return { invalid: `${name} has a label longer than 63 octets` };
  return undefined;
}
