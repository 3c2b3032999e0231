import { LineIndex } from '../../text/lineIndex';
import type { ParseResult } from '../types';

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

/** Parenthesised records that span lines, and runs of two or more comment-only lines. */
export function zoneFoldingRanges(parse: ParseResult, lines = new LineIndex(parse.text)): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const e of parse.entries) {
    if (e.open === -1) continue;
    const a = lines.positionAt(e.start).line;
    const b = lines.positionAt(e.end).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  let runStart = -1;
  let prev = -2;
  const text = parse.text;
  for (let line = 0; line < lines.lineCount; line++) {
    const s = lines.lineStart(line);
    let i = s;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const isComment = text.charCodeAt(i) === 59;
    if (isComment) {
      if (prev !== line - 1) runStart = line;
      prev = line;
    } else if (prev === line - 1 && prev > runStart) {
      out.push({ startLine: runStart, endLine: prev, kind: 'comment' });
    }
  }
  if (prev === lines.lineCount - 1 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: 'comment' });
  return out.sort((x, y) => x.startLine - y.startLine);
}
