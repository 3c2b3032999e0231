import type { Span } from '../findings';
import { NameTable, Numbering, sameName } from './nameTable';
import { lookupType, typeByCode } from './rrtypes';

export interface RRsetRef {
  type: string;
  ttl: number;
  count: number;
  span: Span;
  file: string | undefined;
}

/**
 * What the zone-wide checks need to know about every name, kept small enough for a
 * million-record zone: a case-insensitive name table (owner → id), the id of each name's
 * first RRset, and the RRsets in typed-array columns (type code, TTL, record count, where
 * the first record is, next RRset of the same name). The garbage collector sees the names
 * and a few flat arrays — no per-record objects survive.
 */
export class OwnerIndex {
  private readonly table: NameTable;
  private heads: Int32Array<ArrayBuffer>;
  private count = 0;
  private capacity: number;
  // RRset columns (monomorphic typed-array fields: this runs once per record).
  private types: Int32Array<ArrayBuffer>;
  private ttls: Uint32Array<ArrayBuffer>;
  private counts: Int32Array<ArrayBuffer>;
  private starts: Int32Array<ArrayBuffer>;
  private ends: Int32Array<ArrayBuffer>;
  private fileIds: Int32Array<ArrayBuffer>;
  private nexts: Int32Array<ArrayBuffer>;

  /** `expectedNames`: a rough count, to size the tables once (0: grow as needed). */
  constructor(expectedNames = 0) {
    this.table = new NameTable(expectedNames);
    const n = Math.max(1024, Math.ceil(expectedNames * 1.2));
    this.capacity = n;
    this.heads = new Int32Array(Math.max(1024, Math.ceil(expectedNames * 1.1)));
    this.types = new Int32Array(n);
    this.ttls = new Uint32Array(n);
    this.counts = new Int32Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.fileIds = new Int32Array(n);
    this.nexts = new Int32Array(n);
  }
  /** File names, id 0 for records of the main text. */
  private readonly files = new Numbering<string | undefined>([undefined]);
  private readonly unknownTypes = new Map<string, number>();
  private readonly unknownNames: string[] = [];
  private lastName = '';
  private lastHash = 0;
  private lastId = -1;

  get size(): number {
    return this.table.size;
  }

  typeCode(type: string): number {
    const t = lookupType(type);
    if (t) return t.code;
    let c = this.unknownTypes.get(type);
    if (c === undefined) {
      c = -1 - this.unknownNames.length;
      this.unknownTypes.set(type, c);
      this.unknownNames.push(type);
    }
    return c;
  }

  typeName(code: number): string {
    return code < 0 ? this.unknownNames[-1 - code]! : typeByCode(code)?.name ?? `TYPE${code}`;
  }

  private fileIndex(file: string | undefined): number {
    return file === undefined ? 0 : this.files.id(file);
  }

  private growColumns(): void {
    const n = this.capacity * 2;
    const grow = <T extends Int32Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.types = grow(this.types, (k) => new Int32Array(k));
    this.ttls = grow(this.ttls, (k) => new Uint32Array(k));
    this.counts = grow(this.counts, (k) => new Int32Array(k));
    this.starts = grow(this.starts, (k) => new Int32Array(k));
    this.ends = grow(this.ends, (k) => new Int32Array(k));
    this.fileIds = grow(this.fileIds, (k) => new Int32Array(k));
    this.nexts = grow(this.nexts, (k) => new Int32Array(k));
    this.capacity = n;
  }

  private newSet(code: number, ttl: number, start: number, end: number, file: number): number {
    const i = this.count++;
    if (i >= this.capacity) this.growColumns();
    this.types[i] = code;
    this.ttls[i] = ttl;
    this.counts[i] = 1;
    this.starts[i] = start;
    this.ends[i] = end;
    this.fileIds[i] = file;
    this.nexts[i] = -1;
    return i;
  }

  /**
   * Adds a record; returns the RRset it joined when the set already existed (for TTL and
   * singleton checks), or undefined for the first record of its set.
   */
  /**
   * Where an owner can be rebuilt from (see NameTable.intern): the record's text, the
   * owner token and the origin it was completed with. A record without them (generated,
   * or a name from elsewhere) has its owner kept as a string.
   */
  textId(text: string): number {
    return this.table.textId(text);
  }

