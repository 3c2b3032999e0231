/**
 * Streams the records out of a JSON sign-in export without holding the file:
 *
 * - a JSON array of objects (Entra admin center "Download JSON", Graph bare arrays);
 * - an object whose `value` or `records` member is that array (a Microsoft Graph
 *   page `{"@odata.context": ..., "value": [...]}`, an Azure Monitor export
 *   `{"records": [...]}`), and several such objects one after another;
 * - NDJSON, one object per line, read line by line so a broken line costs only
 *   that line;
 * - objects written one after another (pretty-printed, not one per line).
 *
 * Only the structure is scanned here (strings, escapes, brackets); each record's
 * text is handed to JSON.parse, which does the real parsing. Memory stays at one
 * record (plus one line in NDJSON) whatever the file size.
 */

export type JsonStreamItem = { kind: 'record'; value: unknown; line: number } | { kind: 'error'; line: number; message: string };

/** How records were laid out; 'tables' is a Log Analytics query-API answer (queryApi.ts). */
export type JsonContainer = 'array' | 'wrapped' | 'ndjson' | 'objects' | 'tables';

const WRAPPER_KEYS = new Set(['value', 'records']);
/** A first line longer than this is not taken for an NDJSON line (a minified single-line export). */
const NDJSON_PROBE_LIMIT = 1 << 20;

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function wrappedArray(v: unknown): unknown[] | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  for (const k of WRAPPER_KEYS) {
    const a = (v as Record<string, unknown>)[k];
    if (Array.isArray(a)) return a;
  }
  return undefined;
}

export class JsonRecordStream {
  private mode: 'probe' | 'scan' | 'lines' = 'probe';
  private probe = '';
  /** The container seen (for the report); set once decided. */
  container: JsonContainer | undefined;

  // line mode
  private pending = '';
  private lineNo = 1;

  // scan mode
  private depth = 0;
  private inString = false;
  private escape = false;
  private line = 1;
  /** Depth at which records live: 1 inside a top-level array, 2 inside a wrapper array, 0 for top-level objects. */
  private recordDepth = 0;
  private capture: string[] | null = null;
  private captureStart = -1;
  private captureLine = 0;
  /** Top-level object being read (before we know whether it is a record or a wrapper). */
  private topIsObject = false;
  private wrapperArrayDepth = -1;
  private expectKey = false;
  private keyBuf: string | null = null;
  private pendingKey: string | null = null;
  private valueKey: string | null = null;
  private badValueAt = -1;

  push(text: string): JsonStreamItem[] {
    const out: JsonStreamItem[] = [];
    if (this.mode === 'probe') {
      this.probe += text;
      const nl = this.probe.indexOf('\n');
      if (nl < 0 && this.probe.length < NDJSON_PROBE_LIMIT) return out;
      this.decide(nl, out);
      return out;
    }
    if (this.mode === 'lines') this.lines(text, false, out);
    else this.scan(text, out);
    return out;
  }

  end(): JsonStreamItem[] {
    const out: JsonStreamItem[] = [];
    if (this.mode === 'probe') this.decide(this.probe.indexOf('\n'), out);
    if (this.mode === 'lines') this.lines('', true, out);
    else if (this.mode === 'scan') {
      if (this.capture) out.push({ kind: 'error', line: this.captureLine, message: 'The file ends in the middle of a record (is it cut short?).' });
      else if (this.depth > 0) out.push({ kind: 'error', line: this.line, message: 'The file ends before its JSON is closed (is it cut short?).' });
    }
    return out;
  }

  private decide(nl: number, out: JsonStreamItem[]): void {
    const text = this.probe;
    this.probe = '';
    let i = 0;
    while (i < text.length && isWs(text.charCodeAt(i))) i++;
    if (text[i] === '{' && nl >= 0) {
      const first = text.slice(i, nl).trim();
      let oneLine = false;
      try {
        JSON.parse(first);
        oneLine = true;
      } catch {
        oneLine = first.endsWith('}') && first.length > 1;
      }
      const restStart = text.slice(nl + 1).search(/\S/);
      if (oneLine && (restStart < 0 || text[nl + 1 + restStart] === '{')) {
        this.mode = 'lines';
        this.lines(text, false, out);
        return;
      }
    }
    this.mode = 'scan';
    this.scan(text, out);
  }

  private lines(text: string, final: boolean, out: JsonStreamItem[]): void {
    this.pending += text;
    let start = 0;
    for (;;) {
      const nl = this.pending.indexOf('\n', start);
      if (nl < 0) break;
      this.oneLine(this.pending.slice(start, nl), out);
      start = nl + 1;
    }
    this.pending = this.pending.slice(start);
    if (final && this.pending) {
      this.oneLine(this.pending, out);
      this.pending = '';
    }
  }

