import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from 'dns-packet';
import { exchange } from '../../../src/core/dns/transport';
import { createResolver } from '../../../src/core/dns/resolver';
import { resolveChain } from '../../../src/core/dns/chain';
import { parseServerSpec } from '../../../src/core/dns/systemServers';
import { DnsError, type MxData } from '../../../src/core/dns/types';
import { scriptedUdpServer, silentUdpServer, type NamedInstance } from '../harness';

/** The resolver client against the real named. */
export function clientSuite(named: () => NamedInstance): void {
  void describe('DNS client against named', () => {
    const server = () => parseServerSpec(named().server);
    const resolver = () => createResolver({ servers: [server()], timeoutMs: 1000 });

    void it('answers over UDP with TTLs, the server and the authoritative flag', async () => {
      const r = await resolver().query('example.com', 'MX');
      assert.equal(r.rcode, 'NOERROR');
      assert.equal(r.transport, 'udp');
      assert.equal(r.server, named().server);
      assert.equal(r.authoritative, true);
      const mx = r.answers.map((a) => a.data as MxData).sort((a, b) => a.preference - b.preference);
      assert.deepEqual(mx, [{ preference: 10, exchange: 'mx1.example.com' }, { preference: 20, exchange: 'mx2.example.com' }]);
      assert.ok(r.answers.every((a) => a.ttl === 3600));
    });

    void it('keeps the strings of a multi-string TXT apart', async () => {
      const r = await resolver().query('mail2024._domainkey.example.com', 'TXT');
      const strings = r.answers[0]!.data as string[];
      assert.ok(strings.length >= 3, `expected several strings, got ${strings.length}`);
      assert.equal(strings[0], 'v=DKIM1; k=rsa; ');
      assert.match(strings.join(''), /^v=DKIM1; k=rsa; p=MII[A-Za-z0-9+/=]+$/);
    });

    void it('retries over TCP when the UDP answer is truncated', async () => {
      const r = await resolver().query('big.example.com', 'TXT');
      assert.equal(r.transport, 'tcp');
      const strings = r.answers[0]!.data as string[];
      assert.equal(strings.length, 6);
      assert.ok(strings.join('').length > 1232);
    });

    void it('can ask over TCP directly', async () => {
      const r = await exchange(server(), 'example.com', 'SOA', { tcp: true, timeoutMs: 1000 });
      assert.equal(r.transport, 'tcp');
      assert.equal(r.response.rcode, 'NOERROR');
    });

    void it('reports NXDOMAIN, SERVFAIL and REFUSED in words', async () => {
      assert.equal((await resolver().query('nothing-here.example.com', 'TXT')).rcode, 'NXDOMAIN');
      assert.equal((await resolver().query('www.broken.test', 'TXT')).rcode, 'SERVFAIL');
      assert.equal((await resolver().query('example.invalid', 'A')).rcode, 'REFUSED');
    });

    void it('answers the same over IPv6 when ::1 is available', async (t) => {
      if (!named().ipv6) return t.skip('no ::1 on this machine');
      const r6 = createResolver({ servers: [parseServerSpec(`[::1]:${named().port}`)], timeoutMs: 1000 });
      const r = await r6.query('mx1.example.com', 'AAAA');
      assert.equal(r.server, `[::1]:${named().port}`);
      assert.deepEqual(r.answers.map((a) => a.data), ['2001:db8::10']);
    });

    void it('follows a CNAME into another zone when the answer holds only the CNAME', async () => {
      const first = await resolver().query('safemail._domainkey.example.com', 'TXT');
      assert.deepEqual(first.answers.map((a) => a.type), ['CNAME'], 'named answers with the CNAME alone (the pitfall)');
      const c = await resolveChain(resolver(), 'safemail._domainkey.example.com', 'TXT');
      assert.deepEqual(c.chain.map((s) => [s.name, s.target, s.ttl]), [['safemail._domainkey.example.com', 'safemailhop.example.net', 3600]]);
      assert.equal(c.finalName, 'safemailhop.example.net');
      assert.equal(c.queries.length, 2);
      assert.equal(c.records.length, 1);
      assert.equal(c.records[0]!.ttl, 1800);
      assert.match((c.records[0]!.data as string[]).join(''), /^v=DKIM1; k=rsa; p=/);
    });

    void it('takes an in-zone CNAME target from the same answer without asking again', async () => {
      const c = await resolveChain(resolver(), 'alias._domainkey.example.com', 'TXT');
      assert.equal(c.queries.length, 1);
      assert.equal(c.finalName, 'keys.example.com');
      assert.match((c.records[0]!.data as string[]).join(''), /k=ed25519/);
    });

    void it('detects a CNAME loop', async () => {
      const c = await resolveChain(resolver(), 'loop1._domainkey.example.com', 'TXT');
      assert.equal(c.problem?.code, 'cname-loop');
      assert.equal(c.records.length, 0);
    });

    void it('moves on to the next server after REFUSED and says so', async () => {
      const silent = await silentUdpServer();
      try {
        const r = createResolver({ servers: [server()], timeoutMs: 300 });
        // REFUSED from the only server is still an answer
        assert.equal((await r.query('example.invalid', 'A')).rcode, 'REFUSED');
        const two = createResolver({ servers: [{ address: '127.0.0.1', port: silent.port, family: 4 }, server()], timeoutMs: 300, attempts: 1 });
        const answer = await two.query('example.com', 'SOA');
        assert.equal(answer.server, named().server);
        assert.equal(answer.skipped.length, 1);
        assert.match(answer.skipped[0]!.reason, /did not answer/);
      } finally {
        silent.close();
      }
    });
  });

}

