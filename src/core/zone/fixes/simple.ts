import type { Finding } from '../../findings';
import type { TextEdit } from '../../text/edits';

/** `zone-missing-trailing-dot`: make the name absolute by adding the dot. */
export function trailingDotEdit(f: Finding): TextEdit {
  return { span: { start: f.span.end, end: f.span.end }, newText: '.' };
}

/**
 * `txt-semicolon-comment`: quote the word together with the text the `;` turned into a
 * comment. The word keeps its escapes; in the former comment, `\` and `"` are literal
 * characters, so they are escaped to stay what they were.
 */
export function quoteValueEdit(text: string, f: Finding): TextEdit {
  const raw = text.slice(f.span.start, f.span.end);
  const lost = typeof f.data?.['lost'] === 'string' ? (f.data['lost'] as string) : '';
  const word = raw.slice(0, raw.length - lost.length);
  const rest = raw.slice(word.length).replace(/[\\"]/g, (c) => '\\' + c);
  return { span: f.span, newText: `"${word}${rest}"` };
}

/**
 * `spf-plus-all` / `spf-neutral-all`: the record's "all" with another qualifier ("~all", "-all").
 * Undefined when the finding's span is not exactly the "all" term in the zone text (e.g. it
 * straddles two quoted strings), so no edit is guessed.
 */
export function allQualifierEdit(text: string, f: Finding, qualifier: '~' | '-'): TextEdit | undefined {
  if (!/^[+?]?all$/i.test(text.slice(f.span.start, f.span.end))) return undefined;
  return { span: f.span, newText: `${qualifier}all` };
}
