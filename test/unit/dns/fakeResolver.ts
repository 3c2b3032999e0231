/** A Resolver over a table of answers (no sockets), for unit tests of the layers above the transport. */
import type { Resolver } from '../../../src/core/dns/resolver';
import { DnsError, type DnsRecord, type QueryResult, type Rcode, type RecordType } from '../../../src/core/dns/types';

export interface FakeAnswer {
  rcode?: Rcode;
  answers?: DnsRecord[];
  /** Simulate "no server answered". */
  timeout?: boolean;
}

export function fakeResolver(table: Record<string, FakeAnswer>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    servers: ['192.0.2.53:53'],
    asked,
    async query(name: string, type: RecordType): Promise<QueryResult> {
      const key = `${name.toLowerCase()} ${type}`;
      asked.push(key);
      const a = table[key];
      if (a?.timeout) throw new DnsError('ETIMEOUT', `192.0.2.53:53 did not answer ${name} ${type}`);
      return {
        name, type, rcode: a ? (a.rcode ?? 'NOERROR') : 'NXDOMAIN', answers: a?.answers ?? [], authorities: [],
        server: '192.0.2.53:53', transport: 'udp', authoritative: true, elapsedMs: 1, skipped: [],
      };
    },
  };
}

export const rr = (name: string, type: string, data: DnsRecord['data'], ttl = 300): DnsRecord => ({ name, type, ttl, data });
export const txt = (name: string, ...strings: string[]): DnsRecord => rr(name, 'TXT', strings);
