/**
 * The longest run of each named task on a thread (a listener, a provider, a timer): what
 * "no task on the extension host runs longer than 50 ms" is measured with. Cheap enough to
 * stay on in production (two clock reads per task).
 */
export interface TaskTiming {
  maxMs: number;
  count: number;
  totalMs: number;
}

export class TaskTimings {
  private readonly tasks = new Map<string, TaskTiming>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `fn` and records how long it took under `name` (also when it throws). */
  measure<T>(name: string, fn: () => T): T {
    const t0 = this.now();
    try {
      return fn();
    } finally {
      this.record(name, this.now() - t0);
    }
  }

  record(name: string, ms: number): void {
    const t = this.tasks.get(name);
    if (!t) this.tasks.set(name, { maxMs: ms, count: 1, totalMs: ms });
    else {
      t.maxMs = Math.max(t.maxMs, ms);
      t.count++;
      t.totalMs += ms;
    }
  }

  /** Each task's figures, rounded to 0.1 ms. */
  snapshot(): Record<string, TaskTiming> {
    const r = (x: number): number => Math.round(x * 10) / 10;
    return Object.fromEntries([...this.tasks].map(([k, t]) => [k, { maxMs: r(t.maxMs), count: t.count, totalMs: r(t.totalMs) }]));
  }

  reset(): void {
    this.tasks.clear();
  }
}
