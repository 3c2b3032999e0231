/**
 * Reads report files one at a time (each unwrapped from gzip, zip or mail, see containers.ts),
 * feeding aggregate rows to the analysis as they stream and TLS reports to their own totals. A
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

function readAggregate(p: Payload, analysis: ReportAnalysis, options: ReadOptions, limits: ReportLimits): void {
  let keep = false;
  let head: AggregateReportHead | undefined;
  const reader = new AggregateXmlReader(
    {
      head: (h) => {
        head = h;
        keep = analysis.beginReport(h);
      },
      record: (r) => {
        if (!keep) return;
        analysis.addRecord(r);
        options.onRecord?.(head!, r, p.name);
      },
    },
    limits,
  );
  const decoder = new TextDecoder('utf-8');
  try {
    for (let at = 0; at < p.bytes.length; at += CHUNK) reader.write(decoder.decode(p.bytes.subarray(at, at + CHUNK), { stream: true }));
    reader.write(decoder.decode());
    reader.end();
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
