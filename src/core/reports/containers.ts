/**
 * What a report file can be wrapped in: gzip, zip (several reports in one), a mail message
 * (.eml) or a mailbox (.mbox) with the report attached, or nothing (plain XML or JSON). Each
 * layer is sniffed from its first bytes, not trusted from the file name, and bounded: the
 * compressed input, the decompressed output (zip and gzip bombs), the files in one archive and
 * the nesting depth all have caps, and going past one is a clear error for that file.
 */
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { Unzip, UnzipPassThrough, type UnzipFile } from 'fflate';
import { clipped } from '../text/visible';
import { ReportInputError, type ReportLimits } from './types';

export type PayloadKind = 'xml' | 'json';

/** One report's bytes, after every wrapper is removed, named by where it was found. */
export interface Payload {
  name: string;
  kind: PayloadKind;
  bytes: Uint8Array;
}

/** Something inside a container that is not a report (a logo, a text part): named, then skipped. */
export interface Skipped {
  name: string;
  reason: string;
}

const MAX_DEPTH = 4;

function startsWith(b: Uint8Array, ...sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

/** The first byte that is not a UTF-8 BOM or white space. */
function firstSignificant(b: Uint8Array): number {
  let i = startsWith(b, 0xef, 0xbb, 0xbf) ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  return b[i] ?? -1;
}

function looksLikeMessage(b: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(b.subarray(0, 2048));
  return /^From /.test(head) || /^[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n/.test(head);
}

const bombMessage = (name: string, limits: ReportLimits) => `${name}: decompresses to more than ${limits.maxReportBytes / 1024 / 1024} MiB (a compression bomb, or a report far larger than any receiver sends): not read`;

/** Length of `b` without trailing CR, LF, space or tab bytes (some senders append a line end after the gzip data). */
function trimmedLength(b: Uint8Array): number {
  let n = b.length;
  while (n > 0 && (b[n - 1] === 0x0d || b[n - 1] === 0x0a || b[n - 1] === 0x20 || b[n - 1] === 0x09)) n--;
  return n;
}

function inflate(name: string, raw: Uint8Array, limits: ReportLimits, gzip: boolean): Uint8Array {
  const run = (b: Uint8Array) => (gzip ? gunzipSync(b, { maxOutputLength: limits.maxReportBytes }) : inflateRawSync(b, { maxOutputLength: limits.maxReportBytes }));
  const tooLarge = (e: unknown) => (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
  try {
    try {
      return run(raw);
    } catch (e) {
      // Some senders append a line end after the gzip data (zlib then looks for a second member).
      const n = gzip ? trimmedLength(raw) : raw.length;
      if (tooLarge(e) || n === raw.length) throw e;
      return run(raw.subarray(0, n));
    }
  } catch (e) {
    if (tooLarge(e)) throw new ReportInputError(bombMessage(name, limits));
    throw new ReportInputError(`${name}: damaged ${gzip ? 'gzip' : 'zip'} data (${(e as Error).message})`);
  }
}

/** A zip "decoder" for deflate entries that hands on the raw compressed bytes: zlib inflates them under a cap. */
class RawDeflate extends UnzipPassThrough {
  static override compression = 8;
}

function unzipEntries(name: string, zip: Uint8Array, limits: ReportLimits): { name: string; bytes: Uint8Array }[] {
  const files: UnzipFile[] = [];
  const u = new Unzip((f) => {
    files.push(f);
    if (files.length > limits.maxArchiveFiles) throw new ReportInputError(`${name}: more than ${limits.maxArchiveFiles} files in one archive: not read`);
  });
  u.register(UnzipPassThrough);
  u.register(RawDeflate);
  try {
    u.push(zip, true);
  } catch (e) {
    if (e instanceof ReportInputError) throw e;
    throw new ReportInputError(`${name}: damaged zip archive (${(e as Error).message})`);
  }
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const f of files) {
    if (f.name.endsWith('/')) continue;
    if (f.compression !== 0 && f.compression !== 8) throw new ReportInputError(`${name}/${clipped(f.name, 200)}: compression method ${f.compression} is not supported (only stored and deflate)`);
    const parts: Uint8Array[] = [];
    let size = 0;
    let error: Error | undefined;
    f.ondata = (err, chunk) => {
      if (err) error = err;
      else {
        size += chunk.length;
        if (size > limits.maxContainerBytes) error = new ReportInputError(bombMessage(`${name}/${clipped(f.name, 200)}`, limits));
        else parts.push(chunk);
      }
    };
    f.start();
    if (error) throw error instanceof ReportInputError ? error : new ReportInputError(`${name}/${clipped(f.name, 200)}: damaged zip entry (${error.message})`);
    const raw = concat(parts, size);
    const entry = `${name}/${clipped(f.name, 200)}`;
    const bytes = f.compression === 8 ? inflate(entry, raw, limits, false) : raw;
    if (bytes.length > limits.maxReportBytes) throw new ReportInputError(bombMessage(entry, limits));
    out.push({ name: entry, bytes });
  }
  return out;
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Splits an mbox into its messages (lines starting "From " begin a message). */
function mboxMessages(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a && b[i + 1] === 0x46 && b[i + 2] === 0x72 && b[i + 3] === 0x6f && b[i + 4] === 0x6d && b[i + 5] === 0x20) {
      out.push(b.subarray(start, i + 1));
      start = i + 1;
    }
  }
  out.push(b.subarray(start));
  return out.filter((m) => m.length > 0);
}

async function messageAttachments(name: string, message: Uint8Array): Promise<{ name: string; bytes: Uint8Array }[]> {
  let email;
  try {
    // postal-mime is an ES module: loaded when a message is read, not with every report
    const { default: PostalMime } = await import('postal-mime');
    email = await PostalMime.parse(message, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 16, maxHeadersSize: 1024 * 1024 });
  } catch (e) {
    throw new ReportInputError(`${name}: the message cannot be read (${clipped((e as Error).message, 200)})`);
  }
  const subject = email.subject ? ` "${clipped(email.subject, 80)}"` : '';
  return email.attachments.map((a, i) => ({
    name: `${name}${subject} attachment ${a.filename ? clipped(a.filename, 200) : i + 1}`,
    bytes: typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content),
  }));
}

