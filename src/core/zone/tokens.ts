import type { Token } from './types';

/** The token as written, without the quotes of a quoted string (escapes kept). */
export function rawText(text: string, tok: Token): string {
  return tok.quoted ? text.slice(tok.start + 1, innerEnd(text, tok)) : text.slice(tok.start, tok.end);
}

/** Offset where the content of a token starts (after an opening quote). */
export function innerStart(tok: Token): number {
  return tok.quoted ? tok.start + 1 : tok.start;
}

/** Offset where the content of a token ends (before a closing quote, if it was closed). */
export function innerEnd(text: string, tok: Token): number {
  if (!tok.quoted) return tok.end;
  return tok.end - tok.start >= 2 && text.charCodeAt(tok.end - 1) === 34 && isClosingQuote(text, tok) ? tok.end - 1 : tok.end;
}

function isClosingQuote(text: string, tok: Token): boolean {
  // The last quote closes the string unless it is escaped (odd number of backslashes before it).
  let b = 0;
  for (let i = tok.end - 2; i > tok.start && text.charCodeAt(i) === 92; i--) b++;
  return b % 2 === 0;
}
