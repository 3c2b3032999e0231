/**
 * Shapes shared by the DNS client, the checks and their callers. Everything here is
 * plain data (JSON-serialisable) so results can go to the CLI's `--format json`,
 * to a webview or into a test assertion unchanged.
 */

/** Record types the checks ask for. Other types still decode (data is then a hex string). */
export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'PTR' | 'NS' | 'SOA' | 'CAA' | 'SRV' | 'TLSA' | 'DNAME';

/** Response codes in words, as DNS tools print them. Unknown codes read `RCODE<n>`. */
export type Rcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED' | 'YXDOMAIN' | 'YXRRSET' | 'NXRRSET' | 'NOTAUTH' | 'NOTZONE' | `RCODE${number}`;

/** One DNS server to ask. */
export interface DnsServer {
  /** IPv4 or IPv6 address, an IPv6 address may carry a `%scope` zone index. */
  address: string;
  port: number;
  family: 4 | 6;
}

export interface MxData {
  preference: number;
  /** Host name without the trailing dot; `.` for a null MX (RFC 7505). */
  exchange: string;
}

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/**
 * Record data in a form a person and JSON can read:
 * A/AAAA/CNAME/NS/PTR/DNAME a string, TXT the list of its character-strings,
 * MX `{preference, exchange}`, SOA its fields, anything else a hex string.
 */
export type RecordData = string | string[] | MxData | SoaData | Record<string, unknown>;

export interface DnsRecord {
  /** Owner name as the server sent it, without the trailing dot. */
  name: string;
  type: string;
  ttl: number;
  data: RecordData;
}

/** What one query returned, and from whom. */
export interface QueryResult {
  /** The name and type asked for. */
  name: string;
  type: RecordType;
  rcode: Rcode;
  /** Answer section (may contain a CNAME chain before the records asked for). */
  answers: DnsRecord[];
  /** Authority section (SOA on negative answers: its TTL bounds the negative caching). */
  authorities: DnsRecord[];
  /** The server that gave this answer, as `IP:port` or `[IPv6]:port`. */
  server: string;
  transport: 'udp' | 'tcp';
  /** Authoritative Answer flag. */
  authoritative: boolean;
  elapsedMs: number;
  /** Servers tried before this one and why they were skipped (timeout, SERVFAIL, REFUSED, …). */
  skipped: { server: string; reason: string }[];
}

/** Every way a lookup can fail to produce an answer at all. */
/** EDEADLINE: the check's overall deadline (withDeadline) was reached before the answer. */
export type DnsErrorCode = 'ETIMEOUT' | 'ECONNREFUSED' | 'ENETWORK' | 'EBADRESP' | 'ENOSERVERS' | 'EDEADLINE';

/** A lookup that got no usable answer from any server (not NXDOMAIN: that is an answer). */
export class DnsError extends Error {
  constructor(
    readonly code: DnsErrorCode,
    message: string,
    /** Each server tried and what happened. */
    readonly tried: { server: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = 'DnsError';
  }
}

/** `IP:port`, with brackets around IPv6 addresses (the form `--server` accepts). */
export function formatServer(s: DnsServer): string {
  return s.family === 6 ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

/** Lower-case, without a trailing dot: the form names are compared in. */
export function normalizeName(name: string): string {
  const n = name.endsWith('.') && name.length > 1 ? name.slice(0, -1) : name;
  return n.toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}
