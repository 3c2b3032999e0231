/**
 * Splits pasted header text into fields (RFC 5322 §2.2): unfolds continuation lines,
 * accepts CRLF or LF, a block indented as a whole (copy-paste from a mail client or a
 * ticket), a leading mbox `From ` line, and stops at the first empty line (the body).
 * Nothing is dropped silently: a line that is not a field is reported, with its span.
 */
import type { Finding, Span } from '../findings';
import { leadingWspLength, trimWsp } from './cfws';
import { decodeEncodedWords } from './rfc2047';
import type { HeaderField, ParsedHeaders } from './types';

interface Line {
  start: number;
  /** End of the content, before `\r\n` or `\n`. */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      lines.push({ start, end });
      start = i + 1;
    }
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

function isWsp(code: number): boolean {
  return code === 32 || code === 9;
}

function leadingWsp(text: string, line: Line): number {
  let n = 0;
  while (line.start + n < line.end && isWsp(text.charCodeAt(line.start + n))) n++;
  return n;
}

function isBlank(text: string, line: Line): boolean {
  return leadingWsp(text, line) === line.end - line.start;
}

/** Lines that are not fields, reported one by one; the rest are counted in one finding. */
const MAX_MALFORMED_LINES = 100;

/** Offset of the first `:` in text[start, end), or -1. */
function colonOnLine(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 58) return i;
  return -1;
}

/** A field name: printable US-ASCII except the colon (RFC 5322 ftext). */
const FIELD_NAME = /^[!-9;-~]+$/;

interface Building {
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  end: number;
  /** Runs of the value: [sourceStart, sourceEnd). */
  runs: Array<[number, number]>;
}

/** Offset in the source of character `i` of a field's unfolded value. */
export function sourceOffsetOf(field: HeaderField, i: number): number {
  const map = field.map;
  if (map.length === 0) return field.valueSpan.start;
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (map[mid]![0] <= i) lo = mid;
    else hi = mid - 1;
  }
  const [at, src] = map[lo]!;
  return src + (i - at);
}

/** Span in the source of the unfolded range [start, end) of a field's value. */
export function sourceSpanOf(field: HeaderField, start: number, end: number): Span {
  if (end <= start) {
    const s = sourceOffsetOf(field, start);
    return { start: s, end: s };
  }
  return { start: sourceOffsetOf(field, start), end: sourceOffsetOf(field, end - 1) + 1 };
}

function finishField(text: string, b: Building, index: number): HeaderField {
  const name = trimWsp(text.slice(b.nameStart, b.nameEnd));
  let unfolded = '';
  const map: Array<[number, number]> = [];
  for (const [s, e] of b.runs) {
    if (e > s) {
      map.push([unfolded.length, s]);
      unfolded += text.slice(s, e);
    }
  }
  // Trim outer whitespace, keeping the map consistent.
  const lead = leadingWspLength(unfolded);
  const trimmed = trimWsp(unfolded.slice(lead));
  const shifted: Array<[number, number]> = [];
  for (let k = 0; k < map.length; k++) {
    const [at, src] = map[k]!;
    const nextAt = k + 1 < map.length ? map[k + 1]![0] : unfolded.length;
    if (nextAt <= lead) continue;
    if (at < lead) shifted.push([0, src + (lead - at)]);
    else shifted.push([at - lead, src]);
  }
  const field: HeaderField = {
    index,
    name,
    lname: name.toLowerCase(),
    raw: text.slice(b.valueStart, b.end),
    unfolded: trimmed,
    decoded: '',
    span: { start: b.nameStart, end: b.end },
    nameSpan: { start: b.nameStart, end: b.nameStart + name.length },
    valueSpan: { start: b.valueStart, end: b.end },
    map: shifted,
  };
  field.decoded = decodeEncodedWords(trimmed).text;
  return field;
}

/** Lines that end the summary Gmail's "Show original" page puts above the raw message. */
const PREAMBLE_END = /^\s*(copy to clipboard|download original)\s*$/i;

/**
 * A copy of the whole "Show original" page starts with a summary table (Message ID,
 * Created at, SPF: PASS…) and a blank line before the real header; reading it as the
 * header would stop at that blank line. Skip it, and say so.
 */
