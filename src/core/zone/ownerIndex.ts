import type { Span } from '../findings';
import { lookupType, typeByCode } from './rrtypes';

export interface RRsetRef {
  type: string;
  ttl: number;
  count: number;
  span: Span;
  file: string | undefined;
}

/** A growable column of 32-bit integers. */
class Column<T extends Int32Array | Uint32Array> {
  constructor(public data: T) {}

  ensure(n: number): void {
    if (n <= this.data.length) return;
    const next = new (this.data.constructor as { new (n: number): T })(Math.max(n, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/**
 * What the zone-wide checks need to know about every name, kept small enough for a
 * million-record zone: a Map from owner (lower-case key) to the index of its first RRset,
 * and the RRsets themselves in typed-array columns (type code, TTL, record count, where
 * the first record is, next RRset of the same owner). The garbage collector sees one
 * small integer per name and a few flat arrays — no per-record objects survive.
 */
export class OwnerIndex {
  private readonly owners = new Map<string, number>();
  private count = 0;
  private readonly type = new Column(new Int32Array(1024));
  private readonly ttl = new Column(new Uint32Array(1024));
  private readonly records = new Column(new Int32Array(1024));
  private readonly start = new Column(new Int32Array(1024));
  private readonly end = new Column(new Int32Array(1024));
  private readonly file = new Column(new Int32Array(1024));
  private readonly next = new Column(new Int32Array(1024));
  private readonly files: (string | undefined)[] = [undefined];
  private readonly unknownTypes = new Map<string, number>();
  private readonly unknownNames: string[] = [];
  private lastFile: string | undefined;
  private lastKey = '';
  private lastHead = -1;
  private lastFileIndex = 0;

  get size(): number {
    return this.owners.size;
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
    if (file === undefined) return 0;
    if (file === this.lastFile) return this.lastFileIndex;
    let i = this.files.indexOf(file);
    if (i === -1) i = this.files.push(file) - 1;
    this.lastFile = file;
    this.lastFileIndex = i;
    return i;
  }

  private newSet(code: number, ttl: number, span: Span, file: number, next: number): number {
    const i = this.count++;
    if (this.count > this.type.data.length) {
      for (const c of [this.type, this.ttl, this.records, this.start, this.end, this.file, this.next]) c.ensure(this.count);
    }
    this.type.data[i] = code;
    this.ttl.data[i] = ttl;
    this.records.data[i] = 1;
    this.start.data[i] = span.start;
    this.end.data[i] = span.end;
    this.file.data[i] = file;
    this.next.data[i] = next;
    return i;
  }

  /**
   * Adds a record; returns the RRset it joined when the set already existed (for TTL and
   * singleton checks), or undefined for the first record of its set.
   */
  add(key: string, code: number, ttl: number, span: Span, file: string | undefined): RRsetRef | undefined {
    // Zone files keep a name's records together: the previous record's owner is the
    // likeliest, and comparing with it spares a hash-table lookup.
    let head = key === this.lastKey ? this.lastHead : this.owners.get(key);
    if (head === undefined) {
      head = this.newSet(code, ttl, span, this.fileIndex(file), -1);
      this.owners.set(key, head);
      this.lastKey = key;
      this.lastHead = head;
      return undefined;
    }
    this.lastKey = key;
    this.lastHead = head;
    let last = head;
    for (let i = head; i !== -1; i = this.next.data[i]!) {
      if (this.type.data[i] === code) {
        const existing = this.ref(i);
        this.records.data[i]!++;
        return existing;
      }
      last = i;
    }
    this.next.data[last] = this.newSet(code, ttl, span, this.fileIndex(file), -1);
    return undefined;
  }

  private ref(i: number): RRsetRef {
    return {
      type: this.typeName(this.type.data[i]!),
      ttl: this.ttl.data[i]!,
      count: this.records.data[i]!,
      span: { start: this.start.data[i]!, end: this.end.data[i]! },
      file: this.files[this.file.data[i]!],
    };
  }

  /** The RRsets of a name (empty when the name has no records). */
  rrsets(key: string): RRsetRef[] {
    const out: RRsetRef[] = [];
    for (let i = this.owners.get(key) ?? -1; i !== -1; i = this.next.data[i]!) out.push(this.ref(i));
    return out;
  }

  has(key: string, type: string): boolean {
    const code = this.typeCode(type);
    for (let i = this.owners.get(key) ?? -1; i !== -1; i = this.next.data[i]!) if (this.type.data[i] === code) return true;
    return false;
  }

  exists(key: string): boolean {
    return this.owners.has(key);
  }

  /** Names with more than one RRset (where conflicts can be). */
  *multiTypeOwners(): Generator<string> {
    for (const [key, head] of this.owners) if (this.next.data[head] !== -1) yield key;
  }

  keys(): IterableIterator<string> {
    return this.owners.keys();
  }
}
