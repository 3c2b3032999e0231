/**
 * RFC 1035 <character-string>s in presentation format: `\X` stands for X and `\DDD`
 * for the byte with decimal value DDD. Lengths are counted in bytes after unescaping
 * (UTF-8 for characters outside ASCII), which is what the 255-byte limit is about.
 */

const BACKSLASH = 92;

export interface EscapeProblem {
  message: string;
  /** Offsets into the source text. */
  start: number;
  end: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Byte length of text[from, to) after unescaping; -1 - offset of the first bad escape
 * when one is malformed (`\25`, `\256`), so callers can report it without a second pass.
 */
export function unescapedLength(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      if (i + 1 >= to) return -1 - i;
      const d1 = text.charCodeAt(i + 1);
      if (isDigit(d1)) {
        if (i + 3 >= to) return -1 - i;
        const d2 = text.charCodeAt(i + 2);
        const d3 = text.charCodeAt(i + 3);
        if (!isDigit(d2) || !isDigit(d3) || (d1 - 48) * 100 + (d2 - 48) * 10 + (d3 - 48) > 255) return -1 - i;
        i += 3;
        bytes++;
        continue;
      }
      i++;
      bytes += utf8Units(text, i);
      if (isHighSurrogate(text.charCodeAt(i))) i++;
      continue;
    }
    bytes += utf8Units(text, i);
    if (isHighSurrogate(c)) i++;
  }
  return bytes;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** UTF-8 length of the code point starting at text[i]. */
function utf8Units(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (isHighSurrogate(c)) {
    const d = text.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? 4 : 3;
  }
  return 3;
}

/** One unit of presentation text: a character or an escape, with the bytes it stands for. */
export interface Unit {
  start: number;
  end: number;
  bytes: number;
}

/**
 * Walks text[from, to) unit by unit (escapes kept whole), calling `visit` with each
 * unit's source range and byte count. Malformed escapes count as their characters.
 */
export function forEachUnit(text: string, from: number, to: number, visit: (start: number, end: number, bytes: number) => void): void {
  for (let i = from; i < to; ) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < to) {
      const d1 = text.charCodeAt(i + 1);
      if (isDigit(d1) && i + 3 < to && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) {
        visit(i, i + 4, 1);
        i += 4;
        continue;
      }
      const n = utf8Units(text, i + 1);
      const w = isHighSurrogate(text.charCodeAt(i + 1)) ? 3 : 2;
      visit(i, i + w, n);
      i += w;
      continue;
    }
    const n = utf8Units(text, i);
    const w = isHighSurrogate(c) ? 2 : 1;
    visit(i, i + w, n);
    i += w;
  }
}

/** Unescapes text[from, to) to bytes. */
export function unescapeBytes(text: string, from: number, to: number): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  forEachUnit(text, from, to, (s, e) => {
    if (text.charCodeAt(s) === BACKSLASH) {
      if (e - s === 4) {
        out.push(Number(text.slice(s + 1, e)));
        return;
      }
      s++;
    }
    const ch = text.slice(s, e);
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else for (const b of enc.encode(ch)) out.push(b);
  });
  return Uint8Array.from(out);
}

/**
 * Unescapes text[from, to) to bytes, writing into `bytes`/`sources` from `at` (the source
 * offset of the unit each byte came from); returns the new fill position. Arrays must
 * have room for 4 bytes per source character. One loop, no per-character strings.
 */
