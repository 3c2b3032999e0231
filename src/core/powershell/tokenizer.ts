/**
 * A tokenizer for the parts of PowerShell that decide what a script runs:
 * string literals (single-quoted, double-quoted, here-strings), comments,
 * variables and `$(...)` subexpressions. It is not a PowerShell parser; it is
 * exact where that matters for safety, following the rules of PowerShell's own
 * tokenizer (System.Management.Automation/engine/parser/tokenizer.cs and
 * CharTraits.cs):
 *
 * - single quotes are `'` and U+2018/U+2019/U+201A/U+201B; inside a single-quoted
 *   string a quote followed by any single quote is one literal quote; nothing expands;
 * - double quotes are `"` and U+201C/U+201D/U+201E; inside, a doubled quote or a
 *   backtick escapes, and `$name`, `${name}`, `$(...)` (and `$` followed by any
 *   Unicode letter or digit) expand;
 * - here-strings start with `@'` or `@"` at the end of a line and end at a line
 *   that starts with the matching quote and `@`;
 * - `#` starts a comment only where a token starts (`a#b` is one word); `<# ... #>`
 *   is a block comment.
 *
 * Every expansion outside single quotes is reported, so a test can prove that
 * a generated script carries user data only inside verbatim literals.
 */
import { isPsDoubleQuote, isPsSingleQuote } from './quote';
import { pushAll } from '../arrays';

export type PsTokenKind =
  | 'single-quoted'
  | 'here-single'
  | 'double-quoted'
  | 'here-double'
  | 'line-comment'
  | 'block-comment'
  /** `$name`, `${name}`, `$$`, `$?`, `$^`, and splats `@name`. */
  | 'variable'
  /** The opening `$(` of a subexpression outside a string (its contents are tokenized normally). */
  | 'subexpression'
  | 'word'
  | 'operator'
  | 'newline'
  /** A backtick at the end of a line. */
  | 'continuation';

export interface PsExpansion {
  kind: 'variable' | 'subexpression';
  start: number;
  end: number;
  text: string;
}

export interface PsToken {
  kind: PsTokenKind;
  start: number;
  end: number;
  /** The source text of the token. */
  text: string;
  /** The string value of a single-quoted or here-single literal (escapes resolved). */
  value?: string;
  /** Expansions inside a double-quoted string or here-string. */
  expansions?: PsExpansion[];
}

export interface PsTokenError {
  message: string;
  start: number;
  end: number;
}

export interface PsTokenizeResult {
  tokens: PsToken[];
  errors: PsTokenError[];
  /** Every expansion outside single quotes, in source order: variables, splats, `$(`, and those inside double-quoted strings. */
  expansions: PsExpansion[];
}

const WHITESPACE = /[\t\v\f \u00A0\u0085\p{Zs}\u2028\u2029]/u;
const NEW_TOKEN = new Set(['&', '(', ')', ',', ';', '{', '}', '|']);
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

function isWhitespace(c: string): boolean {
  return WHITESPACE.test(c);
}

