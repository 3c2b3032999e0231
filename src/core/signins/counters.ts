/** Small bounded counters, so a report over a million rows keeps its memory to the distinct values that matter. */

export interface Counted {
  value: string;
  count: number;
}

/** Counts values; past `cap` distinct values, new ones are counted together as "other". */
export class CountMap {
  private readonly map = new Map<string, number>();
  other = 0;

  constructor(private readonly cap = 50) {}

  add(value: string, n = 1): void {
    const cur = this.map.get(value);
    if (cur !== undefined) this.map.set(value, cur + n);
    else if (this.map.size < this.cap) this.map.set(value, n);
    else this.other += n;
  }

  get size(): number {
    return this.map.size;
  }

  has(value: string): boolean {
    return this.map.has(value);
  }

  /** Most frequent first (ties by value), at most `n`. */
  top(n = this.cap): Counted[] {
    return [...this.map]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([value, count]) => ({ value, count }));
  }
}

/** First and last time seen. */
export class Span {
  first: number | undefined;
  last: number | undefined;

  see(t: number | undefined): void {
    if (t === undefined) return;
    if (this.first === undefined || t < this.first) this.first = t;
    if (this.last === undefined || t > this.last) this.last = t;
  }

  toJSON(): { first?: string; last?: string } {
    return {
      ...(this.first !== undefined ? { first: new Date(this.first).toISOString() } : {}),
      ...(this.last !== undefined ? { last: new Date(this.last).toISOString() } : {}),
    };
  }
}

export function bump<K>(map: Map<K, number>, key: K, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