/** Timeouts, cancellation and spoofed answers: loopback sockets only, no named needed. */
export function loopbackSuite(): void {
  void describe('DNS client timeouts and spoofed answers (loopback only)', () => {
    void it('times out against a port that never answers, after the configured attempts', async () => {
      const silent = await silentUdpServer();
      try {
        const r = createResolver({ servers: [{ address: '127.0.0.1', port: silent.port, family: 4 }], timeoutMs: 150, attempts: 2 });
        await assert.rejects(r.query('example.com', 'A'), (e: unknown) => e instanceof DnsError && e.code === 'ETIMEOUT');
        assert.equal(silent.received(), 2);
      } finally {
        silent.close();
      }
    });

    void it('cancels a pending query and closes its socket', async () => {
      const silent = await silentUdpServer();
      try {
        const ac = new AbortController();
        const p = exchange({ address: '127.0.0.1', port: silent.port, family: 4 }, 'example.com', 'A', { timeoutMs: 60_000, signal: ac.signal });
        // abort as soon as the query has arrived: an event, not a sleep
        await new Promise<void>((resolve) => {
          const poll = (): void => (silent.received() > 0 ? resolve() : void setImmediate(poll));
          poll();
        });
        ac.abort();
        await assert.rejects(p, (e: unknown) => e instanceof Error && e.name === 'AbortError');
      } finally {
        silent.close();
      }
    });

    void it('ignores answers with a wrong id or question and takes the matching one', async () => {
      const fake = await scriptedUdpServer((query, send) => {
        const q = dnsPacket.decode(query);
        const question = q.questions![0]!;
        const answer = (id: number, name: string) =>
          dnsPacket.encode({ type: 'response', id, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ ...question, name }], answers: [{ type: 'A', name, ttl: 60, data: name === 'attacker.example' || id !== q.id ? '203.0.113.66' : '192.0.2.1' }] });
        send(answer((q.id! + 1) & 0xffff, question.name)); // wrong id
        send(answer(q.id!, 'attacker.example')); // wrong question
        send(answer(q.id!, question.name.toUpperCase())); // right (names compare case-insensitively)
      });
      try {
        const r = await exchange({ address: '127.0.0.1', port: fake.port, family: 4 }, 'www.example.com', 'A', { timeoutMs: 1000 });
        assert.deepEqual(r.response.answers.map((a) => a.data), ['192.0.2.1']);
        assert.equal(r.ignored, 2);
      } finally {
        fake.close();
      }
    });

    void it('uses a new socket (source port) and a new random id for each attempt', async () => {
      const seen: { port: number; id: number }[] = [];
      const s = await scriptedUdpServer((query, send, rinfo) => {
        const q = dnsPacket.decode(query);
        seen.push({ port: rinfo.port, id: q.id! });
        if (seen.length === 2) send(dnsPacket.encode({ type: 'response', id: q.id, questions: q.questions, answers: [] }));
      });
      try {
        const r = await exchange({ address: '127.0.0.1', port: s.port, family: 4 }, 'example.com', 'A', { timeoutMs: 150, attempts: 2 });
        assert.equal(r.response.rcode, 'NOERROR');
        assert.equal(seen.length, 2);
        assert.ok(seen[0]!.port !== seen[1]!.port || seen[0]!.id !== seen[1]!.id, JSON.stringify(seen));
      } finally {
        s.close();
      }
    });

    void it('gives up on a server at once when the port is closed (ECONNREFUSED) and tries the next', async () => {
      const closed = await silentUdpServer();
      const port = closed.port;
      closed.close();
      await assert.rejects(exchange({ address: '127.0.0.1', port, family: 4 }, 'example.com', 'A', { timeoutMs: 60_000 }), (e: unknown) => e instanceof DnsError && e.code === 'ECONNREFUSED');
      const fallback = await scriptedUdpServer((query, send) => {
        const q = dnsPacket.decode(query);
        send(dnsPacket.encode({ type: 'response', id: q.id, questions: q.questions, answers: [] }));
      });
      try {
        const r = await createResolver({ servers: [{ address: '127.0.0.1', port, family: 4 }, { address: '127.0.0.1', port: fallback.port, family: 4 }], timeoutMs: 60_000 }).query('example.com', 'A');
        assert.equal(r.server, `127.0.0.1:${fallback.port}`);
        assert.match(r.skipped[0]!.reason, /refused the connection/);
      } finally {
        fallback.close();
      }
    });

    void it('times out when only spoofed answers arrive', async () => {
      const fake = await scriptedUdpServer((query, send) => {
        const q = dnsPacket.decode(query);
        send(dnsPacket.encode({ type: 'response', id: (q.id! ^ 0x5555) & 0xffff, questions: q.questions, answers: [] }));
      });
      try {
        await assert.rejects(exchange({ address: '127.0.0.1', port: fake.port, family: 4 }, 'www.example.com', 'A', { timeoutMs: 150, attempts: 1 }), (e: unknown) => e instanceof DnsError && e.code === 'ETIMEOUT');
      } finally {
        fake.close();
      }
    });
  });
}
