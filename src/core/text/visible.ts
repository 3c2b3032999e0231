/**
 * Attacker-written text made safe to show as plain text (a terminal, a Markdown report, a
 * webview label): every character that changes how the text around it displays, or that
 * does not display at all, becomes a visible `<U+XXXX>` marker. One function for the
 * header panel, the CLI and the Markdown export, so the three show the same thing.
 *
 * Marked: control characters (C0 except TAB, DEL, C1 — ANSI escapes and line breaks
 * included), format characters (bidi embeddings, overrides, isolates and marks such as
 * U+202E; zero-width spaces and joiners; soft hyphen; tag characters U+E0000–E007F that
 * smuggle invisible ASCII), the line and paragraph separators U+2028/U+2029, the Hangul
 * fillers that render as blank, and lone surrogates.
 */

const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/gu;

/** `U+202E`, `U+E0041`: the code point of the first character of `ch`. */
export function codePointName(ch: string): string {
  return 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

export function visible(text: string): string {
  return text.replace(HIDDEN, (c) => (c === '\t' ? c : `<${codePointName(c)}>`));
}

/**
 * JSON text with the same characters written as `\uXXXX` escapes: the data is unchanged for
 * any JSON reader, and a terminal or log showing the JSON is not reordered by a U+202E.
 * (Only for serialized JSON: outside strings such characters cannot occur.)
 */
export function jsonVisible(json: string): string {
  return json.replace(HIDDEN, (c) => {
    // JSON.stringify already escapes C0 controls inside strings: a raw one is formatting.
    if (c === '\t' || c === '\n' || c === '\r') return c;
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

/** At most `max` UTF-16 units of `text` (a pair is never cut), with "…" where it was cut. */
export function clipped(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}
