import type { Finding, Span } from '../findings';
import type { RRType } from './rrtypes';

/**
 * A token of a zone-file entry. `start`/`end` are UTF-16 offsets into the source
 * text; for a quoted string they include the quotes, and `quoted` is set.
 */
export interface Token {
  start: number;
  end: number;
  quoted: boolean;
}

/** One logical line: a physical line, or several joined by parentheses. */
export interface Entry {
  /** Offset of the first character of the first physical line. */
  start: number;
  /** Offset just past the last character that belongs to the entry (its last token, `)` or comment). */
  end: number;
  /** The entry's first character is a blank: the owner is inherited. */
  blankOwner: boolean;
  tokens: Token[];
  /** Offsets of `(` / `)` that group the entry (open === -1 when it has none). */
  open: number;
  close: number;
  /** Comments (spans include the `;`). */
  comments: Span[];
}

export type ZoneClass = 'IN' | 'CH' | 'HS' | 'CS' | string;

export interface ZoneRecord {
  /** The text the spans index: the file's text, an $INCLUDE'd file's, or a $GENERATE line's expansion. */
  text: string;
  /** Fully qualified owner name, presentation format, with trailing dot, as written (case kept). */
  owner: string;
  /**
   * Span of the owner token, or null when the owner was inherited (blank). The span
   * fields below are the entry's Token objects themselves (shared, not copies).
   */
  ownerSpan: Span | null;
  /** hashName(owner), computed while parsing from the source text (no string building). */
  ownerHash?: number;
  ttl: number;
  /** Span of the TTL token, or null when the TTL came from $TTL / an earlier record. */
  ttlSpan: Span | null;
  class: ZoneClass;
  classSpan: Span | null;
  /** Upper-case mnemonic (`TXT`, `MX`, `TYPE65534`). */
  type: string;
  /** The type's table entry, when mailsec knows the type. */
  rrtype?: RRType;
  typeSpan: Span;
  /** The rdata tokens, in order. Quoted tokens include their quotes in the span. */
  rdata: Token[];
  /** The entry the record was read from (for folding, edits, hovers). */
  entry: Entry;
  /** $ORIGIN in force when the record was read (with trailing dot), used to resolve relative names. */
  origin: string;
  /** Set for records read from an $INCLUDE'd file (its absolute path). */
  file?: string;
  /** Set for records expanded from a $GENERATE directive: the directive's entry in the file and the iteration. */
  generatedBy?: { entry: Entry; value: number };
  /** Generic RFC 3597 rdata (`\# len hex`). */
  generic?: boolean;
}

export type DirectiveName = '$ORIGIN' | '$TTL' | '$INCLUDE' | '$GENERATE';

export interface Directive {
  text: string;
  name: DirectiveName | string;
  nameSpan: Span;
  args: Token[];
  entry: Entry;
  file?: string;
}

export interface ParseOptions {
  /** Initial $ORIGIN (absolute, trailing dot optional). Defaults to `.` */
  origin?: string;
  /** The zone's name when known (named-checkzone's zone argument); defaults to the SOA owner, else the origin. */
  zone?: string;
  /** Path of the file being parsed, for $INCLUDE resolution and for findings of included files. */
  file?: string;
  /**
   * Reads an $INCLUDE'd file: receives the path as written and the including file's path;
   * returns `{ path, text }` (path absolute) or throws an Error whose message says why.
   * Without it, $INCLUDE is reported as not followed.
   */
  readInclude?: (path: string, from: string | undefined) => { path: string; text: string };
  /** Maximum $INCLUDE nesting (default 10). */
  maxIncludeDepth?: number;
  /** Most files one zone may $INCLUDE in all (default 1000); a file on the include stack is a cycle, reported at once. */
  maxIncludeFiles?: number;
  /** Most characters of included text one zone may read in all (default 256 Mi). */
  maxIncludeBytes?: number;
  /** Most records all the $GENERATE directives of one zone may expand to (default MAX_GENERATE_PER_ZONE). */
  maxGeneratedRecords?: number;
}

export interface ParseResult {
  text: string;
  records: ZoneRecord[];
  directives: Directive[];
  entries: Entry[];
  /** Syntax findings (zone-level checks come from lint). */
  findings: Finding[];
  /** Origin in force at the end of the file, and the zone apex (SOA owner, else initial origin). */
  apex: string;
  /** Included files that were read, with their texts (for the editor to map findings). */
  includes: { path: string; text: string; from: string | undefined }[];
}