  private oneLine(raw: string, out: JsonStreamItem[]): void {
    const line = this.lineNo++;
    const s = raw.trim();
    if (!s) return;
    this.container ??= 'ndjson';
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch (e) {
      out.push({ kind: 'error', line, message: `Line ${line} is not valid JSON (${(e as Error).message}).` });
      return;
    }
    const items = Array.isArray(v) ? v : (wrappedArray(v) ?? [v]);
    for (const value of items) out.push({ kind: 'record', value, line });
  }

  private scan(text: string, out: JsonStreamItem[]): void {
    if (this.capture) this.captureStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) {
          this.inString = false;
          if (this.keyBuf !== null) {
            this.pendingKey = this.keyBuf;
            this.keyBuf = null;
          }
          continue;
        }
        // A key is kept to 256 characters: no sign-in key is longer, and one of megabytes would
        // be built a character at a time.
        if (this.keyBuf !== null && this.keyBuf.length < 256) this.keyBuf += text[i];
        continue;
      }
      if (isWs(c)) continue;
      const atRecordLevel = this.recordDepth > 0 && this.depth === this.recordDepth && !this.capture;
      if (atRecordLevel && c !== 44 && c !== 93 && c !== 123 && this.badValueAt !== this.depth) {
        // a value in the record array that is not an object
        out.push({ kind: 'error', line: this.line, message: `Line ${this.line}: an entry of the list is not a sign-in record (not a JSON object).` });
        this.badValueAt = this.depth;
      }
      if (c === 34) {
        this.inString = true;
        if (this.depth === 1 && this.topIsObject && this.expectKey) this.keyBuf = '';
        continue;
      }
      if (c === 123 || c === 91) {
        // { or [
        if (this.depth === 0) {
          this.topIsObject = c === 123;
          if (c === 91) {
            this.recordDepth = 1;
            this.container ??= 'array';
          } else {
            this.recordDepth = 0;
            this.expectKey = true;
            this.startCapture(i);
          }
        } else if (this.depth === 1 && this.topIsObject && c === 91 && this.valueKey !== null && WRAPPER_KEYS.has(this.valueKey)) {
          this.capture = null;
          this.wrapperArrayDepth = 1;
          this.recordDepth = 2;
          this.container ??= 'wrapped';
        } else if (this.depth === this.recordDepth && c === 123 && !this.capture) {
          this.startCapture(i);
        }
        if (this.depth === 1) this.valueKey = null;
        this.depth++;
        continue;
      }
      if (c === 125 || c === 93) {
        // } or ]
        if (this.depth === 0) {
          out.push({ kind: 'error', line: this.line, message: `Line ${this.line}: unexpected '${text[i]}'.` });
          continue;
        }
        this.depth--;
        if (this.badValueAt > this.depth) this.badValueAt = -1;
        if (this.capture && c === 125 && this.depth === this.recordDepth) {
          if (this.depth === 0) this.container ??= 'objects';
          this.finishCapture(text, i + 1, out);
        } else if (this.depth === 0 && this.topIsObject) {
          this.capture = null;
        } else if (this.depth === this.wrapperArrayDepth && c === 93) {
          this.recordDepth = 0;
          this.wrapperArrayDepth = -1;
        }
        continue;
      }
      if (this.depth === 1 && this.topIsObject) {
        if (c === 58) {
          // :
          this.valueKey = this.pendingKey;
          this.pendingKey = null;
          this.expectKey = false;
        } else if (c === 44) {
          this.expectKey = true;
          this.valueKey = null;
        } else {
          this.valueKey = null;
        }
      }
      if (this.depth === this.recordDepth && c === 44) this.badValueAt = -1;
    }
    if (this.capture) {
      this.capture.push(text.slice(this.captureStart));
      this.captureStart = 0;
    }
  }

  private startCapture(i: number): void {
    this.capture = [];
    this.captureStart = i;
    this.captureLine = this.line;
  }

  private finishCapture(text: string, end: number, out: JsonStreamItem[]): void {
    const parts = this.capture!;
    parts.push(text.slice(this.captureStart, end));
    this.capture = null;
    const json = parts.length === 1 ? parts[0]! : parts.join('');
    try {
      out.push({ kind: 'record', value: JSON.parse(json), line: this.captureLine });
    } catch (e) {
      out.push({ kind: 'error', line: this.captureLine, message: `The record starting on line ${this.captureLine} is not valid JSON (${(e as Error).message}).` });
    }
  }
}
