/**
 * How many worker threads a command that reads many files uses: one below `minFiles` (threads
 * cost more than they save on a few files), else one per core up to four. MAILSEC_THREADS
 * (a whole number) chooses, for tests and measurements.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export function threadsFor(files: number, env: NodeJS.ProcessEnv, minFiles: number): number {
  const chosen = Number(env.MAILSEC_THREADS);
  if (env.MAILSEC_THREADS !== undefined && Number.isInteger(chosen) && chosen >= 1) return Math.min(chosen, 16);
  return files < minFiles ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Runs `jobs` on `threads` workers started from `script` with `workerData`, two in flight each,
 * and hands each result to `take` in the order of the jobs (results that arrive early wait in a
 * small buffer). A worker answers `{ index, result }` or `{ index, error }`.
 */
export async function inOrderOnWorkers<J, R>(script: string, workerData: unknown, jobs: readonly J[], threads: number, take: (result: R, index: number) => void): Promise<void> {
  const done = new Map<number, R>();
  let next = 0;
  let added = 0;
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData }));
  try {
    await new Promise<void>((resolveAll, reject) => {
      const give = (w: Worker) => {
        if (next < jobs.length) w.postMessage({ index: next, job: jobs[next++] });
      };
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (m: { index: number; result?: R; error?: string }) => {
          if (m.error !== undefined) {
            reject(new Error(m.error));
            return;
          }
          done.set(m.index, m.result as R);
          while (done.has(added)) {
            take(done.get(added)!, added);
            done.delete(added++);
          }
          if (added === jobs.length) resolveAll();
          else give(w);
        });
        give(w);
        give(w);
      }
      if (jobs.length === 0) resolveAll();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
