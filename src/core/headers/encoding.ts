/**
 * Encoding tricks, reported at the exact spot: what an encoded word hides (NUL, CR/LF,
 * an `@`, `<` or `>` in a display name), raw control characters, bidirectional controls
 * that reorder what the reader sees, invisible characters in names, and markup aimed at
 * tools that show headers as HTML.
 */
import type { Finding, Span } from '../findings';
import { sourceSpanOf } from './parse';
import { decodeEncodedWords } from './rfc2047';
import type { HeaderField } from './types';
import { BIDI_CONTROL, CONTROL_CHAR, findAll, ZERO_WIDTH } from './unicode';

const ADDRESS_FIELDS = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'return-path']);
const SENDER_FIELDS = new Set(['from', 'sender', 'reply-to']);
const MARKUP = /<\s*\/?\s*(script|iframe|object|embed|style|svg|img|a|form|meta|link)(?=[\s>/])|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html|<[^>]*\son[a-z]+\s*=|expression\s*\(|url\s*\(\s*['"]?\s*javascript/i;

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
    for (const hit of findAll(f.unfolded, BIDI_CONTROL)) {
      out.push(bidiFinding(f, at(hit.index, hit.index + hit.char.length), hit.codePoint, false));
    }
    if (!OPAQUE_FIELDS.has(f.lname)) {
      for (const hit of findAll(f.unfolded, CONTROL_CHAR)) {
        out.push({
          code: 'hdr-control-char',
          severity: hit.char === '\u0000' ? 'error' : 'warning',
          message: `${f.name} contains the control character ${hit.codePoint}${hit.char === '\u0000' ? ' (NUL)' : ''}, which has no place in a header.`,
          span: at(hit.index, hit.index + 1),
        });
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
          data: { codePoints: zw.map((z) => z.codePoint) },
        });
      }
    }
    if (!OPAQUE_FIELDS.has(f.lname)) {
      const m = MARKUP.exec(d.text);
      if (m) {
        out.push({
          code: 'hdr-markup-in-header',
          severity: 'warning',
          message: `${f.name} contains web markup or script ("${m[0]}"). mailsec shows it as plain text, but tools that display headers as HTML could run it; such a header is an attack, not a mistake.`,
          span: f.valueSpan,
          data: { match: m[0] },
        });
      }
    }
  }
  return out;
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

