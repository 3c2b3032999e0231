/**
 * Real-server test harness: starts BIND `named` in the foreground from a temporary
 * directory, serving the zone files of test/dns/zones on 127.0.0.1 (and ::1 when the
 * machine has it) at a free unprivileged port, waits until it answers a real query,
 * and stops it (SIGTERM, then waits for the exit) after the suite, pass or fail.
 * No node:test here, so the VS Code integration suites use it too; harness.ts adds the
 * node:test hooks.
 *
 * Findings that shaped it (BIND 9.18, measured here):
 * - With `recursion no`, named answers a name that is a CNAME into ANOTHER zone with
 *   the CNAME alone, even when it serves the target zone too (it only chases CNAMEs
 *   inside the same zone). So one instance reproduces the "answer holds only the
 *   CNAME" case (safemail._domainkey.example.com → safemailhop.example.net) and the
 *   in-zone case (alias._domainkey → keys.example.com, target in the same answer).
 * - A zone that fails to load (broken.test.zone) is answered SERVFAIL.
 * - Running as root: named keeps running as root when `-u` is not given, which is what
 *   we want here (a `-u bind` would lose access to the 0700 temp directory).
 *   `controls { };` turns off the rndc channel (it would need /etc/bind/rndc.key).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { mkdtempSync, readdirSync, copyFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchange } from '../../src/core/dns/transport';

export const ZONES_DIR = join(__dirname, 'zones');
export const FIXTURES_DIR = join(__dirname, 'fixtures');

/** Zones that must load; every other *.zone in test/dns/zones is served as well (broken.test fails on purpose). */
const ZONE_FILE = /^(.+)\.zone$/;

function findNamed(): string | undefined {
  if (process.env.MAILSEC_NAMED) return process.env.MAILSEC_NAMED;
  for (const p of ['/usr/sbin/named', '/usr/local/sbin/named', '/opt/homebrew/sbin/named']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v named'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** Why the DNS suites cannot run here, or undefined when they can. */
export function namedMissingReason(): string | undefined {
  if (process.platform === 'win32') return 'named not available on Windows: run the DNS suites on Linux or macOS';
  const env = process.env.MAILSEC_NAMED;
  if (env && !existsSync(env)) return `named not found at MAILSEC_NAMED=${env}`;
  return findNamed() ? undefined : 'named not installed: apt-get install bind9';
}

export interface NamedInstance {
  /** The port named listens on (UDP and TCP) on 127.0.0.1 (and ::1 when ipv6). */
  port: number;
  ipv6: boolean;
  /** `127.0.0.1:<port>`, the form --server takes. */
  server: string;
  dir: string;
  /** What named printed so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

function canBindIpv6(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp6');
    s.once('error', () => {
      s.close();
      resolve(false);
    });
    s.bind(0, '::1', () => {
      s.close();
      resolve(true);
    });
  });
}

/** A port free for both UDP and TCP on 127.0.0.1 right now. */
async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const udp = dgram.createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port));
    });
    const tcpOk = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    udp.close();
    if (tcpOk) return port;
  }
  throw new Error('no free port for named');
}

function config(dir: string, port: number, ipv6: boolean, zones: string[], files: Map<string, string>): string {
  return [
    'options {',
    `  directory "${dir}";`,
    '  pid-file none;',
    `  session-keyfile "${join(dir, 'session.key')}";`,
    `  managed-keys-directory "${dir}";`,
    `  listen-on port ${port} { 127.0.0.1; };`,
    ipv6 ? `  listen-on-v6 port ${port} { ::1; };` : '  listen-on-v6 { none; };',
    '  recursion no;',
    '  allow-query { 127.0.0.1; ::1; };',
    '  dnssec-validation no;',
    '  notify no;',
    '  max-udp-size 1232;',
    '};',
    'controls { };',
    // zones given as text hold test data as written (names with ":" or spaces): no check-names
    ...zones.map((z) => `zone "${z}" { type primary; file "${files.get(z)}";${files.get(z)!.startsWith('given-') ? ' check-names ignore;' : ''} };`),
    '',
  ].join('\n');
}

