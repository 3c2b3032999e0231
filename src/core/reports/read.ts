/**
 * Reads report files one at a time (each unwrapped from gzip, zip or mail, see containers.ts),
 * feeding each aggregate report's rows to the analysis and TLS reports to their own totals. A
 * file that cannot be read is named with the reason and the others go on.
 */
import { AggregateXmlReader } from './aggregateXml';
import { ReportAnalysis, type AnalysisOptions } from './analysis';
import { isReportLike, unwrap, type Payload, type Skipped } from './containers';
import { TlsAnalysis } from './tlsAnalysis';
import { readTlsRpt } from './tlsRpt';
import { defaultReportLimits, isReportInputError, type AggregateRecord, type AggregateReportHead, type ReportLimits, type TlsRptReport } from './types';

export interface ReportSource {
  name: string;
  /** Found by walking a folder (not named by the user): a file that is no report is skipped, not an error. */
  found?: boolean;
  /** The file's bytes (the caller caps what it reads). */
  read(): Promise<Uint8Array>;
}

export interface ReadProblem {
  name: string;
  message: string;
}

export interface ReadOptions extends AnalysisOptions {
  limits?: ReportLimits;
  /** Every aggregate row as it is read (of reports not filtered out), e.g. to stream NDJSON. */
  onRecord?(head: AggregateReportHead, record: AggregateRecord, source: string): void;
  /** Progress: a file has been read. */
  onFile?(name: string): void;
}

export interface ReadResult {
  aggregate: ReportAnalysis;
  tls: TlsAnalysis;
  files: number;
  problems: ReadProblem[];
  skipped: Skipped[];
}

const CHUNK = 64 * 1024;

/** One report parsed from a file, not yet added to the analysis. */
export type ParsedReport = { kind: 'aggregate'; name: string; head: AggregateReportHead; rows: AggregateRecord[] } | { kind: 'tls'; name: string; report: TlsRptReport };

/** What one file holds: plain data, so a worker thread can parse files and post this back. */
export interface ParsedFile {
  name: string;
  reports: ParsedReport[];
  problems: ReadProblem[];
  skipped: Skipped[];
}

const without = (name: string, message: string) => (message.startsWith(name + ': ') ? message.slice(name.length + 2) : message);

/** An aggregate report parsed whole (its rows are bounded by limits.maxRecords). */
function parseAggregate(p: Payload, limits: ReportLimits): ParsedReport {
  const rows: AggregateRecord[] = [];
  const reader = new AggregateXmlReader({ head: () => undefined, record: (r) => rows.push(r) }, limits);
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < p.bytes.length; at += CHUNK) reader.write(decoder.decode(p.bytes.subarray(at, at + CHUNK), { stream: true }));
  reader.write(decoder.decode());
  return { kind: 'aggregate', name: p.name, head: reader.end(), rows };
}

/**
 * Parses one file: unwraps it, then reads each report in it. A report that turns out to be damaged
 * halfway is a problem and contributes nothing, rather than half its rows.
 */
export async function parseReportFile(src: ReportSource, limits: ReportLimits = defaultReportLimits): Promise<ParsedFile> {
  const out: ParsedFile = { name: src.name, reports: [], problems: [], skipped: [] };
  try {
    const bytes = await src.read();
    if (src.found && !isReportLike(bytes)) {
      out.skipped.push({ name: src.name, reason: 'not a report (neither XML, JSON, gzip, zip nor a mail message)' });
      return out;
    }
    await unwrap(
      src.name,
      bytes,
      limits,
      (p) => {
        try {
          out.reports.push(p.kind === 'xml' ? parseAggregate(p, limits) : { kind: 'tls', name: p.name, report: readTlsRpt(new TextDecoder('utf-8').decode(p.bytes)) });
        } catch (e) {
          if (!isReportInputError(e)) throw e;
          out.problems.push({ name: p.name, message: without(p.name, e.message) });
        }
      },
      (s) => out.skipped.push(s),
    );
  } catch (e) {
    if (!isReportInputError(e)) throw e;
    out.problems.push({ name: src.name, message: without(src.name, e.message) });
  }
  return out;
}

export function emptyResult(options: AnalysisOptions = {}): ReadResult {
  return { aggregate: new ReportAnalysis(options), tls: new TlsAnalysis(), files: 0, problems: [], skipped: [] };
}

/** Adds a parsed file to the result (files are added in the order they were named, whoever parsed them). */
export function addParsedFile(result: ReadResult, file: ParsedFile, options: ReadOptions = {}): void {
  result.files++;
  result.problems.push(...file.problems);
  result.skipped.push(...file.skipped);
  for (const r of file.reports) {
    if (r.kind === 'tls') {
      result.tls.add(r.report);
      continue;
    }
    if (!result.aggregate.beginReport(r.head)) continue;
    try {
      for (const row of r.rows) {
        result.aggregate.addRecord(row);
        options.onRecord?.(r.head, row, r.name);
      }
    } finally {
      result.aggregate.endReport();
    }
  }
  options.onFile?.(file.name);
}

export async function readReports(sources: AsyncIterable<ReportSource> | Iterable<ReportSource>, options: ReadOptions = {}): Promise<ReadResult> {
  const limits = options.limits ?? defaultReportLimits;
  const result = emptyResult(options);
  for await (const src of sources) addParsedFile(result, await parseReportFile(src, limits), options);
  return result;
}