function skipMailClientPreamble(text: string, lines: Line[], findings: Finding[]): number {
  let last = -1;
  for (let k = 0; k < Math.min(lines.length, 60); k++) {
    if (PREAMBLE_END.test(text.slice(lines[k]!.start, lines[k]!.end))) last = k;
  }
  if (last < 0 || last + 1 >= lines.length) return 0;
  findings.push({
    code: 'hdr-preamble-skipped',
    severity: 'info',
    message: 'The summary of Gmail\'s "Show original" page above the header was skipped; the analysis reads the header itself.',
    span: { start: 0, end: lines[last]!.end },
  });
  return last + 1;
}

export function parseHeaderBlock(text: string): ParsedHeaders {
  const lines = splitLines(text);
  const findings: Finding[] = [];
  const fields: HeaderField[] = [];
  let i = skipMailClientPreamble(text, lines, findings);
  while (i < lines.length && isBlank(text, lines[i]!)) i++;
  let mboxFrom: ParsedHeaders['mboxFrom'] = null;
  const indent = i < lines.length ? leadingWsp(text, lines[i]!) : 0;
  if (i < lines.length) {
    const l = lines[i]!;
    const content = text.slice(l.start + indent, l.end);
    if (/^From +[^:\s]/.test(content)) {
      mboxFrom = { text: content, span: { start: l.start + indent, end: l.end } };
      i++;
    }
  }
  let current: Building | null = null;
  let bodyOffset: number | null = null;
  let malformed = 0;
  let restFinding: Finding | null = null;
  const flush = () => {
    if (current) fields.push(finishField(text, current, fields.length));
    current = null;
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(text, line)) {
      // The first empty line ends the header; what follows is the body.
      flush();
      let j = i + 1;
      while (j < lines.length && isBlank(text, lines[j]!)) j++;
      if (j < lines.length) bodyOffset = lines[j]!.start;
      break;
    }
    const ws = leadingWsp(text, line);
    const strip = Math.min(ws, indent);
    const contentStart = line.start + strip;
    if (ws > indent && current) {
      // Continuation line: unfolding removes the line break, keeps the whitespace.
      current.runs.push([contentStart, line.end]);
      current.end = line.end;
      continue;
    }
    flush();
    // The colon is looked for on this line only: searching the rest of the text from every
    // line without one made a pasted block of such lines quadratic.
    const colon = colonOnLine(text, contentStart, line.end);
    const nameText = colon >= 0 ? trimWsp(text.slice(contentStart, colon)) : '';
    if (colon < 0 || !FIELD_NAME.test(nameText)) {
      malformed++;
      if (malformed > MAX_MALFORMED_LINES) {
        // A pasted block of text is not reported line by line past the first ones.
        const rest = (restFinding ??= {
          code: 'hdr-malformed-line',
          severity: 'warning',
          message: '',
          span: { start: line.start + strip, end: line.end },
          data: { lines: 0 },
        });
        rest.span = { start: rest.span.start, end: line.end };
        rest.data = { lines: malformed - MAX_MALFORMED_LINES };
        rest.message = `${malformed - MAX_MALFORMED_LINES} more lines here are not header fields (no "Name:" before a colon); they are kept but not interpreted.`;
        continue;
      }
      findings.push({
        code: 'hdr-malformed-line',
        severity: 'warning',
        message:
          ws > indent
            ? 'This indented line continues no header field (a continuation line before the first field).'
            : 'This line is not a header field (no "Name:" before a colon); it is kept but not interpreted. A pasted header may have lost its line folding here.',
        span: { start: line.start + strip, end: line.end },
        data: { text: text.slice(line.start + strip, line.end) },
      });
      continue;
    }
    current = { nameStart: contentStart, nameEnd: colon, valueStart: colon + 1, end: line.end, runs: [[colon + 1, line.end]] };
  }
  flush();
  if (restFinding) findings.push(restFinding);
  return { fields, findings, mboxFrom, bodyOffset, indent };
}

/** All fields with this (case-insensitive) name, topmost first. */
export function fieldsNamed(fields: HeaderField[], name: string): HeaderField[] {
  const l = name.toLowerCase();
  return fields.filter((f) => f.lname === l);
}
