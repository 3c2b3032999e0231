/**
 * Sign-in log analysis on a million rows in each export format: the Entra admin center
 * CSV, a Microsoft Graph auditLogs/signIns JSON page and a Log Analytics SigninLogs CSV.
 * Missing logs are generated first (bench/generate-signins.ts, into bench/data/).
 *
 *   node --import tsx bench/signins.bench.ts [--rows 1000000] [--only csv,graph,la-csv]
 *
 * Prints ONE line per measurement on stdout (everything else goes to stderr):
 *   BENCH {"name":"signins-csv-1m","seconds":12.3,"rssMB":95,"rows":1000000,"cpuSeconds":12.1}
 * Each analysis runs in its own Node process, so `rssMB` (peak resident memory of that
 * process) belongs to that format alone. `seconds` is the wall-clock time of
 * analyzeSignins reading the file through fs.createReadStream, as the extension does;
 * `cpuSeconds` the CPU time it took (a fairer figure on a machine that is busy).
 * Nothing here is asserted: a benchmark is never a test.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeSignins } from '../src/core/signins/index';

const root = join(__dirname, '..');

const FORMATS = {
  csv: { file: (tag: string) => `signins-${tag}.csv`, label: 'csv' },
  graph: { file: (tag: string) => `signins-${tag}.graph.json`, label: 'graph-json' },
  'la-csv': { file: (tag: string) => `signins-${tag}.la-csv.csv`, label: 'log-analytics-csv' },
} as const;
type Format = keyof typeof FORMATS;

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    only: { type: 'string' },
    /** Internal: analyse one file in this process and print its BENCH line. */
    measure: { type: 'string' },
    name: { type: 'string' },
  },
});

function tagOf(rows: number): string {
  return rows >= 1e6 && rows % 1e6 === 0 ? `${rows / 1e6}m` : rows >= 1e3 && rows % 1e3 === 0 ? `${rows / 1e3}k` : String(rows);
}

async function measure(file: string, name: string): Promise<void> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const report = await analyzeSignins(createReadStream(file, { highWaterMark: 1 << 20 }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = Math.round((used.user + used.system) / 1e4) / 100;
  const rssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const rows = report.source.records + report.source.skipped;
  process.stdout.write(`BENCH ${JSON.stringify({ name, seconds: Math.round(seconds * 100) / 100, rssMB, rows, cpuSeconds })}\n`);
}

function generate(format: Format, rows: number, out: string): void {
  process.stderr.write(`generating ${out} (${rows} rows, ${format})…\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/generate-signins.ts'), '--rows', String(rows), '--format', format, '--out', out], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`generating ${out} failed (exit ${r.status})`);
}

function main(): void {
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a whole number, not ${values.rows}`);
  const tag = tagOf(rows);
  const only = values.only ? (values.only.split(',') as Format[]) : (Object.keys(FORMATS) as Format[]);
  for (const format of only) {
    const spec = FORMATS[format];
    if (!spec) throw new Error(`unknown format ${format}; use ${Object.keys(FORMATS).join(', ')}`);
    const file = join(root, 'bench/data', spec.file(tag));
    if (!existsSync(file)) generate(format, rows, file);
    process.stderr.write(`analysing ${file} (${Math.round(statSync(file).size / 2 ** 20)} MB)…\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--measure', file, '--name', `signins-${spec.label}-${tag}`], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`analysing ${file} failed (exit ${r.status})`);
  }
}

if (values.measure) {
  measure(values.measure, values.name ?? 'signins').catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
} else {
  main();
}