  /** The suffix code for an owner written at the origin (`@`), absolute, or relative to it. */
  suffixCode(origin: string, form: 'at' | 'absolute' | 'relative'): number {
    return form === 'at' ? this.table.suffixCode(origin, false) : form === 'absolute' ? this.table.suffixCode('', false) : this.table.suffixCode(origin === '.' ? '' : origin, true);
  }

  /**
   * Adds a record of `owner` (hash = hashName(owner)). The owner can be rebuilt from
   * texts[srcText].slice(srcStart, srcEnd) and the suffix `srcSuffix` (see NameTable);
   * srcSuffix -1 keeps the string. Scalars, not objects: this runs once per record.
   */
  add(owner: string, code: number, ttl: number, start: number, end: number, file: string | undefined, hash: number, srcText: number, srcStart: number, srcEnd: number, srcSuffix: number): RRsetRef | undefined {
    // Zone files keep a name's records together: the previous record's owner is the
    // likeliest, and comparing with it spares a hash-table lookup.
    let id: number;
    if (this.lastId !== -1 && hash === this.lastHash && (owner === this.lastName || sameName(owner, this.lastName))) id = this.lastId;
    else {
      const r = this.table.intern(owner, hash, srcText, srcStart, srcEnd, srcSuffix);
      id = r < 0 ? -r - 1 : r;
      if (r < 0) {
        if (id >= this.heads.length) {
          const grown = new Int32Array(this.heads.length * 2);
          grown.set(this.heads);
          this.heads = grown;
        }
        this.heads[id] = this.newSet(code, ttl, start, end, this.fileIndex(file));
        this.lastName = owner;
        this.lastHash = hash;
        this.lastId = id;
        return undefined;
      }
      this.lastName = owner;
      this.lastHash = hash;
      this.lastId = id;
    }
    let last = this.heads[id]!;
    for (let i = last; i !== -1; i = this.nexts[i]!) {
      if (this.types[i] === code) {
        const existing = this.ref(i);
        this.counts[i]!++;
        return existing;
      }
      last = i;
    }
    this.nexts[last] = this.newSet(code, ttl, start, end, this.fileIndex(file));
    return undefined;
  }

  private ref(i: number): RRsetRef {
    return {
      type: this.typeName(this.types[i]!),
      ttl: this.ttls[i]!,
      count: this.counts[i]!,
      span: { start: this.starts[i]!, end: this.ends[i]! },
      file: this.files.values[this.fileIds[i]!],
    };
  }

  private head(name: string): number {
    const id = this.table.find(name);
    return id === -1 ? -1 : this.heads[id]!;
  }

  /** The RRsets of a name, any case (empty when the name has no records). */
  rrsets(name: string): RRsetRef[] {
    const out: RRsetRef[] = [];
    for (let i = this.head(name); i !== -1; i = this.nexts[i]!) out.push(this.ref(i));
    return out;
  }

  has(name: string, type: string): boolean {
    const code = this.typeCode(type);
    for (let i = this.head(name); i !== -1; i = this.nexts[i]!) if (this.types[i] === code) return true;
    return false;
  }

  exists(name: string): boolean {
    return this.table.find(name) !== -1;
  }

  /**
   * Names (as first written) that have an RRset of type `code` and one of a type not in
   * `companions`: the CNAME-and-other-data check, decided on the type codes before any
   * name is rebuilt.
   */
  *ownersWithOthers(code: number, companions: ReadonlySet<number>): Generator<string> {
    for (let id = 0; id < this.table.size; id++) {
      const head = this.heads[id]!;
      if (this.nexts[head] === -1) continue;
      let has = false;
      let other = false;
      for (let i = head; i !== -1; i = this.nexts[i]!) {
        const t = this.types[i]!;
        if (t === code) has = true;
        else if (!companions.has(t)) other = true;
      }
      if (has && other) yield this.table.name(id);
    }
  }

  /** Every name, as first written. */
  names(): Iterable<string> {
    return this.table.names();
  }
}
