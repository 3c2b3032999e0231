/**
 * `mailsec reports` on many files uses every core: worker threads parse files (read, unwrap,
 * XML → rows) and the main thread adds them to the analysis in the order the files were named,
 * so the result is the same as a sequential read. Files are handed out one at a time as workers
 * finish (two in flight each), so results wait in a small buffer only.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { addParsedFile, emptyResult, parseReportFile, type ParsedFile, type ReadOptions, type ReadResult } from '../core/reports/read';
import { defaultReportLimits, type ReportLimits } from '../core/reports/types';
import { readBounded } from './reportFiles';

interface Job {
  index: number;
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
  parentPort!.on('message', (job: Job) => {
    void parseReportFile({ name: job.path, found: job.found, read: async () => readBounded(resolve(setup.cwd, job.path), setup.maxFile) }, setup.limits).then(
      (parsed) => parentPort!.postMessage({ index: job.index, parsed }),
      (e: unknown) => parentPort!.postMessage({ index: job.index, error: e instanceof Error ? e.message : String(e) }),
    );
  });
}

export function readerThreads(files: number): number {
  return files < PARALLEL_MIN_FILES ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

export async function readReportsInThreads(files: { path: string; found: boolean }[], cwd: string, maxFile: number, options: ReadOptions, threads: number): Promise<ReadResult> {
  const limits = options.limits ?? defaultReportLimits;
  const result = emptyResult(options);
  const done = new Map<number, ParsedFile>();
  let next = 0;
  let added = 0;
  const workers = Array.from({ length: threads }, () => new Worker(__filename, { workerData: { mailsecReportsWorker: true, cwd, maxFile, limits } satisfies WorkerSetup }));
  try {
    await new Promise<void>((resolveAll, reject) => {
      const give = (w: Worker) => {
        if (next < files.length) {
          const f = files[next]!;
          w.postMessage({ index: next++, path: f.path, found: f.found } satisfies Job);
        }
      };
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (m: { index: number; parsed?: ParsedFile; error?: string }) => {
          if (m.error !== undefined) {
            reject(new Error(`reading ${files[m.index]!.path}: ${m.error}`));
            return;
          }
          done.set(m.index, m.parsed!);
          while (done.has(added)) {
            addParsedFile(result, done.get(added)!, options);
            done.delete(added++);
          }
          if (added === files.length) resolveAll();
          else give(w);
        });
        give(w);
        give(w);
      }
      if (files.length === 0) resolveAll();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return result;
}