function isNewline(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/** First character of an unbraced variable name (CharExtensions.IsVariableStart). */
function isVariableStart(c: string | undefined): boolean {
  if (c === undefined) return false;
  if (c.charCodeAt(0) < 128) return /[$0-9:?A-Za-z^_]/.test(c);
  return LETTER_OR_DIGIT.test(c);
}

function isVariableFollow(c: string | undefined): boolean {
  if (c === undefined) return false;
  if (c.charCodeAt(0) < 128) return /[0-9A-Za-z_?]/.test(c);
  return LETTER_OR_DIGIT.test(c);
}

class Scanner {
  readonly tokens: PsToken[] = [];
  readonly errors: PsTokenError[] = [];
  readonly expansions: PsExpansion[] = [];

  constructor(private readonly src: string) {}

  private push(kind: PsTokenKind, start: number, end: number, extra?: Partial<PsToken>): void {
    this.tokens.push({ kind, start, end, text: this.src.slice(start, end), ...extra });
  }

  private expansion(kind: PsExpansion['kind'], start: number, end: number): PsExpansion {
    const e: PsExpansion = { kind, start, end, text: this.src.slice(start, end) };
    this.expansions.push(e);
    return e;
  }

  /**
   * Scans code from `pos`. With `untilParen`, stops after the `)` that closes a
   * `$(` opened just before `pos` and returns the position after it.
   */
  scan(pos: number, untilParen: boolean): number {
    const src = this.src;
    let depth = 0;
    let i = pos;
    while (i < src.length) {
      const c = src[i]!;
      if (isNewline(c)) {
        const end = c === '\r' && src[i + 1] === '\n' ? i + 2 : i + 1;
        this.push('newline', i, end);
        i = end;
      } else if (isWhitespace(c)) {
        i++;
      } else if (c === '#') {
        let end = i;
        while (end < src.length && !isNewline(src[end])) end++;
        this.push('line-comment', i, end);
        i = end;
      } else if (c === '<' && src[i + 1] === '#') {
        const close = src.indexOf('#>', i + 2);
        const end = close < 0 ? src.length : close + 2;
        if (close < 0) this.errors.push({ message: 'Block comment <# is not closed with #>.', start: i, end });
        this.push('block-comment', i, end);
        i = end;
      } else if (isPsSingleQuote(c)) {
        i = this.singleQuoted(i);
      } else if (isPsDoubleQuote(c)) {
        i = this.doubleQuoted(i);
      } else if (c === '@' && (isPsSingleQuote(src[i + 1] ?? '') || isPsDoubleQuote(src[i + 1] ?? '')) && this.hereHeaderEnd(i + 2) >= 0) {
        i = this.hereString(i);
      } else if (c === '@' && (src[i + 1] === '(' || src[i + 1] === '{')) {
        this.push('operator', i, i + 2);
        if (untilParen && src[i + 1] === '(') depth++;
        i += 2;
      } else if (c === '@' && isVariableFollow(src[i + 1])) {
        let end = i + 1;
        while (isVariableFollow(src[end])) end++;
        this.expansion('variable', i, end);
        this.push('variable', i, end);
        i = end;
      } else if (c === '$') {
        const end = this.variable(i);
        if (end < 0) {
          i = this.word(i);
        } else if (src[i + 1] === '(') {
          this.expansion('subexpression', i, i + 2);
          this.push('subexpression', i, i + 2);
          if (untilParen) depth++;
          i += 2;
        } else {
          this.expansion('variable', i, end);
          this.push('variable', i, end);
          i = end;
        }
      } else if (c === '`' && isNewline(src[i + 1])) {
        const end = src[i + 1] === '\r' && src[i + 2] === '\n' ? i + 3 : i + 2;
        this.push('continuation', i, end);
        i = end;
      } else if (NEW_TOKEN.has(c)) {
        if (untilParen && c === '(') depth++;
        if (untilParen && c === ')') {
          if (depth === 0) {
            this.push('operator', i, i + 1);
            return i + 1;
          }
          depth--;
        }
        this.push('operator', i, i + 1);
        i++;
      } else {
        i = this.word(i);
      }
    }
    if (untilParen) this.errors.push({ message: 'Subexpression $( is not closed with ).', start: pos, end: src.length });
    return src.length;
  }

  /** A bare word: runs to whitespace, a newline, a quote, `$` or a token-starting character; backtick escapes. */
  private word(start: number): number {
    const src = this.src;
    let i = start;
    while (i < src.length) {
      const c = src[i]!;
      if (c === '`') {
        if (isNewline(src[i + 1])) break;
        i += 2;
        continue;
      }
      if (i > start && (c === '$' || isPsSingleQuote(c) || isPsDoubleQuote(c))) break;
      if (isNewline(c) || isWhitespace(c) || NEW_TOKEN.has(c)) break;
      i++;
    }
    const end = Math.max(i, start + 1);
    this.push('word', start, Math.min(end, src.length));
    return Math.min(end, src.length);
  }

  /** End of the variable reference starting with `$` at `start`, or -1 if this `$` is a literal. `$(` returns start+2. */
  private variable(start: number): number {
    const src = this.src;
    const next = src[start + 1];
    if (next === '(') return start + 2;
    if (next === '{') {
      let i = start + 2;
      while (i < src.length && src[i] !== '}') i += src[i] === '`' ? 2 : 1;
      if (i >= src.length) {
        this.errors.push({ message: 'Variable ${ is not closed with }.', start, end: src.length });
        return src.length;
      }
      return i + 1;
    }
    if (next === '$' || next === '?' || next === '^') return start + 2;
    if (!isVariableStart(next)) return -1;
    let i = start + 1;
    while (i < src.length) {
      const c = src[i]!;
      if (isVariableFollow(c)) i++;
      else if (c === ':' && isVariableFollow(src[i + 1]) && i > start + 1) i++;
      else break;
    }
    return i === start + 1 ? start + 2 : i;
  }

  private singleQuoted(start: number): number {
    const src = this.src;
    let value = '';
    let i = start + 1;
    for (;;) {
      if (i >= src.length) {
        this.errors.push({ message: 'Single-quoted string is not closed.', start, end: src.length });
        break;
      }
      const c = src[i]!;
      if (isPsSingleQuote(c)) {
        if (!isPsSingleQuote(src[i + 1] ?? '')) {
          i++;
          break;
        }
        value += src[i + 1];
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    this.push('single-quoted', start, i, { value });
    return i;
  }

  /** Scans the `$` expansions and escapes of expandable text from `i` until `stop(i)` is true. */
  private expandable(i: number, stop: (i: number) => boolean, into: PsExpansion[]): number {
    const src = this.src;
    while (i < src.length && !stop(i)) {
      const c = src[i]!;
      if (c === '`') {
        i += 2;
        continue;
      }
      if (c === '$') {
        if (src[i + 1] === '(') {
          const e = this.expansion('subexpression', i, i);
          const inner = new Scanner(src);
          const end = inner.scan(i + 2, true);
          pushAll(this.errors, inner.errors);
          pushAll(this.expansions, inner.expansions);
          e.end = end;
          e.text = src.slice(i, end);
          into.push(e);
          i = end;
          continue;
        }
        const end = this.variable(i);
        if (end > 0) {
          into.push(this.expansion('variable', i, end));
          i = end;
          continue;
        }
      }
      i++;
    }
    return i;
  }

  private doubleQuoted(start: number): number {
    const src = this.src;
    const expansions: PsExpansion[] = [];
    let i = start + 1;
    for (;;) {
      i = this.expandable(i, (j) => isPsDoubleQuote(src[j]!), expansions);
      if (i >= src.length) {
        this.errors.push({ message: 'Double-quoted string is not closed.', start, end: src.length });
        break;
      }
      if (isPsDoubleQuote(src[i + 1] ?? '')) {
        i += 2;
        continue;
      }
      i++;
      break;
    }
    this.push('double-quoted', start, i, { expansions });
    return i;
  }

  /** Position after the newline ending a here-string header whose text starts at `i`, or -1. */
  private hereHeaderEnd(i: number): number {
    const src = this.src;
    while (i < src.length && isWhitespace(src[i]!)) i++;
    if (src[i] === '\r') return src[i + 1] === '\n' ? i + 2 : i + 1;
    if (src[i] === '\n') return i + 1;
    return -1;
  }

  private hereString(start: number): number {
    const src = this.src;
    const single = isPsSingleQuote(src[start + 1]!);
    const bodyStart = this.hereHeaderEnd(start + 2);
    const isCloser = (j: number): boolean =>
      (j === bodyStart || isNewline(src[j - 1])) &&
      (single ? isPsSingleQuote(src[j] ?? '') : isPsDoubleQuote(src[j] ?? '')) &&
      src[j + 1] === '@';
    const expansions: PsExpansion[] = [];
    let i = bodyStart;
    if (single) {
      while (i < src.length && !isCloser(i)) i++;
    } else {
      i = this.expandable(i, isCloser, expansions);
    }
    if (i >= src.length) {
      this.errors.push({ message: 'Here-string is not closed (its closing quote and @ must start a line).', start, end: src.length });
      this.push(single ? 'here-single' : 'here-double', start, src.length, single ? { value: src.slice(bodyStart) } : { expansions });
      return src.length;
    }
    let bodyEnd = i;
    if (bodyEnd > bodyStart && src[bodyEnd - 1] === '\n') bodyEnd--;
    if (bodyEnd > bodyStart && src[bodyEnd - 1] === '\r') bodyEnd--;
    const end = i + 2;
    if (single) this.push('here-single', start, end, { value: src.slice(bodyStart, Math.max(bodyStart, bodyEnd)) });
    else this.push('here-double', start, end, { expansions });
    return end;
  }
}

export function tokenizePowerShell(src: string): PsTokenizeResult {
  const s = new Scanner(src);
  s.scan(0, false);
  s.expansions.sort((a, b) => a.start - b.start);
  return { tokens: s.tokens, errors: s.errors, expansions: s.expansions };
}

/**
 * The code of a script with every verbatim literal blanked out: two scripts
 * with the same skeleton run the same commands and differ only in data.
 */
export function scriptSkeleton(src: string): string[] {
  return tokenizePowerShell(src).tokens.map((t) =>
    t.kind === 'single-quoted' || t.kind === 'here-single' ? `${t.kind}:<literal>` : `${t.kind}:${t.text}`,
  );
}

/** The values of the verbatim (single-quoted) literals of a script, in order. */
export function literalValues(src: string): string[] {
  return tokenizePowerShell(src)
    .tokens.filter((t) => t.kind === 'single-quoted' || t.kind === 'here-single')
    .map((t) => t.value ?? '');
}

export interface ScriptSafetyProblem {
  message: string;
  start: number;
  end: number;
}

/**
 * Checks a generated script against the quoting rule: no tokenizer errors, no
 * double-quoted strings or here-strings, no `$(`, and no variables other than
 * the allowed ones (by default `$null`, `$true`, `$false`).
 */
export function checkGeneratedScript(src: string, allowedVariables: readonly string[] = ['$null', '$true', '$false']): ScriptSafetyProblem[] {
  const { tokens, errors } = tokenizePowerShell(src);
  const allowed = new Set(allowedVariables.map((v) => v.toLowerCase()));
  const problems: ScriptSafetyProblem[] = errors.map((e) => ({ ...e }));
  for (const t of tokens) {
    if (t.kind === 'double-quoted' || t.kind === 'here-double') {
      problems.push({ message: `Expandable string ${JSON.stringify(t.text.slice(0, 40))}: generated scripts use single-quoted literals only.`, start: t.start, end: t.end });
    } else if (t.kind === 'subexpression') {
      problems.push({ message: 'Subexpression $( in a generated script.', start: t.start, end: t.end });
    } else if (t.kind === 'variable' && !allowed.has(t.text.toLowerCase())) {
      problems.push({ message: `Variable ${t.text} is not one the generator may use.`, start: t.start, end: t.end });
    }
  }
  return problems;
}
