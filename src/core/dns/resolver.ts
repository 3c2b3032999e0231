/**
 * The `Resolver` the rest of the core uses (checks, message verification): one query,
 * answered by the first server that gives a usable answer. Servers are tried in order;
 * a timeout, SERVFAIL, REFUSED or unreachable server moves on to the next, and the
 * result says which servers were skipped and why.
 */
import { DEFAULT_ATTEMPTS, DEFAULT_TIMEOUT_MS, exchange as udpTcpExchange, type ExchangeFn } from './transport';
import { DnsError, formatServer, type DnsServer, type QueryResult, type RecordType } from './types';

export interface QueryOptions {
  signal?: AbortSignal;
}

export interface Resolver {
  /** Asks for `type` records at `name`. Resolves for every DNS answer (NXDOMAIN included); rejects with DnsError when no server answered, or with the signal's reason when cancelled. */
  query(name: string, type: RecordType, options?: QueryOptions): Promise<QueryResult>;
  /** The servers asked, as `IP:port` (for reports). */
  readonly servers: readonly string[];
}

export interface ResolverOptions {
  servers: readonly DnsServer[];
  /** Per attempt, in ms (default 2000). */
  timeoutMs?: number;
  /** UDP attempts per server (default 2). */
  attempts?: number;
  udpPayloadSize?: number;
  /** Replaces the socket transport (unit tests). */
  exchange?: ExchangeFn;
}

/** Rcodes after which the next server is worth asking. */
const TRY_NEXT = new Set(['SERVFAIL', 'REFUSED', 'NOTIMP', 'FORMERR']);

export function createResolver(options: ResolverOptions): Resolver {
  if (options.servers.length === 0) throw new DnsError('ENOSERVERS', 'No DNS server to ask: configure one (mailsec.dns.servers or --server).');
  const servers = [...options.servers];
  const exchange = options.exchange ?? udpTcpExchange;
  return {
    servers: servers.map(formatServer),
    async query(name, type, queryOptions = {}) {
      const skipped: { server: string; reason: string }[] = [];
      let lastAnswer: QueryResult | undefined;
      let lastError: unknown;
      for (const server of servers) {
        queryOptions.signal?.throwIfAborted();
        const label = formatServer(server);
        try {
          const r = await exchange(server, name, type, {
            timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            attempts: options.attempts ?? DEFAULT_ATTEMPTS,
            udpPayloadSize: options.udpPayloadSize,
            signal: queryOptions.signal,
          });
          const result: QueryResult = {
            name,
            type,
            rcode: r.response.rcode,
            answers: r.response.answers,
            authorities: r.response.authorities,
            server: label,
            transport: r.transport,
            authoritative: r.response.authoritative,
            elapsedMs: r.elapsedMs,
            skipped: [...skipped],
          };
          if (!TRY_NEXT.has(result.rcode)) return result;
          lastAnswer = result;
          skipped.push({ server: label, reason: result.rcode });
        } catch (e) {
          if (!(e instanceof DnsError)) throw e; // cancellation or a bug: do not mask it
          lastError = e;
          skipped.push({ server: label, reason: e.message });
        }
      }
      // Every server failed: the last real answer (SERVFAIL/REFUSED) is still an answer.
      if (lastAnswer) return { ...lastAnswer, skipped: skipped.filter((s) => s.server !== lastAnswer!.server || s.reason !== lastAnswer!.rcode) };
      const err = lastError as DnsError;
      if (servers.length === 1) throw new DnsError(err.code, err.message, skipped);
      throw new DnsError(err.code, `No DNS server answered ${name} ${type}: ${skipped.map((s) => `${s.server}: ${s.reason}`).join('; ')}`, skipped);
    },
  };
}

/**
 * Wraps a resolver so the same question is asked once for the life of the wrapper
 * (one check or one message verification): SPF trees and mailauth ask for the same
 * names repeatedly. Failures are not cached.
 */
export function withCache(resolver: Resolver): Resolver {
  const cache = new Map<string, Promise<QueryResult>>();
  return {
    servers: resolver.servers,
    query(name, type, options) {
      const key = `${name.toLowerCase().replace(/\.$/, '')}|${type}`;
      let p = cache.get(key);
      if (!p) {
        p = resolver.query(name, type, options);
        cache.set(key, p);
        p.catch(() => cache.delete(key));
      }
      return p;
    },
  };
}
