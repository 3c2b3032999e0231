import type { Finding, Span } from '../findings';
import type { Entry, Token } from './types';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const LPAREN = 40;
const RPAREN = 41;
const SEMI = 59;
const BACKSLASH = 92;

/**
 * Characters that end a word (blank, quote, parenthesis, comment, line end) marked 1, and
 * the backslash 2: one table look-up per character instead of nine comparisons.
 */
const WORD_STOP = new Uint8Array(128);
for (const c of [SPACE, TAB, LF, CR, SEMI, LPAREN, RPAREN, QUOTE]) WORD_STOP[c] = 1;
WORD_STOP[BACKSLASH] = 2;

/**
 * Splits master-file text into entries (RFC 1035 §5.1): tokens separated by blanks,
 * `;` comments, `"` quoted strings with `\` escapes, and `( … )` joining physical lines.
 * One pass over char codes, no regular expressions; every token keeps its exact span.
 *
 * Quoted strings end at the end of the physical line (BIND rejects a quoted string
 * that runs into a newline).
 */
export function lexEntries(
  text: string,
  onEntry: (entry: Entry) => void,
  onError: (finding: Finding) => void,
  from = 0,
  to = text.length,
): void {
  let i = from;
  // Tokens collect here and are copied to an array of the right size per entry: pushing
  // into a fresh array would allocate room for 17 tokens each time.
  const scratch: Token[] = [];
  while (i < to) {
    const start = i;
    const first = text.charCodeAt(i);
    const blankOwner = first === SPACE || first === TAB;
    scratch.length = 0;
    let comments: Span[] | null = null;
    let open = -1;
    let close = -1;
    let depth = 0;
    let end = start;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        if (depth === 0) break;
        i++;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) {
        i++;
        continue;
      }
      if (c === SEMI) {
        const s = i;
        while (i < to && text.charCodeAt(i) !== LF) i++;
        let e = i;
        if (e > s && text.charCodeAt(e - 1) === CR) e--;
        (comments ??= []).push({ start: s, end: e });
        end = e;
        continue;
      }
      if (c === LPAREN) {
        // BIND accepts nested parentheses and so do we; the entry ends when all are closed.
        if (open === -1) open = i;
        depth++;
        end = ++i;
        continue;
      }
      if (c === RPAREN) {
        if (depth === 0) {
          onError(syntaxError('zone-unbalanced-parentheses', 'This ")" has no matching "(".', i, i + 1));
        } else if (--depth === 0) {
          close = i;
        }
        end = ++i;
        continue;
      }
      if (c === QUOTE) {
        const s = i++;
        let closed = false;
        while (i < to) {
          const q = text.charCodeAt(i);
          if (q === BACKSLASH) {
            const n = text.charCodeAt(i + 1);
            i += n === LF || i + 1 >= to ? 1 : 2;
            continue;
          }
          if (q === QUOTE) {
            i++;
            closed = true;
            break;
          }
          if (q === LF) break;
          i++;
        }
        let e = i;
        if (!closed && e > s && text.charCodeAt(e - 1) === CR) e--;
        if (!closed) onError(syntaxError('zone-unterminated-quote', 'This quoted string is not closed before the end of the line; add the closing ".', s, e));
        scratch.push({ start: s, end: e, quoted: true });
        end = e;
        continue;
      }
      // A word: up to a blank, a quote, a parenthesis, a comment or a line end.
      const s = i;
      while (i < to) {
        const w = text.charCodeAt(i);
        const k = w < 128 ? WORD_STOP[w]! : 0;
        if (k === 0) {
          i++;
          continue;
        }
        if (k === 1) break;
        const n = text.charCodeAt(i + 1);
        i += n === LF || i + 1 >= to ? 1 : 2;
      }
      scratch.push({ start: s, end: i, quoted: false });
      end = i;
    }
    if (depth > 0) {
      onError(syntaxError('zone-unbalanced-parentheses', 'This "(" is never closed; add ")" at the end of the record.', open, open + 1));
    }
    if (scratch.length > 0) {
      onEntry({ start, end, blankOwner, tokens: scratch.slice(), open, close, comments: comments ?? NO_COMMENTS });
    }
    i++; // past the newline
  }
}

const NO_COMMENTS: Span[] = [];

export function syntaxError(code: string, message: string, start: number, end: number): Finding {
  return { code, severity: 'error', message, span: { start, end } };
}
