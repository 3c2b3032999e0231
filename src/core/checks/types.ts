/**
 * What every live check returns: a verdict, the findings (each with a fix), the DNS
 * answers it was based on (chain, TTLs, server) and the parsed record. Plain data, so
 * the CLI can print it as text or JSON and the extension can render it.
 */
import type { Finding } from '../findings';
import type { Change } from './advice';
import type { ChainStep } from '../dns/chain';
import type { Rcode, RecordType } from '../dns/types';

/** pass: nothing to fix; warn: works but should be fixed; fail: broken; error: could not check (DNS). */
export type Verdict = 'pass' | 'warn' | 'fail' | 'error';

export interface CheckFinding extends Finding {
  /** What to do about it, in the user's words, valid on every surface (no CLI flag, no setting name). */
  fix: string;
  /** How to change it: knobs each surface names its own way (advice.ts `fixText`). */
  change?: Change[];
  /** The DNS name the finding is about. */
  name?: string;
  /** The record text `span` points into, when the finding is about a record's content. */
  record?: string;
}

/** One DNS lookup as shown to the user. */
export interface DnsEvidence {
  name: string;
  type: RecordType;
  /** Rcode of the last answer, or undefined when no server answered. */
  rcode?: Rcode;
  /** CNAMEs followed. */
  chain: ChainStep[];
  /** Where the records were found (end of the chain). */
  finalName: string;
  /** The records of the type asked for, TXT strings joined. */
  records: { name: string; type: string; ttl: number; value: string }[];
  /** Servers whose answers were used, in order. */
  servers: string[];
  transport: ('udp' | 'tcp')[];
  elapsedMs: number;
  /** Set when no server answered (timeout, unreachable), or the answer was an error. */
  error?: string;
  /** Why no server answered (DnsError code: ETIMEOUT, ECONNREFUSED, ENETWORK …); absent when one answered. */
  errorCode?: string;
}

export interface CheckResult<Kind extends string = string, Parsed = unknown> {
  check: Kind;
  /** The domain (or name) checked. */
  domain: string;
  verdict: Verdict;
  /** One line in words. */
  summary: string;
  findings: CheckFinding[];
  dns: DnsEvidence[];
  /** The parsed record(s); shape depends on the check. */
  parsed?: Parsed;
}

export interface CheckOptions {
  signal?: AbortSignal;
}
