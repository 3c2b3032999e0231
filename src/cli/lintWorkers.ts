/**
 * `mailsec lint` on many files uses every core: worker threads lint (or fix) whole files and the
 * main thread prints their results in the order the files were named, so the output is the same
 * as a run on one thread. Workers send findings with the positions they name, never the texts.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lintOneFile, withPositionsOnly, type LintedFile, type LintSettings } from './lintFile';
import { inOrderOnWorkers } from './threads';

/** Below this many files the threads cost more than they save. */
export const LINT_PARALLEL_MIN_FILES = 32;

interface WorkerSetup {
  mailsecLintWorker: true;
  settings: LintSettings;
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | null)?.mailsecLintWorker) {
  const { settings } = workerData as WorkerSetup;
  parentPort!.on('message', ({ index, job }: { index: number; job: string }) => {
    try {
      parentPort!.postMessage({ index, result: withPositionsOnly(lintOneFile(job, settings)) });
    } catch (e) {
      parentPort!.postMessage({ index, error: `linting ${job}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    }
  });
}

export async function lintFilesInThreads(files: readonly string[], settings: LintSettings, threads: number, take: (f: LintedFile) => void): Promise<void> {
  const setup: WorkerSetup = { mailsecLintWorker: true, settings };
  await inOrderOnWorkers<string, LintedFile>(__filename, setup, files, threads, take);
}
