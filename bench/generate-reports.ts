/**
 * Writes N DMARC aggregate reports of realistic size for `npm run bench`: 2 to 40 rows each,
 * sources drawn from a fixed pool of 2,000 addresses (a domain's senders and the spoofers that
 * recur), a third of them gzipped as receivers send them. Deterministic (seeded).
 *   node --import tsx bench/generate-reports.ts <dir> <count>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { aggregateXml, type Row } from '../test/unit/reports/reportBuilder';

const [dir, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 10000);
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const pool = Array.from({ length: 2000 }, (_, i) => `${10 + (i >> 8)}.${(i * 7) & 255}.${i & 255}.${1 + (i % 250)}`);
const orgs = ['google.com', 'Outlook.com', 'Yahoo', 'Mail.Ru', 'FastMail Pty Ltd', 'Comcast', 'web.de'];

mkdirSync(dir!, { recursive: true });
for (let i = 0; i < count; i++) {
  const rows: Row[] = Array.from({ length: 2 + Math.floor(rand() * 39) }, () => {
    const ok = rand() < 0.85;
    return { ip: pick(pool), count: 1 + Math.floor(rand() * 200), dkim: ok ? 'pass' : 'fail', spf: ok && rand() < 0.8 ? 'pass' : 'fail', dkimAuth: [{ domain: ok ? 'contoso.com' : pick(['sendgrid.net', 'contoso.com', 'spoof.example']), selector: 's1', result: ok ? 'pass' : 'fail' }] };
  });
  const org = pick(orgs);
  const xml = aggregateXml({ org, id: `r${i}`, begin: 1764547200 + 86400 * (i % 60), rows });
  const name = `${org.replace(/\W+/g, '')}!contoso.com!${i}`;
  if (i % 3 === 0) writeFileSync(join(dir!, `${name}.xml.gz`), gzipSync(xml));
  else writeFileSync(join(dir!, `${name}.xml`), xml);
}
