/**
 * A misbehaving DNS server on 127.0.0.1, in front of a real named: it forwards queries
 * (UDP and TCP) and relays named's answers, with the faults a test asks for:
 * - `drops(name, type)`: never answer (the TIMEOUT entries of the SPF suites);
 * - `delayMs`: drip every answer (just inside the client's per-query timeout);
 * - `spoofFirst`: before the real answer, send one with a wrong id and a forged record;
 * - `truncateUdp`: answer every UDP query with an empty truncated (TC) reply, so the
 *   client must ask again over TCP (huge answers);
 * - `maxQueries`: stop answering after that many queries (a bound on any test).
 * It counts the queries it saw. Loopback only; close() ends every socket and timer.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import dnsPacket from 'dns-packet';

export interface Faults {
  drops?: (name: string, type: string) => boolean;
  delayMs?: number;
  spoofFirst?: boolean;
  truncateUdp?: boolean;
  maxQueries?: number;
}

export interface FaultyProxy {
  port: number;
  /** Queries received (UDP and TCP). */
  queries(): number;
  /** Query names received, lower case, in order. */
  names(): string[];
  dropped(): number;
  close(): Promise<void>;
}

function decode(msg: Buffer): dnsPacket.DecodedPacket | undefined {
  try {
    return dnsPacket.decode(msg);
  } catch {
    return undefined;
  }
}

/** A forged answer to `query`: wrong id, one TXT "v=spf1 +all" (and one A) for the name asked. */
function spoofed(query: dnsPacket.DecodedPacket): Buffer {
  const q = query.questions![0]!;
  return dnsPacket.encode({
    type: 'response', id: (query.id! + 1) & 0xffff, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [q],
    answers: [q.type === 'TXT' ? { type: 'TXT', name: q.name, ttl: 60, data: 'v=spf1 +all' } : { type: 'A', name: q.name, ttl: 60, data: '192.0.2.66' }],
  });
}

/** An empty reply with TC set. */
function truncated(query: dnsPacket.DecodedPacket): Buffer {
  return dnsPacket.encode({ type: 'response', id: query.id, flags: dnsPacket.TRUNCATED_RESPONSE | dnsPacket.AUTHORITATIVE_ANSWER, questions: query.questions });
}

export async function startFaultyProxy(upstreamPort: number, faults: Faults = {}): Promise<FaultyProxy> {
  let queries = 0;
  let dropped = 0;
  const names: string[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (fn: () => void, ms: number): void => {
    if (!ms) return fn();
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  /** The query, or undefined when it must go unanswered. */
  const admit = (msg: Buffer): dnsPacket.DecodedPacket | undefined => {
    queries++;
    const p = decode(msg);
    const q = p?.questions?.[0];
    if (!p || !q) return undefined;
    names.push(q.name.toLowerCase());
    if ((faults.maxQueries !== undefined && queries > faults.maxQueries) || faults.drops?.(q.name, q.type)) {
      dropped++;
      return undefined;
    }
    return p;
  };
  const udp = dgram.createSocket('udp4');
  const upstreams = new Set<dgram.Socket>();
  udp.on('message', (msg, from) => {
    const p = admit(msg);
    if (!p) return;
    const reply = (b: Buffer): void => udp.send(b, from.port, from.address);
    if (faults.spoofFirst) reply(spoofed(p));
    if (faults.truncateUdp) return later(() => reply(truncated(p)), faults.delayMs ?? 0);
    const up = dgram.createSocket('udp4');
    upstreams.add(up);
    const end = (): void => {
      clearTimeout(timer);
      upstreams.delete(up);
      up.close();
    };
    const timer = setTimeout(end, 5000);
    up.on('message', (answer) => {
      end();
      later(() => reply(answer), faults.delayMs ?? 0);
    });
    up.on('error', end);
    up.send(msg, upstreamPort, '127.0.0.1');
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const port = udp.address().port;
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buf = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 2 || buf.length < buf.readUInt16BE(0) + 2) return;
      const framed = buf.subarray(0, buf.readUInt16BE(0) + 2);
      buf = buf.subarray(framed.length);
      if (!admit(framed.subarray(2))) return;
      const up = net.connect({ host: '127.0.0.1', port: upstreamPort });
      sockets.add(up);
      let answer = Buffer.alloc(0);
      up.on('close', () => sockets.delete(up));
      up.on('error', () => up.destroy());
      up.on('connect', () => up.write(framed));
      up.on('data', (d: Buffer) => {
        answer = Buffer.concat([answer, d]);
        if (answer.length >= 2 && answer.length >= answer.readUInt16BE(0) + 2) {
          const whole = answer;
          up.destroy();
          later(() => client.write(whole), faults.delayMs ?? 0);
        }
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, '127.0.0.1', resolve);
  });
  return {
    port,
    queries: () => queries,
    names: () => names,
    dropped: () => dropped,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      for (const u of upstreams) u.close();
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}
