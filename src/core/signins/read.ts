/**
 * Reads a sign-in log of any supported format from a stream of chunks and
 * yields normalised records one at a time (nothing is kept). CSV goes through
 * csv-parse's streaming parser; JSON through JsonRecordStream.
 */
import { CsvError, parse } from 'csv-parse';
import { csvRows, decodeText, prependAll } from './chunks';
import { JsonRecordStream, type JsonStreamItem } from './jsonStream';
import { looksLikeQueryApiAnswer, QueryApiTableStream } from './queryApi';
import { FIELD_ALIASES, expandJsonStrings, fieldsIn, normalizeKey, pick, unwrapDiagnosticRecord, type SigninField } from './fields';
import { errorCodeInfo } from './errorCodes';
import { parseTimestamp, type DateOrder } from './time';
import { clipped } from '../text/visible';
import { SigninFormatError, type MissingField, type SigninInput, type SigninRecord, type SigninSchema, type SigninSourceInfo } from './types';

const CONSEQUENCES: Partial<Record<SigninField, string>> = {
  clientApp: 'Legacy authentication cannot be told apart from modern sign-ins: every sign-in is listed under "(no client app)". Add the "Client app" column to the export.',
  errorCode: 'Outcomes come from the Status column only: error codes are not explained, and MFA or Conditional Access interruptions cannot be told from wrong passwords.',
  time: 'No first and last seen, no per-day chart, and brute force is judged over the whole file instead of per time window.',
  ip: 'No grouping by IP address and no password-spray detection.',
  userAgent: 'No grouping by user agent and no detection of scripted clients.',
  country: 'No grouping by country or region.',
  app: 'Applications are not shown.',
  user: 'Users are identified by display name only: two people with the same name count as one.',
};

const MAX_SKIPPED_SAMPLES = 20;

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (bytesRead: number) => void;
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : String(v);
}

function countryOf(v: unknown): string | undefined {
  const s = str(v)?.trim();
  if (!s) return undefined;
  const last = s.includes(',') ? s.slice(s.lastIndexOf(',') + 1).trim() : s;
  return /^[a-z]{2}$/i.test(last) ? last.toUpperCase() : last || undefined;
}

function detectDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![1] > 0 ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] : ',';
}

function schemaOf(keys: Set<string>, kind: 'csv' | 'json'): SigninSchema {
  if (keys.has('timegenerated') || keys.has('resulttype')) return 'log-analytics';
  if (keys.has('dateutc') || keys.has('signinerrorcode') || (kind === 'csv' && keys.has('clientapp'))) return 'entra-admin-center';
  if (keys.has('createddatetime') || keys.has('clientappused') || keys.has('statuserrorcode')) return 'graph';
  return 'other';
}

export class SigninReader {
  readonly info: SigninSourceInfo = {
    kind: 'csv',
    schema: 'other',
    missing: [],
    records: 0,
    skipped: 0,
    skippedSamples: [],
    bytesRead: 0,
    dateOrder: 'month-first',
  };
  private readonly present = new Set<SigninField>();
  private ambiguousDates = 0;

  constructor(
    private readonly input: SigninInput,
    private readonly options: ReadOptions = {},
  ) {}

  /** The input's chunks as they come, counted for progress, stopping when the signal aborts. */
  private async *raw(): AsyncGenerator<Uint8Array | string> {
    const { signal, onProgress } = this.options;
    for await (const chunk of this.input as AsyncIterable<Uint8Array | string>) {
      signal?.throwIfAborted();
      this.info.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      onProgress?.(this.info.bytesRead);
      yield chunk;
    }
  }

  /**
   * The records of the file, in file order. Throws SigninFormatError when the file is not a sign-in log.
   * CSV bytes go to csv-parse as they are (it decodes UTF-8 itself); JSON is decoded here.
   */
  async *records(): AsyncGenerator<SigninRecord> {
    const it = this.raw()[Symbol.asyncIterator]();
    const head: (Uint8Array | string)[] = [];
    const peek = new TextDecoder('utf-8');
    let headText = '';
    while (!/\S/.test(headText)) {
      const r = await it.next();
      if (r.done) break;
      head.push(r.value);
      headText += typeof r.value === 'string' ? r.value : peek.decode(r.value, { stream: true });
      headText = headText.replace(/^\uFEFF/, '');
    }
    if (!/\S/.test(headText)) throw new SigninFormatError('The file is empty.');
    const c = headText.trimStart()[0];
    if (c === '{' || c === '[') yield* this.json(decodeText(prependAll(head, it)));
    else yield* this.csv(prependAll(head, it));
    this.finish();
  }

  private skip(line: number, reason: string): void {
    this.info.skipped++;
    if (this.info.skippedSamples.length < MAX_SKIPPED_SAMPLES) this.info.skippedSamples.push({ line, reason });
  }

  private finish(): void {
    const missing: MissingField[] = [];
    for (const field of Object.keys(CONSEQUENCES) as SigninField[]) {
      if (this.present.has(field)) continue;
      if (field === 'user' && !this.present.has('userDisplayName')) continue;
      missing.push({ field, consequence: CONSEQUENCES[field]! });
    }
    this.info.missing = missing;
  }

