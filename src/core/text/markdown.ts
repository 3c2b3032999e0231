/**
 * Markdown for text we do not control (header values, names from a log): escaped so it
 * stays one line of plain text — no emphasis, links (`[` is escaped, so `](` cannot
 * form one; bare URLs stay text too in VS Code's preview), HTML, tables or headings.
 * Meant for inline use after a prefix: a line never starts with the value.
 */
export function mdText(value: string | number | undefined | null): string {
  const s = value === undefined || value === null ? '' : String(value);
  return s
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}

/** A quoted value: `"…"` with the text escaped. */
export function mdQuoted(value: string): string {
  return `"${mdText(value)}"`;
}
