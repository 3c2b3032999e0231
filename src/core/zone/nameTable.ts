/**
 * A set of domain names compared without regard to ASCII case (RFC 4343), as an
 * open-addressing hash table over typed arrays. It does what a Map keyed by
 * `name.toLowerCase()` does, without making a lower-case copy of every name and with
 * far less work for the garbage collector — the difference shows at a million names.
 */

const UPPER_A = 65;
const UPPER_Z = 90;

function fold(c: number): number {
  return c >= UPPER_A && c <= UPPER_Z ? c + 32 : c;
}

/** FNV-1a over the case-folded UTF-16 units. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= fold(name.charCodeAt(i));
    h = Math.imul(h, 0x01000193);
  }
  return h | 0; // a small integer: no heap number per hash
}

/**
 * hashName(text.slice(start, end) + (dot ? '.' : '') + suffix) without building the string: names are
 * `raw + '.' + origin`, and building then hashing a million of them costs more than the
 * rest of the check.
 */
export function hashNameParts(text: string, start: number, end: number, dot: boolean, suffix: string): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= fold(text.charCodeAt(i));
    h = Math.imul(h, 0x01000193);
  }
  if (dot) h = Math.imul(h ^ 46, 0x01000193);
  for (let i = 0; i < suffix.length; i++) {
    h ^= fold(suffix.charCodeAt(i));
    h = Math.imul(h, 0x01000193);
  }
  return h | 0; // a small integer: no heap number per hash
}

export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (fold(a.charCodeAt(i)) !== fold(b.charCodeAt(i))) return false;
  return true;
}

/** Does `name` equal `suffix` or end with `.` + `suffix` (both absolute, any case)? */
export function isAtOrBelow(name: string, suffix: string): boolean {
  if (suffix === '.') return true;
  const n = name.length;
  const s = suffix.length;
  if (n < s) return false;
  for (let i = 1; i <= s; i++) if (fold(name.charCodeAt(n - i)) !== fold(suffix.charCodeAt(s - i))) return false;
  return n === s || name.charCodeAt(n - s - 1) === 46;
}

/** isAtOrBelow(raw + '.', origin) without building the string (raw: a relative name). */
export function relativeIsAtOrBelow(raw: string, origin: string): boolean {
  if (origin === '.') return true;
  // Compare raw against origin without its final dot.
  const n = raw.length;
  const s = origin.length - 1;
  if (n < s) return false;
  for (let i = 1; i <= s; i++) if (fold(raw.charCodeAt(n - i)) !== fold(origin.charCodeAt(s - i))) return false;
  return n === s || raw.charCodeAt(n - s - 1) === 46;
}

/**
 * Values numbered in the order first seen (source texts, origins, file names). Records come
 * in runs of one text, origin and file, so the value asked last is answered without a search.
 */
export class Numbering<T> {
  readonly values: T[];
  private last: T | undefined;
  private lastId = -1;

  constructor(initial: readonly T[] = []) {
    this.values = [...initial];
  }

  id(value: T): number {
    if (this.lastId !== -1 && value === this.last) return this.lastId;
    let i = this.values.indexOf(value);
    if (i === -1) i = this.values.push(value) - 1;
    this.last = value;
    this.lastId = i;
    return i;
  }
}

/**
 * The names themselves are not kept as strings: each is remembered as where it can be
 * rebuilt from — a slice of a source text, then an optional dot and a suffix (the origin)
 * — in typed-array columns. Keeping a million strings alive costs the garbage collector
 * more than everything else a lint does; rebuilding one is only needed for a message.
 */
export class NameTable {
  private count = 0;
  private hashes = new Int32Array(1024);
  private textIds = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  /** suffix id << 1 | dot, or -1 for a name kept literally. */
  private suffixCodes = new Int32Array(1024);
  private readonly literals = new Map<number, string>();
  private readonly texts = new Numbering<string>();
  private readonly suffixes = new Numbering<string>();
  private slots = new Int32Array(2048); // id + 1, 0 = empty
  private mask = 2047;

  /** `expected`: roughly how many names will come (sizes the table once, no re-hashing). */
  constructor(expected = 0) {
    if (expected > 512) {
      let slots = 2048;
      while (slots < expected * 1.6) slots *= 2;
      this.slots = new Int32Array(slots);
      this.mask = slots - 1;
      const cols = Math.ceil(expected * 1.1);
      this.hashes = new Int32Array(cols);
      this.textIds = new Int32Array(cols);
      this.starts = new Int32Array(cols);
      this.ends = new Int32Array(cols);
      this.suffixCodes = new Int32Array(cols);
    }
  }

  get size(): number {
    return this.count;
  }

  /** Registers a source text; returns its id (cheap for the same text again). */
  textId(text: string): number {
    return this.texts.id(text);
  }

  /** Registers a suffix (an origin); returns its code with the dot flag. */
  suffixCode(suffix: string, dot: boolean): number {
    return (this.suffixes.id(suffix) << 1) | (dot ? 1 : 0);
  }

  /** The name with this id, as first written. */
  name(id: number): string {
    const code = this.suffixCodes[id]!;
    if (code === -1) return this.literals.get(id)!;
    const slice = this.texts.values[this.textIds[id]!]!.slice(this.starts[id]!, this.ends[id]!);
    return slice + (code & 1 ? '.' : '') + this.suffixes.values[code >> 1]!;
  }

  /** Every name, in the order first seen. */
  *names(): Generator<string> {
    for (let id = 0; id < this.count; id++) yield this.name(id);
  }

  /** The id of `name`, or -1. */
  find(name: string): number {
    const h = hashName(name);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.slots[i]!;
      if (s === 0) return -1;
      if (this.hashes[s - 1] === h && sameName(this.name(s - 1), name)) return s - 1;
    }
  }

  /**
   * The id of `name` (>= 0) if it is known, else adds it and returns -(id + 1). `hash` is
   * hashName(name); the name can be rebuilt as texts[textId].slice(start, end) plus the
   * suffix of `suffixCode` — or pass suffixCode -1 to keep the string itself. (Numbers, not
   * objects: this runs once per record.)
   */
  intern(name: string, hash: number, textId = 0, start = 0, end = 0, suffixCode = -1): number {
    const h = hash;
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const s = this.slots[i]!;
      if (s === 0) break;
      if (this.hashes[s - 1] === h && sameName(this.name(s - 1), name)) return s - 1;
    }
    const id = this.count++;
    if (id >= this.hashes.length) this.growColumns();
    this.hashes[id] = h;
    this.textIds[id] = textId;
    this.starts[id] = start;
    this.ends[id] = end;
    this.suffixCodes[id] = suffixCode;
    if (suffixCode === -1) this.literals.set(id, name);
    this.slots[i] = id + 1;
    if ((id + 1) * 2 > this.mask) this.grow();
    return -(id + 1);
  }

  private growColumns(): void {
    const n = this.hashes.length * 2;
    const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.hashes = grow(this.hashes);
    this.textIds = grow(this.textIds);
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
    this.suffixCodes = grow(this.suffixCodes);
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      let i = this.hashes[id]! & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = id + 1;
    }
  }
}
