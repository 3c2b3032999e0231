/**
 * RFC 2047 encoded words (`=?charset?B|Q?…?=`). Decoding goes through the platform's
 * `TextDecoder` (fatal: false), which knows the WHATWG labels (UTF-8, ISO-8859-x,
 * windows-125x, KOI8, Shift_JIS, EUC-JP, ISO-2022-JP, GBK, Big5, EUC-KR…); an unknown
 * charset falls back to Latin-1 and says so. Adjacent encoded words are decoded as one
 * byte run when they share a charset (senders split multibyte characters across words),
 * and the whitespace between adjacent encoded words is dropped (RFC 2047 §6.2).
 * Nothing is silently dropped: NUL, CR and LF stay in the decoded text and are reported.
 */
import { clipped } from '../text/visible';

export interface EncodedRun {
  /** Offsets in the input string of the first word's `=?` and the last word's `?=`. */
  start: number;
  end: number;
  charset: string;
  /** Encodings of the words in this run (`B`, `Q`). */
  encodings: string[];
  decoded: string;
  charsetSupported: boolean;
  words: number;
  /** The word is not valid base64: the text shows it as written, `decoded` is what a lenient reader makes of it. */
  shownRaw: boolean;
}

export interface DecodeProblem {
  code: 'hdr-encoded-word-invalid' | 'hdr-charset-unknown';
  message: string;
  start: number;
  end: number;
}

export interface DecodeResult {
  text: string;
  runs: EncodedRun[];
  problems: DecodeProblem[];
}

/**
 * An encoded word. The Q form may hold spaces (`=?utf-8?q?=E3=82=A2    =E3=82=A2?=`): they
 * break RFC 2047, but mail clients and MHA decode such words, and so a reader sees them
 * decoded. Linear: the text stops at the first `?`.
 */
const ENCODED_WORD = /=\?([^?\s]+)\?(?:([bB])\?([^?\s]*)|([qQ])\?([^?\r\n]*))\?=/g;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Lenient base64: decodes what it can; `valid` says whether every character was base64 and
 * the padding fits (missing padding is accepted, as mail clients accept it; extra padding
 * such as `RU5E=` is not).
 */
function base64Bytes(payload: string): { bytes: number[]; valid: boolean } {
  const bytes: number[] = [];
  const data = payload.replace(/=+$/, '');
  const pad = payload.length - data.length;
  const rem = data.length % 4;
  let valid = /^[A-Za-z0-9+/]*$/.test(data) && rem !== 1 && (pad === 0 || (rem === 2 && pad === 2) || (rem === 3 && pad === 1));
  let acc = 0;
  let bits = 0;
  for (const ch of payload) {
    if (ch === '=') break;
    const v = B64.indexOf(ch);
    if (v < 0) {
      valid = false;
      continue;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return { bytes, valid };
}

function qBytes(payload: string): { bytes: number[]; valid: boolean } {
  const bytes: number[] = [];
  let valid = true;
  for (let i = 0; i < payload.length; i++) {
    const c = payload[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(payload.slice(i + 1, i + 3))) {
      bytes.push(parseInt(payload.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      if (c === '=') valid = false;
      const code = c.charCodeAt(0);
      if (code > 0x7e) valid = false;
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  return { bytes, valid };
}

type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder | null>();

function decoderFor(charset: string): Decoder | null {
  const key = charset.toLowerCase();
  if (!decoders.has(key)) {
    let d: Decoder | null = null;
    try {
      d = new TextDecoder(key, { fatal: false });
    } catch {
      d = null;
    }
    decoders.set(key, d);
  }
  return decoders.get(key) ?? null;
}

function latin1(bytes: number[]): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Decodes bytes in a charset; `supported` is false when the Latin-1 fallback was used. */
export function decodeBytes(bytes: number[], charset: string): { text: string; supported: boolean } {
  const d = decoderFor(charset);
  if (!d) return { text: latin1(bytes), supported: false };
  return { text: d.decode(new Uint8Array(bytes)), supported: true };
}

interface Word {
  start: number;
  end: number;
  charset: string;
  encoding: string;
  bytes: number[];
  raw: boolean;
}

/** Decodes every encoded word in `input` (a header value or a phrase of it). */
export function decodeEncodedWords(input: string): DecodeResult {
  const words: Word[] = [];
  const problems: DecodeProblem[] = [];
  ENCODED_WORD.lastIndex = 0;
  for (let m = ENCODED_WORD.exec(input); m; m = ENCODED_WORD.exec(input)) {
    const charset = m[1]!.split('*')[0]!;
    const encoding = (m[2] ?? m[4]!).toUpperCase();
    const { bytes, valid } = encoding === 'B' ? base64Bytes(m[3]!) : qBytes(m[5]!);
    if (!valid) {
      problems.push({
        code: 'hdr-encoded-word-invalid',
        message: `The encoded word is malformed (${encoding === 'B' ? 'characters outside base64' : 'a bad "=" escape or raw 8-bit text'}); it was decoded as far as possible.`,
        start: m.index,
        end: m.index + m[0].length,
      });
    }
    // A word that is not base64 is shown as it is written (as MHA shows it); what a lenient
    // reader would decode from it is still checked (the run's `decoded`).
    words.push({ start: m.index, end: m.index + m[0].length, charset, encoding, bytes, raw: encoding === 'B' && !valid });
  }
  if (words.length === 0) return { text: input, runs: [], problems };
  // Group adjacent words (only whitespace between them) of the same charset into runs.
  const groups: Word[][] = [];
  for (const w of words) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && !prev.raw && !w.raw && /^[ \t\r\n]*$/.test(input.slice(prev.end, w.start)) && prev.charset.toLowerCase() === w.charset.toLowerCase()) {
      last.push(w);
    } else groups.push([w]);
  }
  const runs: EncodedRun[] = [];
  let text = '';
  let pos = 0;
  let prevRunEnd = -1;
  for (const g of groups) {
    const first = g[0]!;
    const last = g[g.length - 1]!;
    const between = input.slice(pos, first.start);
    // Whitespace between two encoded words is not displayed (RFC 2047 §6.2).
    if (!(prevRunEnd === pos && !first.raw && /^[ \t\r\n]+$/.test(between))) text += between;
    const bytes = g.flatMap((w) => w.bytes);
    const { text: decoded, supported } = decodeBytes(bytes, first.charset);
    if (!supported) {
      problems.push({
        code: 'hdr-charset-unknown',
        message: `The charset "${clipped(first.charset, 40)}" is not known here; the text was decoded as Latin-1 and may look wrong.`,
        start: first.start,
        end: last.end,
      });
    }
    text += first.raw ? input.slice(first.start, last.end) : decoded;
    runs.push({
      start: first.start,
      end: last.end,
      charset: first.charset,
      encodings: g.map((w) => w.encoding),
      decoded,
      charsetSupported: supported,
      words: g.length,
      shownRaw: !!first.raw,
    });
    pos = last.end;
    prevRunEnd = first.raw ? -1 : last.end;
  }
  text += input.slice(pos);
  return { text, runs, problems };
}
