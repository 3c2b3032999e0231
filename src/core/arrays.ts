/**
 * Array helpers that stay safe on hostile sizes. `target.push(...items)` passes every item as
 * a call argument and overflows the stack past roughly 10^5 items (100k From addresses, a
 * flood of bidi controls); `Math.max(...xs)` likewise. These iterate instead.
 */

/** Appends `items` to `target` (in place) and returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** The largest of `xs`, or `floor` when empty or when all are smaller. */
export function maxOf(xs: Iterable<number>, floor = -Infinity): number {
  let m = floor;
  for (const x of xs) if (x > m) m = x;
  return m;
}
