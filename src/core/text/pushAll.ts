/**
 * Appends every item of `items` to `target` and returns it. Unlike `target.push(...items)`,
 * which passes each item as a call argument and overflows the stack past about 10^5
 * items, this works for any length.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}
