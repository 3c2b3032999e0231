/**
 * The two lexical pieces RFC 5322 structured fields share (§3.2.2, §3.2.4): comments,
 * which nest and take quoted-pairs, and quoted strings. Used by the address, Received and
 * Authentication-Results parsers, so a comment is read one way everywhere.
 */
export interface Lexeme {
  /** Content without the delimiters, quoted-pairs resolved. */
  text: string;
  /** Offset just past the closing delimiter (the end of `s` when it is missing). */
  end: number;
  closed: boolean;
}

/** The comment starting at s[start] (which is '('). */
export function readComment(s: string, start: number): Lexeme {
  let depth = 0;
  let text = '';
  let i = start;
  for (; i < s.length; i++) {
    const d = s[i]!;
    if (d === '\\' && i + 1 < s.length) {
      text += s[++i];
      continue;
    }
    if (d === '(') {
      if (depth > 0) text += d;
      depth++;
    } else if (d === ')') {
      depth--;
      if (depth === 0) break;
      text += d;
    } else text += d;
  }
  return { text, end: Math.min(i + 1, s.length), closed: depth === 0 };
}

/** The quoted string starting at s[start] (which is '"'). */
export function readQuoted(s: string, start: number): Lexeme {
  let text = '';
  let i = start + 1;
  for (; i < s.length; i++) {
    const d = s[i]!;
    if (d === '\\' && i + 1 < s.length) text += s[++i];
    else if (d === '"') return { text, end: i + 1, closed: true };
    else text += d;
  }
  return { text, end: s.length, closed: false };
}

function isWsp(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * `s` without leading and trailing spaces and tabs (only those: a trailing NBSP or bidi
 * control stays visible). A loop, not `/[ \t]+$/`, which backtracks quadratically over a
 * long run of inner whitespace.
 */
export function trimWsp(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWsp(s.charCodeAt(a))) a++;
  while (b > a && isWsp(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Number of leading spaces and tabs of `s`. */
export function leadingWspLength(s: string): number {
  let a = 0;
  while (a < s.length && isWsp(s.charCodeAt(a))) a++;
  return a;
}
