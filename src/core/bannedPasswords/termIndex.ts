/**
 * Finds, among the terms added so far, one equal to or within edit distance 1
 * of a new term, in O(length) per query (a deletion index), so that a pasted
 * list of many thousand terms is still checked quickly.
 */
export class EditDistanceIndex<T> {
  private readonly exact = new Map<string, T>();
  /** One-character deletions of each term -> term (the new term is an insertion away). */
  private readonly deletions = new Map<string, T>();
  /** Position-keyed deletions (a substitution at that position). */
  private readonly substitutions = new Map<string, T>();

  add(term: string, value: T): void {
    if (!this.exact.has(term)) this.exact.set(term, value);
    for (let i = 0; i < term.length; i++) {
      const d = term.slice(0, i) + term.slice(i + 1);
      if (!this.deletions.has(d)) this.deletions.set(d, value);
      const key = `${i}\u0000${d}`;
      if (!this.substitutions.has(key)) this.substitutions.set(key, value);
    }
  }

  /** An added term equal to `term`. */
  findExact(term: string): T | undefined {
    return this.exact.get(term);
  }

  /** An added term at edit distance exactly 1 from `term`. */
  findNear(term: string): T | undefined {
    const ins = this.deletions.get(term);
    if (ins !== undefined) return ins;
    for (let i = 0; i < term.length; i++) {
      const d = term.slice(0, i) + term.slice(i + 1);
      const del = this.exact.get(d);
      if (del !== undefined) return del;
      const sub = this.substitutions.get(`${i}\u0000${d}`);
      if (sub !== undefined) return sub;
    }
    return undefined;
  }
}
