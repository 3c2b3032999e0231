/**
 * Writing untrusted text into Markdown so that it stays text wherever the Markdown is
 * pasted (a ticket, a chat, GitHub): no HTML, no links, no emphasis, no table breaks.
 * Prose goes through `mdText`: the characters that start markup, links, HTML or table
 * cells are backslash-escaped, and so are `:` and `@` and the dot of `www.`, which stops
 * GFM autolinks (`https\://`, `www\.`, `a\@b` are no longer links). Values go into code
 * spans with `mdCode`, which nothing inside can close. Both mark hidden and bidi characters
 * (`visible`), so a U+202E in a subject cannot reverse the report around it.
 */
import { visible } from './visible';

const SPECIAL = /[\\`*_{}[\]()<>#!|~&@:]|(?<=\bwww)\./gi;
const LINE_BREAKS = /[\r\n]+/g;

/**
 * Line breaks folded to spaces, then every other hidden or reordering character (U+202E,
 * U+2028, NUL, tag characters…) marked `<U+XXXX>` as the panel and the terminal show it.
 */
function plain(text: string): string {
  return visible(text.replace(LINE_BREAKS, ' '));
}

/** Text that renders as itself: markup characters escaped, line breaks folded to spaces, hidden characters marked. */
export function mdText(text: string): string {
  return plain(text).replace(SPECIAL, (c) => `\\${c}`);
}

/**
 * A code span holding `text` literally. `inTable`: the span sits in a table cell, where
 * GFM splits on `|` even inside code, so pipes are escaped (GFM removes the backslash).
 */
export function mdCode(text: string, options: { inTable?: boolean } = {}): string {
  let t = plain(text);
  if (options.inTable) t = t.replace(/\|/g, '\\|');
  if (t === '') return '';
  let longest = 0;
  for (const m of t.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  // CommonMark drops one space at each end when both ends have one; pad when that or a
  // backtick at an end would change the content.
  const pad = /^`|`$/.test(t) || (/^ /.test(t) && / $/.test(t) && t.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A GFM table; cells are written as given (escape them first). */
export function mdTable(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
