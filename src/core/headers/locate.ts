/**
 * From a span of the analysed text back to the document. The analysis may be of a
 * selection (spans start at the selection, not at the top of the document), and the
 * document may have been edited since: the span is shifted by where the analysed text
 * started, checked against the text it pointed at, and, when that moved, found again —
 * the occurrence nearest to where it was.
 */
import type { Span } from '../findings';

export interface AnalysedText {
  /** The text that was analysed. */
  text: string;
  /** Offset in the document where it started (0 for a whole document). */
  base: number;
}

/** A span of the analysed text in the document's coordinates (no check). */
export function shiftSpan(span: Span, base: number): Span {
  return { start: span.start + base, end: span.end + base };
}

/**
 * Where `span` of the analysed text is in `documentText` now, or null when the text it
 * pointed at is no longer in the document.
 */
export function locateSpan(documentText: string, source: AnalysedText, span: Span): Span | null {
  if (span.start < 0 || span.end < span.start || span.end > source.text.length) return null;
  const expected = source.text.slice(span.start, span.end);
  const shifted = shiftSpan(span, source.base);
  if (documentText.slice(shifted.start, shifted.end) === expected && shifted.end <= documentText.length) {
    if (expected !== '' || documentText.slice(source.base, source.base + source.text.length) === source.text) return shifted;
  }
  if (expected === '') return null;
  let best: number | null = null;
  for (let at = documentText.indexOf(expected); at >= 0; at = documentText.indexOf(expected, at + 1)) {
    if (best === null || Math.abs(at - shifted.start) < Math.abs(best - shifted.start)) best = at;
  }
  return best === null ? null : { start: best, end: best + expected.length };
}
