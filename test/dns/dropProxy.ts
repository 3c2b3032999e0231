/**
 * A DNS proxy on 127.0.0.1 in front of a real named: forwards every query (UDP and TCP)
 * and its answer unchanged, except queries for the names given, which it reads and never
 * answers (the TIMEOUT entries of the SPF suites): `drops(name, type)` decides. Loopback only, closes its sockets.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import dnsPacket from 'dns-packet';

function question(msg: Buffer): { name: string; type: string } | undefined {
  try {
    const q = dnsPacket.decode(msg).questions?.[0];
    return q ? { name: q.name, type: q.type } : undefined;
  } catch {
    return undefined;
  }
}

export interface DropProxy {
  port: number;
  /** Queries dropped so far. */
  dropped(): number;
  close(): Promise<void>;
}

export async function startDropProxy(upstreamPort: number, drops: (name: string, type: string) => boolean): Promise<DropProxy> {
  let dropped = 0;
  const shouldDrop = (msg: Buffer): boolean => {
    const q = question(msg);
    if (q !== undefined && drops(q.name, q.type)) {
      dropped++;
      return true;
    }
    return false;
  };
  const udp = dgram.createSocket('udp4');
  const upstreams = new Set<dgram.Socket>();
  udp.on('message', (msg, from) => {
    if (shouldDrop(msg)) return;
    const up = dgram.createSocket('udp4');
    upstreams.add(up);
    const end = (): void => {
      clearTimeout(timer);
      upstreams.delete(up);
      up.close();
    };
    const timer = setTimeout(end, 5000);
    up.on('message', (answer) => {
      udp.send(answer, from.port, from.address);
      end();
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
      if (shouldDrop(framed.subarray(2))) return;
      const up = net.connect({ host: '127.0.0.1', port: upstreamPort });
      sockets.add(up);
      up.on('close', () => sockets.delete(up));
      up.on('error', () => up.destroy());
      up.on('connect', () => up.write(framed));
      up.pipe(client, { end: false });
    });
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, '127.0.0.1', resolve);
  });
  return {
    port,
    dropped: () => dropped,
    close: async () => {
      for (const s of sockets) s.destroy();
      for (const u of upstreams) u.close();
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}
