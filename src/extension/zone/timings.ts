import { readFileSync } from 'node:fs';
import { TaskTimings } from '../../core/timings';

/**
 * The CPU time of the extension host's main thread in microseconds, where Node cannot tell it
 * (threadCpuUsage came with Node 23.9; VS Code 1.96's extension host runs Node 20): on Linux,
 * from /proc (the scheduler's count, precise to a few milliseconds), and only when asked
 * (MAILSEC_TASK_CPU=1, which the integration launcher sets) — two file reads per task.
 */
function procThreadCpu(): (() => number | undefined) | undefined {
  if (process.platform !== 'linux' || process.env.MAILSEC_TASK_CPU !== '1' || typeof (process as { threadCpuUsage?: unknown }).threadCpuUsage === 'function') return undefined;
  const file = `/proc/self/task/${process.pid}/schedstat`;
  return () => {
    try {
      return Number(readFileSync(file, 'latin1').split(' ', 1)[0]) / 1000;
    } catch {
      return undefined;
    }
  };
}

/**
 * How long the zone features' own tasks on the extension host took (listeners, providers,
 * the slices sent to the zone worker, its messages received); read by the internal command
 * `mailsec.zone.taskTimings` (the integration tests' measure of "no task over 50 ms").
 */
const proc = procThreadCpu();
export const zoneTimings = proc ? new TaskTimings(undefined, proc) : new TaskTimings();
export const TASK_TIMINGS_COMMAND = 'mailsec.zone.taskTimings';
