/**
 * The SPF policy tree a user sees: what the engine (spfEngine.ts) evaluated, record by
 * record, term by term. `expandSpf` walks a policy as a receiver does for a client no
 * mechanism lists: every include: and redirect= it reaches fetched, a/mx resolved to
 * the addresses they authorise, DNS-lookup terms counted up to the limit of 10 (RFC 7208
 * §4.6.4), void lookups recorded with the term that caused them, loops with their path.
 */
import type { Finding } from '../findings';
import type { Resolver } from '../dns/resolver';
import type { Lookup } from './lookup';
import type { DnsEvidence } from './types';
import { evaluateSpf, type SpfOutcome } from './spfEngine';

export { SPF_MX_LIMIT } from './spfEngine';

export interface SpfTermNode {
  text: string;
  /** Mechanism or modifier name, lower case. */
  name: string;
  qualifier: string;
  /** 1 when the term costs a DNS lookup towards the limit of 10. */
  lookups: number;
  /** The network of an ip4/ip6 term, or the addresses an a/mx term resolved to (with its CIDR length). */
  ranges?: string[];
  /** MX hosts an mx term found. */
  mxHosts?: string[];
  /** The lookup returned nothing (NXDOMAIN or no records): a void lookup, why. */
  void?: string;
  /** The name that returned nothing. */
  voidName?: string;
  /** The target contains macros: it depends on the message and was not expanded. */
  macro?: boolean;
  /** include/redirect: the record fetched. */
  child?: SpfNode;
  /** redirect= not followed because the record has "all". */
  ignored?: boolean;
  /** The include/redirect target is already on the path (a loop). */
  loop?: string[];
  /** Not reached: an earlier term matched or the evaluation stopped (limit, error). */
  notEvaluated?: boolean;
  /** This mechanism decided the result of its record. */
  matched?: boolean;
  /** ptr without a client address: nothing to evaluate. */
  needsClient?: boolean;
  /** The target, after macro expansion, cannot be a domain name (judged locally, not asked). */
  invalidName?: string;
  /** The name looked up, after macro expansion. */
  target?: string;
  /** The evaluation stopped here: this term went over a limit of RFC 7208 §4.6.4 (permerror). */
  overLimit?: boolean;
}

export interface SpfNode {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  /** The record, when exactly one SPF record was found. */
  record?: string;
  terms: SpfTermNode[];
  /** What went wrong fetching this record, if anything. */
  problem?: 'no-record' | 'multiple-records' | 'dns' | 'not-expanded';
  /** Sentence for the problem. */
  problemText?: string;
  /** Domains from the root to here. */
  path: string[];
  /** The TXT lookup came back empty (NXDOMAIN or no TXT at all). */
  emptyAnswer?: boolean;
  /** The result of check_host() for this record, when it finished. */
  result?: string;
  /** The record's first syntax error: a permerror before any term is evaluated. */
  syntaxError?: string;
}

export interface SpfRange {
  /** CIDR (an address without /len means a single host). */
  range: string;
  qualifier: string;
  /** ip4, ip6, a or mx. */
  mechanism: string;
  /** The term as written. */
  term: string;
  /** Domains from the root to the record holding the term. */
  path: string[];
}

export interface SpfVoid {
  term: string;
  /** The domain whose record holds the term. */
  domain: string;
  /** The name that returned nothing. */
  name: string;
  reason: string;
  path: string[];
}

export interface SpfTree {
  root: SpfNode;
  /** DNS-lookup terms counted over the whole tree (what receivers count). */
  lookups: number;
  voids: SpfVoid[];
  loops: string[][];
  /** Every range the policy lists, in evaluation order, each once (first place it appears). */
  ranges: SpfRange[];
  /** Validator findings per record, and DNS failures: with the domain and record they belong to. */
  recordFindings: { domain: string; record: string; findings: Finding[] }[];
  failures: { domain: string; lookup: Lookup; what: string }[];
  dns: DnsEvidence[];
  /** Always false: the limits of RFC 7208 §4.6.4 bound the tree (kept for JSON readers). */
  truncated: boolean;
}

/** The policy of `domain` walked for a client no mechanism lists (no message needed). */
export function expandSpf(resolver: Resolver, domain: string, signal?: AbortSignal): Promise<SpfOutcome> {
  return evaluateSpf(resolver, { domain, signal });
}


