import { forEachUnit, unescapedLength } from '../charString';
import { innerEnd, innerStart } from '../tokens';
import type { TextEdit } from '../../text/edits';
import { indentTo } from '../../text/edits';
import type { Token, ZoneRecord } from '../types';

export const MAX_STRING = 255;

/**
 * Cuts the content of one quoted/unquoted token into pieces of at most `max` bytes,
 * never inside an escape or a character, keeping the author's escapes as written.
 * Returns the pieces as presentation text (without quotes).
 */
export function splitTokenContent(text: string, tok: Token, max = MAX_STRING): string[] {
  const from = innerStart(tok);
  const to = innerEnd(text, tok);
  const pieces: string[] = [];
  let pieceStart = from;
  let bytes = 0;
  forEachUnit(text, from, to, (s, _e, n) => {
    if (bytes + n > max) {
      pieces.push(text.slice(pieceStart, s));
      pieceStart = s;
      bytes = 0;
    }
    bytes += n;
  });
  pieces.push(text.slice(pieceStart, to));
  return pieces;
}

/** Is any character-string of this TXT/SPF record longer than 255 bytes? */
export function hasOverlongString(rec: ZoneRecord): boolean {
  return rec.rdata.some((t) => unescapedLength(rec.text, innerStart(t), innerEnd(rec.text, t)) > MAX_STRING);
}

/**
 * "Split into 255-byte strings": rewrites each over-long string of a TXT/SPF record as
 * several quoted strings, one per line, inside parentheses (added when the record has
 * none). Only the over-long tokens are replaced and the parentheses inserted, so
 * comments and every other byte stay as they were; the joined value is unchanged.
 */
export function splitTxtEdits(rec: ZoneRecord): TextEdit[] {
  const text = rec.text;
  const edits: TextEdit[] = [];
  const first = rec.rdata[0];
  const last = rec.rdata[rec.rdata.length - 1];
  if (!first || !last) return edits;
  const parenthesised = rec.entry.open !== -1 && rec.entry.open < first.start;
  const indent = indentTo(text, first.start) + (parenthesised ? '' : '  ');
  const eol = lineEnding(text, rec.entry.start);
  for (const tok of rec.rdata) {
    if (unescapedLength(text, innerStart(tok), innerEnd(text, tok)) <= MAX_STRING) continue;
    const pieces = splitTokenContent(text, tok);
    edits.push({ span: { start: tok.start, end: tok.end }, newText: pieces.map((p) => `"${p}"`).join(eol + indent) });
  }
  if (edits.length && !parenthesised) {
    edits.push({ span: { start: first.start, end: first.start }, newText: '( ' });
    edits.push({ span: { start: last.end, end: last.end }, newText: ' )' });
    // Merge the inserted "( " into the first replacement when they touch, so edits never overlap.
    return mergeTouching(edits);
  }
  return edits;
}

/**
 * The line ending of the line at `offset` (the file's, when that line has none): looked up
 * locally, since a fix-all calls this once per record and a whole-text search each time is
 * quadratic on a large zone.
 */
function lineEnding(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  if (nl !== -1) return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function mergeTouching(edits: TextEdit[]): TextEdit[] {
  edits.sort((a, b) => a.span.start - b.span.start || (a.span.end - a.span.start) - (b.span.end - b.span.start));
  const out: TextEdit[] = [];
  for (const e of edits) {
    const prev = out[out.length - 1];
    if (prev && e.span.start <= prev.span.end && prev.span.start === prev.span.end && prev.span.start === e.span.start) {
      out[out.length - 1] = { span: e.span, newText: prev.newText + e.newText };
    } else if (prev && e.span.start === e.span.end && e.span.start === prev.span.end) {
      out[out.length - 1] = { span: prev.span, newText: prev.newText + e.newText };
    } else out.push(e);
  }
  return out;
}

/** Presentation text of a value split into ≤255-byte quoted strings, for a new record. */
export function quotedStrings(value: string, indent: string, eol = '\n'): string {
  const fake = `"${value}"`;
  const pieces = splitTokenContent(fake, { start: 0, end: fake.length, quoted: true });
  return pieces.map((p) => `"${p}"`).join(eol + indent);
}