  private requireFields(found: Map<SigninField, string>, what: string, names: string[]): void {
    const hasUser = found.has('user') || found.has('userDisplayName');
    const hasOutcome = found.has('errorCode') || found.has('status');
    if (hasUser && hasOutcome) return;
    const anything = (['user', 'userDisplayName', 'clientApp', 'errorCode', 'status'] as const).some((f) => found.has(f));
    const lacking = [!hasUser ? 'the user ("Username" or "UserPrincipalName")' : '', !hasOutcome ? 'the result ("Sign-in error code", "Status" or "ResultType")' : '']
      .filter(Boolean)
      .join(' and ');
    throw new SigninFormatError(
      anything
        ? `This ${what} has no column for ${lacking}, so sign-ins cannot be judged. Found: ${names.slice(0, 12).map(shown).join(', ')}.`
        : `This ${what} does not look like a sign-in log: none of its ${what === 'CSV file' ? 'columns' : 'keys'} (${names.slice(0, 8).map(shown).join(', ')}) is one Entra, Microsoft Graph or Log Analytics uses. Export the sign-in logs from Entra admin center (CSV or JSON), Microsoft Graph auditLogs/signIns, or a Log Analytics SigninLogs query.`,
    );
  }

  private parseTime(raw: unknown): number | undefined {
    const s = str(raw);
    if (!s) return undefined;
    const t = parseTimestamp(s, this.info.dateOrder);
    if (!t) return undefined;
    if (t.ambiguous) this.ambiguousDates++;
    if (t.order === 'day-first' && this.info.dateOrder === 'month-first') {
      this.info.dateOrder = 'day-first';
      if (this.ambiguousDates > 0) {
        this.info.dateOrderNote = `Dates are day-first (seen on line ${this.info.records + this.info.skipped + 1}); ${this.ambiguousDates} earlier date(s) that could be read either way were read month-first.`;
      }
    }
    return t.ms;
  }

  private build(get: (f: SigninField) => unknown, line: number): SigninRecord | undefined {
    const upn = str(get('user'))?.trim();
    const display = str(get('userDisplayName'))?.trim();
    const user = upn ? upn.toLowerCase() : display;
    if (!user) {
      this.skip(line, 'no user (a service principal or managed identity sign-in, or an empty row)');
      return undefined;
    }
    const codeRaw = str(get('errorCode'))?.trim();
    const errorCode = codeRaw && /^-?\d+$/.test(codeRaw) ? Number(codeRaw) : undefined;
    let outcome: SigninRecord['outcome'] = 'unknown';
    // An interruption (MFA, "keep me signed in"…) is Entra's "Interrupted", never a failure.
    if (errorCode !== undefined) outcome = errorCode === 0 ? 'success' : errorCodeInfo(errorCode)?.interrupt ? 'interrupted' : 'failure';
    else {
      const status = str(get('status'))?.toLowerCase() ?? '';
      if (status.startsWith('success')) outcome = 'success';
      else if (status.startsWith('fail')) outcome = 'failure';
      else if (status.startsWith('interrupt')) outcome = 'interrupted';
    }
    const r: SigninRecord = { user, outcome, line };
    const time = this.parseTime(get('time'));
    if (time !== undefined) r.time = time;
    if (upn && display) r.userDisplayName = display;
    const clientApp = str(get('clientApp'))?.trim();
    if (clientApp) r.clientApp = clientApp;
    if (errorCode !== undefined) r.errorCode = errorCode;
    const reason = str(get('failureReason'))?.trim();
    if (reason) r.failureReason = reason;
    const ip = str(get('ip'))?.trim();
    if (ip) r.ip = ip;
    const country = countryOf(get('country'));
    if (country) r.country = country;
    const ua = get('userAgent');
    if (ua !== undefined && ua !== null) r.userAgent = String(ua).trim();
    const app = str(get('app'))?.trim();
    if (app) r.app = app;
    const interactive = str(get('interactive'))?.toLowerCase();
    if (interactive === 'true' || interactive === 'false') r.interactive = interactive === 'true';
    return r;
  }

