/**
 * Writes a large synthetic Entra sign-in log for `npm run bench` and for trying
 * the sign-in report on a realistic size (not a test; nothing is timed here).
 *
 *   node --import tsx bench/generate-signins.ts [--rows 1000000] [--format csv|graph|array|ndjson|la-csv] [--out bench/data/signins-1m.csv] [--seed 1]
 *
 * The mix: 5,000 users signing in with Browser / Mobile Apps and Desktop clients,
 * about 1% of them still on IMAP4, POP3, Authenticated SMTP or Exchange ActiveSync,
 * MFA interruptions, a slow password spray from a few addresses, brute force
 * against a handful of accounts, and scripted user agents.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { PORTAL_COLUMNS, graphObject, portalValue, rng, toLogAnalyticsCsv, type FakeSignin } from '../test/unit/signins/logBuilder';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    format: { type: 'string', default: 'csv' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const rows = Number(values.rows);
const format = values.format!;
if (!['csv', 'graph', 'array', 'ndjson', 'la-csv'].includes(format)) throw new Error(`unknown --format ${format}`);
const ext = format.endsWith('csv') ? 'csv' : format === 'ndjson' ? 'ndjson' : 'json';
const out = resolve(values.out ?? `bench/data/signins-${rows >= 1e6 ? `${rows / 1e6}m` : rows}.${format === 'csv' || format === 'ndjson' ? ext : `${format}.${ext}`}`);

const random = rng(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const USERS = Array.from({ length: 5000 }, (_, i) => `user${i}@contoso.com`);
const LEGACY_USERS = USERS.filter((_, i) => i % 97 === 0);
const LEGACY_APPS = ['IMAP4', 'POP3', 'Authenticated SMTP', 'Exchange ActiveSync', 'Other clients', 'MAPI Over HTTP'];
const MODERN_AGENTS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36', 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)', 'Outlook-iOS/2.0'];
const SPRAY_IPS = ['203.0.113.66', '203.0.113.67', '198.18.0.9'];
const BRUTE_USERS = ['user42@contoso.com', 'user4242@contoso.com', 'user7@contoso.com'];
const START = Date.parse('2025-03-01T00:00:00Z');
const SPAN = 30 * 24 * 3600 * 1000;

function row(i: number): FakeSignin {
  const time = new Date(START + Math.floor((i / rows) * SPAN) + Math.floor(random() * 60000)).toISOString().replace(/\.\d+Z$/, 'Z');
  const r = random();
  if (r < 0.01) return { time, upn: pick(USERS), clientApp: 'Other clients', errorCode: 50126, ip: pick(SPRAY_IPS), country: 'RU', userAgent: 'BAV2ROPC' };
  if (r < 0.012) return { time, upn: pick(BRUTE_USERS), clientApp: 'IMAP4', errorCode: random() < 0.8 ? 50126 : 50053, ip: `192.0.2.${Math.floor(random() * 4)}`, country: 'CN', userAgent: 'python-requests/2.31.0' };
  if (r < 0.03) {
    const upn = pick(LEGACY_USERS);
    return { time, upn, clientApp: pick(LEGACY_APPS), errorCode: random() < 0.9 ? 0 : 50126, ip: `198.51.100.${USERS.indexOf(upn) % 250}`, country: 'FR', userAgent: random() < 0.5 ? '' : 'Apple-iPhone/1905.42' };
  }
  const mfa = random() < 0.05;
  return { time, upn: pick(USERS), clientApp: random() < 0.6 ? 'Browser' : 'Mobile Apps and Desktop clients', errorCode: mfa ? 50074 : 0, ip: `198.51.100.${Math.floor(random() * 250)}`, country: pick(['FR', 'DE', 'GB', 'US']), userAgent: pick(MODERN_AGENTS) };
}

const csv = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function main(): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const stream = createWriteStream(out);
  const write = async (s: string) => {
    if (!stream.write(s)) await once(stream, 'drain');
  };
  if (format === 'csv') await write(PORTAL_COLUMNS.map(csv).join(',') + '\r\n');
  if (format === 'graph') await write('{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":[\n');
  if (format === 'array') await write('[\n');
  const BATCH = 1000;
  for (let i = 0; i < rows; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, rows - i) }, (_, k) => row(i + k));
    let text: string;
    if (format === 'csv') text = batch.map((r, k) => PORTAL_COLUMNS.map((c) => csv(portalValue(r, c, i + k))).join(',')).join('\r\n') + '\r\n';
    else if (format === 'la-csv') text = toLogAnalyticsCsv(batch).split('\r\n').slice(i === 0 ? 0 : 1).join('\r\n');
    else if (format === 'ndjson') text = batch.map((r, k) => JSON.stringify(graphObject(r, i + k))).join('\n') + '\n';
    else text = (i === 0 ? '' : ',\n') + batch.map((r, k) => JSON.stringify(graphObject(r, i + k))).join(',\n');
    await write(text);
  }
  if (format === 'graph') await write('\n]}\n');
  if (format === 'array') await write('\n]\n');
  stream.end();
  await once(stream, 'finish');
  process.stdout.write(`wrote ${rows} sign-ins to ${out}\n`);
}

void main();
