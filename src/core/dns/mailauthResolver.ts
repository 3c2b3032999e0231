/**
 * Our Resolver in the shape mailauth's `resolver` option expects:
 * `async (name, rrtype) => answer` with TXT as string[][], MX as [{exchange, priority}],
 * A/AAAA/PTR (and CNAME/NS) as string[]; CNAME chains are chased (see chain.ts).
 *
 * "Nothing there" must be THROWN, like node:dns does: returning [] would hide void
 * lookups from SPF's limit of two. What mailauth 7 does with each code (read in its
 * source, lib/spf/index.js, lib/dkim/dkim-verifier.js, lib/dmarc/get-dmarc-record.js):
 *   ENOTFOUND (NXDOMAIN), ENODATA (no records of the type): SPF counts a void lookup,
 *     DKIM says "no key" (neutral), DMARC treats the record as absent;
 *   ETIMEOUT, EREFUSED: SPF temperror with its own text; any other code (ESERVFAIL,
 *     ECONNREFUSED, …): SPF temperror via its catch-all, DKIM temperror
 *     ("DNS failure: <code>"), DMARC temperror.
 */
import { resolveChain, type ChainResult } from './chain';
import type { Resolver } from './resolver';
import { DnsError, type MxData, type RecordType } from './types';

export type MailauthResolver = (name: string, rrtype: string) => Promise<unknown>;

export interface MailauthLookup {
  name: string;
  type: string;
  /** The chain and records, when a server answered. */
  result?: ChainResult;
  /** The code thrown to mailauth, when the lookup produced no records. */
  error?: string;
  /** The DNS failure in words, when no server answered. */
  message?: string;
}

export interface MailauthResolverOptions {
  signal?: AbortSignal;
  /** Called after every lookup (for showing the DNS evidence next to the verdict). */
  onLookup?: (lookup: MailauthLookup) => void;
}

/** An error shaped like node:dns's (code, hostname, syscall). */
export class MailauthDnsError extends Error {
  readonly syscall = 'query';
  constructor(
    readonly code: string,
    readonly hostname: string,
    message: string,
  ) {
    super(message);
    this.name = 'MailauthDnsError';
  }
}

const SUPPORTED = new Set<RecordType>(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'PTR', 'NS']);

function rcodeError(result: ChainResult): string | undefined {
  if (result.problem) return 'ESERVFAIL';
  switch (result.rcode) {
    case 'NOERROR':
      return result.records.length === 0 ? 'ENODATA' : undefined;
    case 'NXDOMAIN':
      return 'ENOTFOUND';
    case 'REFUSED':
      return 'EREFUSED';
    case 'SERVFAIL':
      return 'ESERVFAIL';
    case 'NOTIMP':
      return 'ENOTIMP';
    case 'FORMERR':
      return 'EFORMERR';
    default:
      return 'ESERVFAIL';
  }
}

export function mailauthResolver(resolver: Resolver, options: MailauthResolverOptions = {}): MailauthResolver {
  return async (name, rrtype) => {
    const type = String(rrtype).toUpperCase() as RecordType;
    if (!SUPPORTED.has(type)) throw new MailauthDnsError('ENOTIMP', name, `Record type ${rrtype} is not supported here.`);
    let result: ChainResult;
    try {
      result = await resolveChain(resolver, name, type, { signal: options.signal });
    } catch (e) {
      if (e instanceof DnsError) {
        const code = e.code === 'ETIMEOUT' ? 'ETIMEOUT' : e.code;
        options.onLookup?.({ name, type, error: code, message: e.message });
        throw new MailauthDnsError(code, name, e.message);
      }
      throw e;
    }
    const code = rcodeError(result);
    options.onLookup?.({ name, type, result, ...(code ? { error: code } : {}) });
    if (code) throw new MailauthDnsError(code, name, result.problem?.message ?? `${type} ${name}: ${code === 'ENODATA' ? 'no records' : result.rcode}`);
    switch (type) {
      case 'TXT':
        return result.records.map((r) => r.data as string[]);
      case 'MX':
        return result.records.map((r) => {
          const mx = r.data as MxData;
          return { exchange: mx.exchange === '.' ? '' : mx.exchange.replace(/\.$/, ''), priority: mx.preference };
        });
      default:
        return result.records.map((r) => String(r.data));
    }
  };
}