  private async *csv(chunks: AsyncGenerator<Uint8Array | string>): AsyncGenerator<SigninRecord> {
    this.info.kind = 'csv';
    const it = chunks[Symbol.asyncIterator]();
    // The header row (the first non-empty line: csv-parse skips empty ones) decides the
    // delimiter: read until its line break (or 64 KiB), whatever the chunks.
    const head: (Uint8Array | string)[] = [];
    const peek = new TextDecoder('utf-8');
    let headText = '';
    while (!/[^\r\n\uFEFF][\r\n]/.test(headText) && headText.length < 1 << 16) {
      const r = await it.next();
      if (r.done) break;
      head.push(r.value);
      headText += typeof r.value === 'string' ? r.value : peek.decode(r.value, { stream: true });
    }
    const delimiter = detectDelimiter(headText.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).find((l) => l !== '') ?? '');
    this.info.delimiter = delimiter;
    // No `info: true`: its per-record objects cost a tenth of the time on a large log; the line
    // counter is read from the parser as each record comes out instead (csvRows).
    const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
    let index: Partial<Record<SigninField, number>> | undefined;
    let statusJson = -1;
    let locationDetails = -1;
    try {
      for await (const item of csvRows(parser, prependAll(head, it))) {
        const { record: row, line } = item;
        if (!index) {
          this.info.columns = row;
          const keys = row.map(normalizeKey);
          const found = fieldsIn(keys);
          this.requireFields(found, 'CSV file', row);
          index = {};
          for (const [field, alias] of found) {
            index[field] = keys.indexOf(alias);
            this.present.add(field);
          }
          this.info.schema = schemaOf(new Set(keys), 'csv');
          statusJson = keys.indexOf('status');
          locationDetails = keys.indexOf('locationdetails');
          if (!found.has('country') && locationDetails >= 0) this.present.add('country');
          if (!found.has('errorCode') && statusJson >= 0 && this.info.schema === 'log-analytics') this.present.add('errorCode');
          continue;
        }
        if (row.length === 1 && row[0] === '') continue;
        const idx = index;
        const get = (f: SigninField): unknown => {
          const i = idx[f];
          let v: unknown = i === undefined ? undefined : row[i];
          if ((v === undefined || v === '') && f === 'country' && locationDetails >= 0) v = jsonField(row[locationDetails], 'countryOrRegion');
          if ((v === undefined || v === '') && f === 'errorCode' && statusJson >= 0) v = jsonField(row[statusJson], 'errorCode');
          return v;
        };
        const r = this.build(get, line);
        if (r) {
          this.info.records++;
          yield r;
        }
      }
    } catch (e) {
      if (e instanceof CsvError) {
        this.info.truncated = `Reading stopped at line ${parser.info.lines}: ${e.message.replace(/^Invalid Opening Quote: /, '')}`;
      } else {
        throw e;
      }
    }
    if (!index) throw new SigninFormatError('The CSV file has no header row.');
  }

  private jsonChecked = false;
  /** Normalised JSON keys seen so far: fields are looked for again only when a record brings a new key. */
  private readonly seenKeys = new Set<string>();

  private hasNewKey(map: Map<string, unknown>): boolean {
    let added = false;
    for (const k of map.keys()) {
      if (!this.seenKeys.has(k) && this.seenKeys.size < 10_000) {
        this.seenKeys.add(k);
        added = true;
      }
    }
    return added;
  }

  private *jsonRecords(items: JsonStreamItem[]): Generator<SigninRecord> {
    for (const item of items) {
      if (item.kind === 'error') {
        this.skip(item.line, item.message);
        continue;
      }
      const v = item.value;
      if (!v || typeof v !== 'object' || Array.isArray(v)) {
        this.skip(item.line, 'not a sign-in record (not a JSON object)');
        continue;
      }
      const map = unwrapDiagnosticRecord(v as Record<string, unknown>);
      expandJsonStrings(map);
      if (!this.jsonChecked || (this.present.size < ALL_FIELDS && this.hasNewKey(map))) {
        const found = fieldsIn(map.keys());
        if (!this.jsonChecked) {
          this.requireFields(found, 'JSON file', Object.keys(v));
          this.info.schema = schemaOf(new Set(map.keys()), 'json');
          this.jsonChecked = true;
        }
        for (const f of found.keys()) this.present.add(f);
      }
      const r = this.build((f) => pick(map, f), item.line);
      if (r) {
        this.info.records++;
        yield r;
      }
    }
  }

  private async *json(chunks: AsyncGenerator<string>): AsyncGenerator<SigninRecord> {
    this.info.kind = 'json';
    // Enough of the start to see the first key: a Log Analytics query-API answer starts {"tables":
    const head: string[] = [];
    let headText = '';
    const it = chunks[Symbol.asyncIterator]();
    while (headText.length < 4096 && !/^\uFEFF?\s*\{\s*"[^"]*"\s*:|^\uFEFF?\s*\[/.test(headText)) {
      const r = await it.next();
      if (r.done) break;
      head.push(r.value);
      headText += r.value;
    }
    const tables = looksLikeQueryApiAnswer(headText);
    const stream = tables ? new QueryApiTableStream() : new JsonRecordStream();
    for (const text of head) yield* this.jsonRecords(stream.push(text));
    for (let r = await it.next(); !r.done; r = await it.next()) yield* this.jsonRecords(stream.push(r.value));
    yield* this.jsonRecords(stream.end());
    if (tables) this.info.container = 'tables';
    else if ((stream as JsonRecordStream).container) this.info.container = (stream as JsonRecordStream).container;
    if (!this.jsonChecked) throw new SigninFormatError('The JSON file holds no sign-in records.');
  }
}

const ALL_FIELDS = Object.keys(FIELD_ALIASES).length;

function jsonField(text: string | undefined, key: string): unknown {
  if (!text || !text.startsWith('{')) return undefined;
  try {
    return (JSON.parse(text) as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

export type { DateOrder };

/** A column or key name as a message shows it: the file chose it, and it can be any length. */
function shown(name: string): string {
  return clipped(name, 60);
}