function unescapeInto(text: string, from: number, to: number, bytes: Uint8Array, sources: Int32Array, at: number): number {
  let n = at;
  for (let i = from; i < to; ) {
    const start = i;
    let c = text.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < to) {
      const d1 = text.charCodeAt(i + 1);
      if (isDigit(d1) && i + 3 < to && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) {
        bytes[n] = ((d1 - 48) * 100 + (text.charCodeAt(i + 2) - 48) * 10 + (text.charCodeAt(i + 3) - 48)) & 0xff;
        sources[n++] = start;
        i += 4;
        continue;
      }
      i++;
      c = d1;
    }
    if (c < 0x80) {
      bytes[n] = c;
      sources[n++] = start;
      i++;
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    i++;
    if (cp < 0x800) {
      bytes[n] = 0xc0 | (cp >> 6);
      sources[n++] = start;
    } else if (cp < 0x10000) {
      bytes[n] = 0xe0 | (cp >> 12);
      sources[n++] = start;
      bytes[n] = 0x80 | ((cp >> 6) & 0x3f);
      sources[n++] = start;
    } else {
      bytes[n] = 0xf0 | (cp >> 18);
      sources[n++] = start;
      bytes[n] = 0x80 | ((cp >> 12) & 0x3f);
      sources[n++] = start;
      bytes[n] = 0x80 | ((cp >> 6) & 0x3f);
      sources[n++] = start;
    }
    bytes[n] = 0x80 | (cp & 0x3f);
    sources[n++] = start;
  }
  return n;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
let scratchBytes = new Uint8Array(4096);
let scratchSources = new Int32Array(4096);

/**
 * Unescapes several ranges of `text` and joins them (TXT strings as verifiers join them)
 * into a JS string (UTF-8 decoded, replacement character for invalid sequences) with, for
 * each UTF-16 index of the result, the source offset of the unit it came from — so
 * findings on the value map back to the file.
 */
export function unescapeRangesWithMap(text: string, ranges: readonly { from: number; to: number }[]): { value: string; sources: Int32Array } {
  let room = 0;
  for (const r of ranges) room += (r.to - r.from) * 4;
  // Scratch space reused across calls: a typed array costs more to create than to fill.
  if (room > scratchBytes.length) {
    scratchBytes = new Uint8Array(Math.max(room, scratchBytes.length * 2));
    scratchSources = new Int32Array(scratchBytes.length);
  }
  const bytes = scratchBytes;
  const byteSources = scratchSources;
  let n = 0;
  for (const r of ranges) n = unescapeInto(text, r.from, r.to, bytes, byteSources, n);
  let ascii = true;
  for (let k = 0; k < n; k++) {
    if (bytes[k]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  const value = ascii ? latin1(bytes, n) : utf8.decode(bytes.subarray(0, n));
  if (ascii) return { value, sources: byteSources.slice(0, n) };
  // Map each UTF-16 unit back to the byte that starts its code point.
  const sources = new Int32Array(value.length);
  let b = 0;
  for (let k = 0; k < value.length; k++) {
    const src = byteSources[Math.min(b, n - 1)] ?? 0;
    sources[k] = src;
    const code = value.charCodeAt(k);
    if (code >= 0xd800 && code <= 0xdbff && k + 1 < value.length) {
      sources[++k] = src;
      b += 4;
    } else {
      const lead = bytes[b] ?? 0;
      b += lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    }
  }
  return { value, sources };
}

/** ASCII bytes to a string, in chunks (fromCharCode takes a bounded number of arguments). */
function latin1(bytes: Uint8Array, n: number): string {
  let out = '';
  for (let k = 0; k < n; k += 8192) out += String.fromCharCode.apply(null, bytes.subarray(k, Math.min(n, k + 8192)) as unknown as number[]);
  return out;
}

/** Unescapes text[from, to) (see unescapeRangesWithMap). */
export function unescapeWithMap(text: string, from: number, to: number): { value: string; sources: Int32Array } {
  return unescapeRangesWithMap(text, [{ from, to }]);
}

/** Presentation form of bytes inside a quoted string: `"` and `\` escaped, controls as \DDD. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  const dec = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b === 0x22 || b === 0x5c) {
      out += '\\' + String.fromCharCode(b);
      i++;
    } else if (b >= 0x20 && b < 0x7f) {
      out += String.fromCharCode(b);
      i++;
    } else if (b >= 0x80) {
      const n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      let piece: string | null = null;
      if (n > 1 && i + n <= bytes.length) {
        try {
          piece = dec.decode(bytes.subarray(i, i + n));
        } catch {
          piece = null;
        }
      }
      if (piece !== null) {
        out += piece;
        i += n;
      } else {
        out += '\\' + String(b).padStart(3, '0');
        i++;
      }
    } else {
      out += '\\' + String(b).padStart(3, '0');
      i++;
    }
  }
  return out;
}