/** Asks named for the SOA of example.com until it answers (no fixed sleeps: each try waits for its own timeout). */
async function waitUntilAnswering(port: number, exited: () => boolean, probe: string): Promise<void> {
  let last: unknown;
  for (let i = 0; i < 20 && !exited(); i++) {
    try {
      const r = await exchange({ address: '127.0.0.1', port, family: 4 }, probe, 'SOA', { timeoutMs: 250, attempts: 1 });
      if (r.response.rcode === 'NOERROR' && r.response.answers.length) return;
      last = new Error(`SOA ${probe}: ${r.response.rcode}`);
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`named did not answer: ${last instanceof Error ? last.message : String(last)}`);
}

/** Resolves when named logs that it is running, or rejects when it exits first. */
function runningLine(child: ChildProcess, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (/ running\s*$/m.test(log())) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`named exited with code ${code}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error('named did not report "running" within 10 s'));
    }, 10_000);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
    };
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

export interface NamedOptions {
  /** Zones given as text instead of files: served alongside (or, with zonesDir null, instead of) the directory's. */
  zones?: { name: string; text: string }[];
  /** The name whose SOA tells that named is answering (default example.com). */
  probe?: string;
}

/** Starts named serving every *.zone of `zonesDir` (default test/dns/zones; bundles pass the path, their __dirname differs). */
export async function startNamed(zonesDir: string | null = ZONES_DIR, options: NamedOptions = {}): Promise<NamedInstance> {
  const binary = findNamed();
  if (!binary) throw new Error('named not installed: apt-get install bind9');
  const ipv6 = await canBindIpv6();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'mailsec-named-'));
    const zones: string[] = [];
    for (const f of zonesDir === null ? [] : readdirSync(zonesDir)) {
      const m = ZONE_FILE.exec(f);
      if (!m) continue;
      zones.push(m[1]!);
      copyFileSync(join(zonesDir!, f), join(dir, f));
    }
    const files = new Map(zones.map((z) => [z, `${z}.zone`]));
    for (const [i, z] of (options.zones ?? []).entries()) {
      zones.push(z.name);
      files.set(z.name, `given-${i}.zone`);
      writeFileSync(join(dir, `given-${i}.zone`), z.text);
    }
    const port = await freePort();
    writeFileSync(join(dir, 'named.conf'), config(dir, port, ipv6, zones, files));
    const child: ChildProcess = spawn(binary, ['-g', '-c', join(dir, 'named.conf'), ...(ipv6 ? [] : ['-4'])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    let exited = false;
    // never leave a named behind, even if the test process ends without running `after`
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const exitPromise = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), process.off('exit', killOnExit), resolve())));
    child.once('error', (e) => ((exited = true), (log += `\nspawn error: ${e.message}`)));
    const stop = async (): Promise<void> => {
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await runningLine(child, () => log);
      await waitUntilAnswering(port, () => exited, options.probe ?? 'example.com');
      return { port, ipv6, server: `127.0.0.1:${port}`, dir, log: () => log, stop };
    } catch (e) {
      lastError = new Error(`named did not start (${e instanceof Error ? e.message : String(e)}):\n${log.split('\n').slice(-15).join('\n')}`);
      await stop();
    }
  }
  throw lastError;
}

/** A UDP socket on loopback that reads queries and never answers (for timeouts and cancellation). */
export async function silentUdpServer(): Promise<{ port: number; received: () => number; firstQuery: Promise<void>; close: () => void }> {
  const s = dgram.createSocket('udp4');
  let received = 0;
  const firstQuery = new Promise<void>((resolve) => s.once('message', () => resolve()));
  s.on('message', () => received++);
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  return { port: s.address().port, received: () => received, firstQuery, close: () => s.close() };
}

/** A UDP "server" on loopback whose replies the test writes (spoofing tests). */
export async function scriptedUdpServer(reply: (query: Buffer, send: (b: Buffer) => void, from: dgram.RemoteInfo) => void): Promise<{ port: number; close: () => void }> {
  const s = dgram.createSocket('udp4');
  s.on('message', (msg, rinfo) => reply(msg, (b) => s.send(b, rinfo.port, rinfo.address), rinfo));
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  return { port: s.address().port, close: () => s.close() };
}
