/**
 * The longest run of each named task on a thread (a listener, a provider, a timer): what
 * "no task on the extension host runs longer than 50 ms" is measured with. Cheap enough to
 * stay on in production (two clock reads per task).
 */
export interface TaskTiming {
  maxMs: number;
  count: number;
  totalMs: number;
  /** The runs of at least LONG_RUN_MS, when they started (the clock's time) and how long they took: the first 100. */
  long?: { at: number; ms: number; cpuMs?: number }[];
}

/** Microseconds of CPU this thread has used (Node 23.9+), else undefined: a task's CPU time tells its work from time the thread did not run. */
type ThreadCpu = () => number | undefined;
const threadCpu: ThreadCpu = (() => {
  const p = (globalThis as { process?: { threadCpuUsage?: () => { user: number; system: number } } }).process;
  if (typeof p?.threadCpuUsage !== 'function') return () => undefined;
  return () => {
    const u = p.threadCpuUsage!();
    return u.user + u.system;
  };
})();

/** Runs at least this long are kept one by one (to set them beside garbage-collection pauses). */
export const LONG_RUN_MS = 20;

export class TaskTimings {
  private readonly tasks = new Map<string, TaskTiming>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly cpu: ThreadCpu = threadCpu,
  ) {}

  /** Runs `fn` and records how long it took under `name` (also when it throws). */
  measure<T>(name: string, fn: () => T): T {
    const t0 = this.now();
    const c0 = this.cpu();
    try {
      return fn();
    } finally {
      const c1 = c0 === undefined ? undefined : this.cpu();
      this.record(name, this.now() - t0, t0, c0 === undefined || c1 === undefined ? undefined : (c1 - c0) / 1000);
    }
  }

  record(name: string, ms: number, at = this.now() - ms, cpuMs?: number): void {
    let t = this.tasks.get(name);
    if (!t) this.tasks.set(name, (t = { maxMs: ms, count: 1, totalMs: ms }));
    else {
      t.maxMs = Math.max(t.maxMs, ms);
      t.count++;
      t.totalMs += ms;
    }
    if (ms >= LONG_RUN_MS && (t.long ??= []).length < 100) t.long.push({ at, ms, ...(cpuMs !== undefined ? { cpuMs } : {}) });
  }

  /** Each task's figures, rounded to 0.1 ms. */
  snapshot(): Record<string, TaskTiming> {
    const r = (x: number): number => Math.round(x * 10) / 10;
    return Object.fromEntries([...this.tasks].map(([k, t]) => [k, { maxMs: r(t.maxMs), count: t.count, totalMs: r(t.totalMs), ...(t.long ? { long: t.long.map((l) => ({ at: l.at, ms: r(l.ms), ...(l.cpuMs !== undefined ? { cpuMs: r(l.cpuMs) } : {}) })) } : {}) }]));
  }

  reset(): void {
    this.tasks.clear();
  }
}
