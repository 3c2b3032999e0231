/**
 * Streams the rows of a Log Analytics query-API answer as records:
 *
 *   {"tables": [{"name": "PrimaryResult",
 *                "columns": [{"name": "TimeGenerated", "type": "datetime"}, …],
 *                "rows": [["2026-11-02T08:00:00Z", …], …]}]}
 *
 * (the answer of `az monitor log-analytics query` / the REST API `…/query`, and of the
 * portal's "Export to JSON" of a query result). Each row becomes an object keyed by its
 * table's column names, so the reader maps it like any other Log Analytics record.
 *
 * Like JsonRecordStream, only the structure is scanned here (strings, escapes, brackets):
 * one row at a time goes to JSON.parse, so memory stays at one row whatever the file
 * size. The path of every open container is tracked as a small stack of frames; work is
 * linear in the input and bounded per character.
 */
import type { JsonStreamItem } from './jsonStream';

/** Does the start of a JSON text look like a query-API answer (first key "tables")? */
export function looksLikeQueryApiAnswer(head: string): boolean {
  return /^\uFEFF?\s*\{\s*"tables"\s*:/.test(head);
}

interface Frame {
  type: 'object' | 'array';
  /** Where this container is: "/tables/[]/rows/[]". */
  path: string;
  /** Objects: the key of the member being read. */
  key: string | null;
  expectKey: boolean;
}

const COLUMNS = '/tables/[]/columns';
const ROW = '/tables/[]/rows/[]';
const MAX_COLUMNS = 10_000;

export class QueryApiTableStream {
  private readonly stack: Frame[] = [];
  private inString = false;
  private escape = false;
  private line = 1;
  private keyBuf: string | null = null;
  /** The value being captured (columns or a row), its depth and start line. */
  private capture: string[] | null = null;
  private captureStart = 0;
  private captureDepth = -1;
  private captureLine = 0;
  private captureKind: 'columns' | 'row' | null = null;
  private columns: string[] | null = null;
  private rowsBeforeColumns = 0;

  push(text: string): JsonStreamItem[] {
    const out: JsonStreamItem[] = [];
    this.scan(text, out);
    return out;
  }

  end(): JsonStreamItem[] {
    const out: JsonStreamItem[] = [];
    if (this.capture) out.push({ kind: 'error', line: this.captureLine, message: 'The file ends in the middle of a row (is it cut short?).' });
    else if (this.stack.length > 0) out.push({ kind: 'error', line: this.line, message: 'The file ends before its JSON is closed (is it cut short?).' });
    if (this.rowsBeforeColumns > 0) {
      out.push({ kind: 'error', line: this.line, message: `${this.rowsBeforeColumns} row(s) came before the table's "columns" and could not be read.` });
    }
    return out;
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
            const top = this.stack[this.stack.length - 1]!;
            top.key = this.keyBuf;
            this.keyBuf = null;
          }
          continue;
        }
        if (this.keyBuf !== null && this.keyBuf.length < 256) this.keyBuf += text[i];
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      const top = this.stack[this.stack.length - 1];
      if (c === 34) {
        this.inString = true;
        if (!this.capture && top?.type === 'object' && top.expectKey) this.keyBuf = '';
        continue;
      }
      if (c === 123 || c === 91) {
        const path = top ? `${top.path}/${top.type === 'object' ? (top.key ?? '?') : '[]'}` : '';
        const frame: Frame = { type: c === 123 ? 'object' : 'array', path, key: null, expectKey: c === 123 };
        if (!this.capture) {
          if (path === COLUMNS && c === 91) this.startCapture(i, 'columns');
          else if (path === ROW && c === 91) this.startCapture(i, 'row');
        }
        this.stack.push(frame);
        continue;
      }
      if (c === 125 || c === 93) {
        if (!top) {
          out.push({ kind: 'error', line: this.line, message: `Line ${this.line}: unexpected '${text[i]}'.` });
          continue;
        }
        this.stack.pop();
        if (this.capture && this.stack.length === this.captureDepth) this.finishCapture(text, i + 1, out);
        continue;
      }
      if (top?.type === 'object' && !this.capture) {
        if (c === 58) top.expectKey = false;
        else if (c === 44) {
          top.expectKey = true;
          top.key = null;
        }
      }
    }
    if (this.capture) {
      this.capture.push(text.slice(this.captureStart));
      this.captureStart = 0;
    }
  }

  private startCapture(i: number, kind: 'columns' | 'row'): void {
    this.capture = [];
    this.captureStart = i;
    this.captureDepth = this.stack.length;
    this.captureLine = this.line;
    this.captureKind = kind;
  }

  private finishCapture(text: string, end: number, out: JsonStreamItem[]): void {
    const parts = this.capture!;
    parts.push(text.slice(this.captureStart, end));
    this.capture = null;
    const json = parts.length === 1 ? parts[0]! : parts.join('');
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (e) {
      out.push({ kind: 'error', line: this.captureLine, message: `The ${this.captureKind === 'row' ? 'row' : 'column list'} starting on line ${this.captureLine} is not valid JSON (${(e as Error).message}).` });
      return;
    }
    if (this.captureKind === 'columns') {
      const cols = Array.isArray(value) ? value.slice(0, MAX_COLUMNS) : [];
      this.columns = cols.map((col, k) => (col && typeof col === 'object' && typeof (col as { name?: unknown }).name === 'string' ? (col as { name: string }).name : `column${k + 1}`));
      return;
    }
    if (!this.columns) {
      this.rowsBeforeColumns++;
      return;
    }
    const row = value as unknown[];
    const record: Record<string, unknown> = {};
    const n = Math.min(row.length, this.columns.length);
    for (let k = 0; k < n; k++) record[this.columns[k]!] = row[k];
    out.push({ kind: 'record', value: record, line: this.captureLine });
  }
}
