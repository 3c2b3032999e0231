import type { Span } from '../findings';

/** Replace text[span.start, span.end) with newText. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** Applies non-overlapping edits (in any order) and returns the new text. Throws on overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.span.start < pos) throw new Error(`overlapping edits at offset ${e.span.start}`);
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

/** Leading whitespace of the line containing `offset`, with every other character up to `column` turned into a space. */
export function indentTo(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  let out = '';
  for (let i = lineStart; i < offset; i++) out += text.charCodeAt(i) === 9 ? '\t' : ' ';
  return out;
}
