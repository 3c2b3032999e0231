/**
 * The only file in the core that opens sockets (ESLint enforces it). One exchange
 * with one server: a UDP query with EDNS0, retried on timeout, repeated over TCP when
 * the answer comes back truncated.
 *
 * Spoofing defences: every attempt uses a fresh socket (so the OS picks a new random
 * source port), a fresh random 16-bit id from the CSPRNG, a connected UDP socket (the
 * kernel drops datagrams from other addresses), and a datagram is accepted only if
 * its id, question name (case-insensitively), type and class match; anything else is
 * ignored and we keep waiting until the attempt times out.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { checkResponse, encodeQuery, encodeTcpQuery, DEFAULT_UDP_PAYLOAD_SIZE, type DecodedResponse, type QuerySpec } from './packet';
import { DnsError, formatServer, type DnsServer, type RecordType } from './types';

export interface ExchangeOptions {
  /** Time to wait for one attempt, in ms (default 2000). */
  timeoutMs?: number;
  /** UDP attempts before giving up on this server (default 2). */
  attempts?: number;
  /** EDNS0 UDP payload size advertised (default 1232). */
  udpPayloadSize?: number;
  signal?: AbortSignal;
  /** Ask over TCP straight away. */
  tcp?: boolean;
}

export interface ExchangeResult {
  response: DecodedResponse;
  transport: 'udp' | 'tcp';
  elapsedMs: number;
  /** Datagrams that arrived but did not answer our query (ignored). */
  ignored: number;
}

/** The function the resolver calls; tests can substitute their own. */
export type ExchangeFn = (server: DnsServer, name: string, type: RecordType, options: ExchangeOptions) => Promise<ExchangeResult>;

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_ATTEMPTS = 2;

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The DNS query was cancelled.', 'AbortError');
}

function newQuery(name: string, type: RecordType): QuerySpec {
  return { id: randomInt(0, 0x10000), name, type };
}

export const exchange: ExchangeFn = async (server, name, type, options) => {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  const payload = options.udpPayloadSize ?? DEFAULT_UDP_PAYLOAD_SIZE;
  const label = formatServer(server);
  let ignored = 0;
  const tcp = async (): Promise<ExchangeResult> => {
    for (let i = 1; ; i++) {
      try {
        const response = await tcpAttempt(server, newQuery(name, type), payload, timeoutMs, options.signal);
        return { response, transport: 'tcp', elapsedMs: Math.round(performance.now() - started), ignored };
      } catch (e) {
        if (!(e instanceof DnsError && e.code === 'ETIMEOUT') || i >= attempts) throw e;
      }
    }
  };
  if (options.tcp) return tcp();
  for (let i = 1; i <= attempts; i++) {
    options.signal?.throwIfAborted();
    try {
      const r = await udpAttempt(server, newQuery(name, type), payload, timeoutMs, options.signal);
      ignored += r.ignored;
      if (r.response.truncated) return await tcp();
      return { response: r.response, transport: 'udp', elapsedMs: Math.round(performance.now() - started), ignored };
    } catch (e) {
      if (e instanceof TimeoutWithStrays) {
        ignored += e.ignored;
        continue;
      }
      throw e;
    }
  }
  throw new DnsError('ETIMEOUT', `${label} did not answer ${name} ${type} within ${timeoutMs} ms (${attempts} attempt${attempts > 1 ? 's' : ''}).`);
};

/** Internal: an attempt that timed out, carrying the count of stray datagrams. */
class TimeoutWithStrays extends Error {
  constructor(readonly ignored: number) {
    super('timeout');
  }
}

function socketError(server: DnsServer, e: unknown): DnsError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const label = formatServer(server);
  if (code === 'ECONNREFUSED') return new DnsError('ECONNREFUSED', `${label} refused the connection (nothing listens on that port).`);
  return new DnsError('ENETWORK', `Could not reach ${label}: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * How one attempt ends, exactly once: its timer and abort listener are cleared and its socket
 * closed before it settles; a timeout rejects with `timeoutError()`, an abort with the signal's
 * reason. `finish(settle)` ends it; `isDone()` says whether it has ended.
 */
function attemptEnd(close: () => void, reject: (e: unknown) => void, timeoutMs: number, timeoutError: () => Error, signal?: AbortSignal): { finish: (settle: () => void) => void; isDone: () => boolean } {
  let done = false;
  const finish = (settle: () => void): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    close();
    settle();
  };
  const onAbort = (): void => finish(() => reject(abortReason(signal!)));
  const timer = setTimeout(() => finish(() => reject(timeoutError())), timeoutMs);
  signal?.addEventListener('abort', onAbort, { once: true });
  return { finish, isDone: () => done };
}

function udpAttempt(server: DnsServer, q: QuerySpec, payload: number, timeoutMs: number, signal?: AbortSignal): Promise<{ response: DecodedResponse; ignored: number }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const socket = dgram.createSocket(server.family === 6 ? 'udp6' : 'udp4');
    let ignored = 0;
    const close = (): void => {
      try {
        socket.close();
      } catch {
        // already closed
      }
    };
    const { finish, isDone } = attemptEnd(close, reject, timeoutMs, () => new TimeoutWithStrays(ignored), signal);
    socket.on('error', (e) => finish(() => reject(socketError(server, e))));
    socket.on('message', (msg) => {
      const c = checkResponse(msg, q);
      if (c.ok) finish(() => resolve({ response: c.response, ignored }));
      else ignored++;
    });
    socket.connect(server.port, server.address, () => {
      if (isDone()) return;
      socket.send(encodeQuery(q, payload), (e) => {
        if (e) finish(() => reject(socketError(server, e)));
      });
    });
  });
}

function tcpAttempt(server: DnsServer, q: QuerySpec, payload: number, timeoutMs: number, signal?: AbortSignal): Promise<DecodedResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const label = formatServer(server);
    const socket = net.connect({ host: server.address, port: server.port, family: server.family });
    let buf = Buffer.alloc(0);
    const timeout = (): Error => new DnsError('ETIMEOUT', `${label} did not answer ${q.name} ${q.type} over TCP within ${timeoutMs} ms.`);
    const { finish } = attemptEnd(() => socket.destroy(), reject, timeoutMs, timeout, signal);
    socket.on('error', (e) => finish(() => reject(socketError(server, e))));
    socket.on('connect', () => socket.write(encodeTcpQuery(q, payload)));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 2) return;
      const len = buf.readUInt16BE(0);
      if (buf.length < len + 2) return;
      const c = checkResponse(buf.subarray(2, len + 2), q);
      if (c.ok) finish(() => resolve(c.response));
      else finish(() => reject(new DnsError('EBADRESP', `${label} sent a TCP answer that does not match the query: ${c.reason}.`)));
    });
    socket.on('end', () => finish(() => reject(new DnsError('EBADRESP', `${label} closed the TCP connection before a complete answer.`))));
  });
}
