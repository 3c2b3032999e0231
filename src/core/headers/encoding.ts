/**
 * Encoding tricks, reported at the exact spot: what an encoded word hides (NUL, CR/LF,
 * an `@`, `<` or `>` in a display name), raw control characters, bidirectional controls
 * that reorder what the reader sees, invisible characters in names, and markup aimed at
 * tools that show headers as HTML.
 */
import type { Finding, Severity, Span } from '../findings';
import { sourceSpanOf } from './parse';
import { decodeEncodedWords } from './rfc2047';
import type { HeaderField } from './types';
import { BIDI_CONTROL, CONTROL_CHAR, findAll, ZERO_WIDTH, type CharHit } from './unicode';

const ADDRESS_FIELDS = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'return-path']);
const SENDER_FIELDS = new Set(['from', 'sender', 'reply-to']);
const MARKUP = /<\s*\/?\s*(script|iframe|object|embed|style|svg|img|a|form|meta|link)(?=[\s>/])|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html|expression\s*\(|url\s*\(\s*['"]?\s*javascript/i;
/** Angle brackets and event-handler attributes (`onload=`), read in one pass. */
const TAG_OR_HANDLER = /[<>]|(?<![\w-])on[a-z]+\s*=/gi;

/**
 * Markup or script in a header value: a tag, a `javascript:` URL, or an event handler
 * (`onerror=`) inside an open tag. The handler test tracks whether a `<` is open while
 * scanning once, where `<[^>]*\son…=` rescanned the rest of the text from every `<`.
 */
export function findMarkup(text: string): string | null {
  const m = MARKUP.exec(text);
  if (m) return m[0];
  let openAt = -1;
  TAG_OR_HANDLER.lastIndex = 0;
  for (let h = TAG_OR_HANDLER.exec(text); h; h = TAG_OR_HANDLER.exec(text)) {
    if (h[0] === '<') openAt = h.index;
    else if (h[0] === '>') openAt = -1;
    else if (openAt >= 0 && h.index > openAt && /\s/.test(text[h.index - 1] ?? '')) return text.slice(openAt, h.index + h[0].length);
  }
  return null;
}

/** Skip these: they carry base64 or binary-looking data by design. */
const OPAQUE_FIELDS = new Set(['dkim-signature', 'arc-seal', 'arc-message-signature', 'x-microsoft-antispam-message-info', 'x-google-dkim-signature']);

export function encodingFindings(fields: HeaderField[]): Finding[] {
  const out: Finding[] = [];
  for (const f of fields) {
    const d = decodeEncodedWords(f.unfolded);
    const at = (s: number, e: number): Span => sourceSpanOf(f, s, e);
    for (const p of d.problems) {
      out.push({ code: p.code, severity: 'warning', message: `${f.name}: ${p.message}`, span: at(p.start, p.end) });
    }
    for (const run of d.runs) {
      const span = at(run.start, run.end);
      const shown = run.decoded;
      if (shown.includes('\u0000')) {
        out.push({
          code: 'hdr-encoded-nul',
          severity: 'error',
          message: `An encoded word in ${f.name} hides a NUL character; programs that stop at NUL show only part of the text (some analysers drop it silently).`,
          span,
          data: { decoded: shown },
        });
      }
      if (/[\r\n]/.test(shown)) {
        out.push({
          code: 'hdr-encoded-crlf',
          severity: 'error',
          message: `An encoded word in ${f.name} hides a line break: once decoded, it can fake the start of another header field.`,
          span,
          data: { decoded: shown },
        });
      }
      if (ADDRESS_FIELDS.has(f.lname) && /[@<>]/.test(shown)) {
        out.push({
          code: 'hdr-encoded-address-chars',
          severity: SENDER_FIELDS.has(f.lname) ? 'error' : 'warning',
          message: `An encoded word in ${f.name} decodes to "${shown.replace(/[\r\n\0]/g, ' ')}", with "@", "<" or ">": the decoded name can pass for an address.`,
          span,
          data: { decoded: shown },
        });
      }
      for (const hit of findAll(shown, BIDI_CONTROL)) {
        out.push(bidiFinding(f, span, hit.codePoint, true));
        break;
      }
    }
    const bidi = findAll(f.unfolded, BIDI_CONTROL);
    for (const hit of bidi.slice(0, MAX_SPOTS)) {
      out.push(bidiFinding(f, at(hit.index, hit.index + hit.char.length), hit.codePoint, false));
    }
    if (bidi.length > MAX_SPOTS) out.push(moreFinding(f, 'hdr-bidi-control', 'error', 'bidirectional control', bidi, at));
    if (!OPAQUE_FIELDS.has(f.lname)) {
      const controls = findAll(f.unfolded, CONTROL_CHAR);
      for (const hit of controls.slice(0, MAX_SPOTS)) {
        out.push({
          code: 'hdr-control-char',
          severity: hit.char === '\u0000' ? 'error' : 'warning',
          message: `${f.name} contains the control character ${hit.codePoint}${hit.char === '\u0000' ? ' (NUL)' : ''}, which has no place in a header.`,
          span: at(hit.index, hit.index + 1),
        });
      }
      if (controls.length > MAX_SPOTS) {
        const nul = controls.slice(MAX_SPOTS).some((h) => h.char === '\u0000');
        out.push(moreFinding(f, 'hdr-control-char', nul ? 'error' : 'warning', 'control character', controls, at));
      }
    }
    if (SENDER_FIELDS.has(f.lname)) {
      const zw = findAll(d.text, ZERO_WIDTH);
      if (zw.length) {
        out.push({
          code: 'hdr-invisible-char',
          severity: 'warning',
          message: `${f.name} contains the invisible character ${zw[0]!.codePoint}; it can make a name or address look like another.`,
          span: f.valueSpan,
          data: { codePoints: [...new Set(zw.map((z) => z.codePoint))].slice(0, MAX_SPOTS) },
        });
      }
    }
    if (!OPAQUE_FIELDS.has(f.lname)) {
      const m = findMarkup(d.text);
      if (m !== null) {
        out.push({
          code: 'hdr-markup-in-header',
          severity: 'warning',
          message: `${f.name} contains web markup or script ("${m.length > 80 ? `${m.slice(0, 80)}…` : m}"). mailsec shows it as plain text, but tools that display headers as HTML could run it; such a header is an attack, not a mistake.`,
          span: f.valueSpan,
          data: { match: m },
        });
      }
    }
  }
  return out;
}

/**
 * A field is reported at its first MAX_SPOTS characters of one kind; the rest go into one
 * finding (a flood of bidi controls would otherwise make a finding per character).
 */
const MAX_SPOTS = 20;

function moreFinding(f: HeaderField, code: string, severity: Severity, what: string, hits: CharHit[], at: (s: number, e: number) => Span): Finding {
  const rest = hits.slice(MAX_SPOTS);
  const last = rest[rest.length - 1]!;
  const kinds = [...new Set(rest.map((h) => h.codePoint))];
  return {
    code,
    severity,
    message: `${f.name} contains ${rest.length} more ${what}s (${kinds.slice(0, 5).join(', ')}${kinds.length > 5 ? ', …' : ''}) besides the first ${MAX_SPOTS}, each reported at its place.`,
    span: at(rest[0]!.index, last.index + last.char.length),
    data: { count: hits.length, codePoints: kinds.slice(0, MAX_SPOTS) },
  };
}

function bidiFinding(f: HeaderField, span: Span, cp: string, encoded: boolean): Finding {
  return {
    code: 'hdr-bidi-control',
    severity: 'error',
    message: `${f.name} contains the bidirectional control ${cp}${encoded ? ' inside an encoded word' : ''}: it reorders the text on screen, so what you read is not what is written (e.g. "moc.elpmaxe" shown reversed).`,
    span,
    data: { codePoint: cp },
  };
}

