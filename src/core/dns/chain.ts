/**
 * Following CNAME chains ourselves. A server that is authoritative for the first zone
 * only answers with the CNAME alone (BIND does so even when it also serves the target
 * zone); Node's dns.Resolver then returns [] for TXT and a DKIM key at
 * `selector._domainkey` → provider host looks missing. resolveChain asks again for the
 * target whenever an answer stops at a CNAME.
 */
import type { QueryOptions, Resolver } from './resolver';
import { normalizeName, type DnsRecord, type QueryResult, type Rcode, type RecordType } from './types';

export const MAX_CHAIN_LENGTH = 8;

export interface ChainStep {
  /** The alias. */
  name: string;
  /** Where it points (without the trailing dot). */
  target: string;
  ttl: number;
  /** The server whose answer held this CNAME. */
  server: string;
}

export interface ChainResult {
  /** The name asked for. */
  name: string;
  type: RecordType;
  /** CNAMEs followed, in order (empty when the name is not an alias). */
  chain: ChainStep[];
  /** The name the records belong to (the end of the chain). */
  finalName: string;
  /** Rcode of the answer for the final name. */
  rcode: Rcode;
  /** Records of the requested type at the final name. */
  records: DnsRecord[];
  /** Every query made, in order (server, transport, timing). */
  queries: QueryResult[];
  /** Set when the chain could not be followed to its end. */
  problem?: { code: 'cname-loop' | 'cname-chain-too-long'; message: string };
}

/** Follows the CNAMEs inside one answer, starting at `from`. */
function followInAnswer(answer: QueryResult, from: string, steps: ChainStep[], seen: Set<string>): { end: string; loop: boolean } {
  let current = from;
  for (;;) {
    const cname = answer.answers.find((r) => r.type === 'CNAME' && normalizeName(r.name) === normalizeName(current));
    if (!cname) return { end: current, loop: false };
    const target = String(cname.data).replace(/\.$/, '');
    steps.push({ name: current, target, ttl: cname.ttl, server: answer.server });
    if (seen.has(normalizeName(target))) return { end: target, loop: true };
    seen.add(normalizeName(target));
    current = target;
    if (steps.length > MAX_CHAIN_LENGTH) return { end: current, loop: false };
  }
}

/**
 * Resolves `type` at `name`, following CNAMEs across answers (at most MAX_CHAIN_LENGTH
 * links, loops detected). Only records owned by the names of the chain are accepted.
 * DnsError (no server answered) propagates.
 */
export async function resolveChain(resolver: Resolver, name: string, type: RecordType, options: QueryOptions = {}): Promise<ChainResult> {
  const chain: ChainStep[] = [];
  const queries: QueryResult[] = [];
  const seen = new Set([normalizeName(name)]);
  let current = name.replace(/\.$/, '');
  for (;;) {
    const answer = await resolver.query(current, type, options);
    queries.push(answer);
    const base = { name, type, chain, queries, rcode: answer.rcode };
    if (type === 'CNAME') {
      return { ...base, finalName: current, records: answer.answers.filter((r) => r.type === 'CNAME' && normalizeName(r.name) === normalizeName(current)) };
    }
    const { end, loop } = followInAnswer(answer, current, chain, seen);
    if (loop) {
      const path = [name, ...chain.map((s) => s.target)].join(' → ');
      return { ...base, finalName: end, records: [], problem: { code: 'cname-loop', message: `CNAME loop: ${path}.` } };
    }
    if (chain.length > MAX_CHAIN_LENGTH) {
      return { ...base, finalName: end, records: [], problem: { code: 'cname-chain-too-long', message: `More than ${MAX_CHAIN_LENGTH} CNAMEs in a row from ${name}; resolvers give up on such chains.` } };
    }
    const records = answer.answers.filter((r) => r.type === type && normalizeName(r.name) === normalizeName(end));
    // The answer stopped at a CNAME whose target it does not cover: ask for the target.
    if (records.length === 0 && normalizeName(end) !== normalizeName(current) && answer.rcode === 'NOERROR') {
      current = end;
      continue;
    }
    return { ...base, finalName: end, records };
  }
}
