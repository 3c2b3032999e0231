/**
 * Quoting for generated PowerShell.
 *
 * THE RULE: user data (names, addresses, policy names, anything an admin or an
 * attacker typed) goes into a script only through `psSingleQuoted` /
 * `psStringArray`. Never build a double-quoted string ("…" or @"…"@) around
 * user data: PowerShell expands `$name`, `$(...)` and backtick escapes inside
 * them, so `"$(Remove-Item C:\ -Recurse)"` would run. Never put user data in a
 * comment either: a newline in the data would end the comment and start code.
 * `test/unit/powershell/` proves the generators keep to this with the
 * tokenizer in `tokenizer.ts`.
 */

/**
 * The characters PowerShell's tokenizer treats as a single quote
 * (CharExtensions.IsSingleQuote in System.Management.Automation/engine/parser/CharTraits.cs):
 * the ASCII apostrophe and the typographic U+2018, U+2019, U+201A and U+201B.
 */
export const PS_SINGLE_QUOTES: readonly string[] = ["'", '\u2018', '\u2019', '\u201A', '\u201B'];

/** Double quotes PowerShell recognises (CharExtensions.IsDoubleQuote): `"`, U+201C, U+201D, U+201E. */
export const PS_DOUBLE_QUOTES: readonly string[] = ['"', '\u201C', '\u201D', '\u201E'];

const SINGLE_QUOTE_RE = /['\u2018\u2019\u201A\u201B]/g;

export function isPsSingleQuote(ch: string): boolean {
  return ch === "'" || ch === '\u2018' || ch === '\u2019' || ch === '\u201A' || ch === '\u201B';
}

export function isPsDoubleQuote(ch: string): boolean {
  return ch === '"' || ch === '\u201C' || ch === '\u201D' || ch === '\u201E';
}

/**
 * A PowerShell verbatim (single-quoted) string literal whose value is exactly `s`.
 * Inside single quotes PowerShell expands nothing; the only special characters
 * are the single quotes themselves, and a quote followed by any other single
 * quote stands for the second one. Doubling every single-quote character (of
 * all five kinds) therefore keeps the value byte for byte.
 */
export function psSingleQuoted(s: string): string {
  return `'${s.replace(SINGLE_QUOTE_RE, (q) => q + q)}'`;
}

/** A PowerShell array of verbatim strings: `@('a', 'b')`, or `@()` when empty. */
export function psStringArray(items: readonly string[]): string {
  return `@(${items.map(psSingleQuoted).join(', ')})`;
}
