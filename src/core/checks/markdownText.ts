/**
 * Putting attacker-written text into Markdown safely: escaped prose, code spans and
 * fenced blocks sized to the backticks inside, hidden characters made visible.
 */
import { visible } from '../text/visible';

/** Control, bidi, zero-width and other hidden characters made visible (<U+XXXX>): the one rule of every surface. */
export { visible };

/** Text outside code: every character Markdown or HTML could act on is escaped (`lineStart`: also what starts a heading or list). */
export function mdText(text: string, lineStart = false): string {
  const t = visible(text)
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    // no autolinks: GFM links bare URLs and www. names
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`);
  // a heading, list item or rule when at the start of a line
  return lineStart ? t.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#+\-=])/, '\\$1') : t;
}

/** An inline code span holding `text` exactly (fenced by more backticks than it contains). */
export function mdCode(text: string, inTable = false): string {
  let t = visible(text);
  if (inTable) t = t.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim()) ? ' ' : '';
  return `${fence}${pad}${t || ' '}${pad}${fence}`;
}

/** A fenced code block holding `text` (fence longer than any run of backticks or tildes inside). */
export function mdBlock(text: string): string {
  const t = text.split(/\r?\n/).map(visible).join('\n');
  const longest = Math.max(2, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${t}\n${fence}`;
}
