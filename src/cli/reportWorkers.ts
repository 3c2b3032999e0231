/**
 * `mailsec reports` on many files uses every core: worker threads parse files (read, unwrap,
 * XML → rows) and the main thread adds them to the analysis in the order the files were named,
 * so the result is the same as a sequential read.
 */
import { resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { addParsedFile, emptyResult, parseReportFile, type ParsedFile, type ReadOptions, type ReadResult } from '../core/reports/read';
import { defaultReportLimits, type ReportLimits } from '../core/reports/types';
import { readBounded } from './reportFiles';
import { inOrderOnWorkers } from './threads';

interface Job {
  path: string;
  found: boolean;
}

interface WorkerSetup {
  mailsecReportsWorker: true;
  cwd: string;
  maxFile: number;
  limits: ReportLimits;
}

/** Below this many files the threads cost more than they save. */
export const PARALLEL_MIN_FILES = 64;

if (!isMainThread && (workerData as Partial<WorkerSetup> | null)?.mailsecReportsWorker) {
  const setup = workerData as WorkerSetup;
  parentPort!.on('message', ({ index, job }: { index: number; job: Job }) => {
    void parseReportFile({ name: job.path, found: job.found, read: async () => readBounded(resolve(setup.cwd, job.path), setup.maxFile) }, setup.limits).then(
      (result) => parentPort!.postMessage({ index, result }),
      (e: unknown) => parentPort!.postMessage({ index, error: `reading ${job.path}: ${e instanceof Error ? e.message : String(e)}` }),
    );
  });
}

export async function readReportsInThreads(files: { path: string; found: boolean }[], cwd: string, maxFile: number, options: ReadOptions, threads: number): Promise<ReadResult> {
  const limits = options.limits ?? defaultReportLimits;
  const result = emptyResult(options);
  const setup: WorkerSetup = { mailsecReportsWorker: true, cwd, maxFile, limits };
  await inOrderOnWorkers<Job, ParsedFile>(__filename, setup, files, threads, (parsed) => addParsedFile(result, parsed, options));
  return result;
}