/**
 * Unwraps one file's bytes into the reports it holds, calling `onPayload` for each, in order.
 * Throws ReportInputError when the file itself cannot be read; a part that is no report inside a
 * message or archive is passed to `onSkipped` instead.
 */
export async function unwrap(name: string, bytes: Uint8Array, limits: ReportLimits, onPayload: (p: Payload) => Promise<void> | void, onSkipped: (s: Skipped) => void, depth = 0): Promise<void> {
  if (depth > MAX_DEPTH) throw new ReportInputError(`${name}: wrapped more than ${MAX_DEPTH} times (archive in message in archive …): not read`);
  if (bytes.length === 0) throw new ReportInputError(`${name}: the file is empty`);
  if (startsWith(bytes, 0x1f, 0x8b)) return unwrap(name, inflate(name, bytes, limits, true), limits, onPayload, onSkipped, depth + 1);
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) {
    for (const e of unzipEntries(name, bytes, limits)) await unwrapPart(e.name, e.bytes, limits, onPayload, onSkipped, depth + 1);
    return;
  }
  const first = firstSignificant(bytes);
  if (first === 0x3c) return onPayload({ name, kind: 'xml', bytes });
  if (first === 0x7b) return onPayload({ name, kind: 'json', bytes });
  if (looksLikeMessage(bytes)) {
    const messages = startsWith(bytes, 0x46, 0x72, 0x6f, 0x6d, 0x20) ? mboxMessages(bytes) : [bytes];
    let n = 0;
    for (const m of messages) {
      const mname = messages.length > 1 ? `${name} message ${++n}` : name;
      const parts = await messageAttachments(mname, m);
      if (parts.length === 0) onSkipped({ name: mname, reason: 'a message with no attachment' });
      for (const p of parts) await unwrapPart(p.name, p.bytes, limits, onPayload, onSkipped, depth + 1);
    }
    return;
  }
  throw new ReportInputError(`${name}: not a report: neither XML, JSON, gzip, zip nor a mail message`);
}

/** True when the bytes start like something `unwrap` reads (gzip, zip, XML, JSON or a mail message). */
export function isReportLike(b: Uint8Array): boolean {
  return startsWith(b, 0x1f, 0x8b) || startsWith(b, 0x50, 0x4b) || firstSignificant(b) === 0x3c || firstSignificant(b) === 0x7b || looksLikeMessage(b);
}

/** A part of an archive or message: a part that is no report is skipped, not an error for the whole file. */
async function unwrapPart(name: string, bytes: Uint8Array, limits: ReportLimits, onPayload: (p: Payload) => Promise<void> | void, onSkipped: (s: Skipped) => void, depth: number): Promise<void> {
  if (!isReportLike(bytes)) return onSkipped({ name, reason: 'not a report (neither XML, JSON, gzip nor zip)' });
  return unwrap(name, bytes, limits, onPayload, onSkipped, depth);
}
