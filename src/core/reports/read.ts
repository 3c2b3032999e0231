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
import { defaultReportLimits, isReportInputError, type AggregateRecord, type AggregateReportHead, type ReportLimits } from './types';

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

/**
 * One aggregate report: parsed whole (its rows are bounded by limits.maxRecords), then added, so a
 * report that turns out to be damaged halfway contributes nothing rather than half its rows.
 */
function readAggregate(p: Payload, analysis: ReportAnalysis, options: ReadOptions, limits: ReportLimits): void {
  const rows: AggregateRecord[] = [];
  const reader = new AggregateXmlReader({ head: () => undefined, record: (r) => rows.push(r) }, limits);
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < p.bytes.length; at += CHUNK) reader.write(decoder.decode(p.bytes.subarray(at, at + CHUNK), { stream: true }));
  reader.write(decoder.decode());
  const head = reader.end();
  if (!analysis.beginReport(head)) return;
  try {
    for (const r of rows) {
      analysis.addRecord(r);
      options.onRecord?.(head, r, p.name);
    }
  } finally {
    analysis.endReport();
  }
}

export async function readReports(sources: AsyncIterable<ReportSource> | Iterable<ReportSource>, options: ReadOptions = {}): Promise<ReadResult> {
  const limits = options.limits ?? defaultReportLimits;
  const result: ReadResult = { aggregate: new ReportAnalysis(options), tls: new TlsAnalysis(), files: 0, problems: [], skipped: [] };
  for await (const src of sources) {
    result.files++;
    try {
      const bytes = await src.read();
      if (src.found && !isReportLike(bytes)) {
        result.skipped.push({ name: src.name, reason: 'not a report (neither XML, JSON, gzip, zip nor a mail message)' });
        options.onFile?.(src.name);
        continue;
      }
      await unwrap(
        src.name,
        bytes,
        limits,
        (p) => {
          try {
            if (p.kind === 'xml') readAggregate(p, result.aggregate, options, limits);
            else result.tls.add(readTlsRpt(new TextDecoder('utf-8').decode(p.bytes)));
          } catch (e) {
            if (!isReportInputError(e)) throw e;
            result.problems.push({ name: p.name, message: e.message.startsWith(p.name) ? e.message.slice(p.name.length + 2) : e.message });
          }
        },
        (s) => result.skipped.push(s),
      );
    } catch (e) {
      if (!isReportInputError(e)) throw e;
      result.problems.push({ name: src.name, message: e.message.startsWith(src.name + ': ') ? e.message.slice(src.name.length + 2) : e.message });
    }
    options.onFile?.(src.name);
  }
  return result;
}
