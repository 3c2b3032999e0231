import { basename, dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../../core/findings';
import { LineIndex } from '../../core/text/lineIndex';
import { originFromFileName } from '../../core/zone/fileName';
import { fixAll } from '../../core/zone/fixes/fixAll';
import { lintZone, type LintOptions } from '../../core/zone/lint';
import { countBySeverity, findingJson, formatFindingLine, plural } from '../format';
import { writeFileAtomicSync } from '../atomicWrite';
import { writeFailureReason } from '../writeErrors';
import { readBoundedUtf8Sync, type InputFileError } from '../inputFiles';
import { UsageError, oneOf, type CliCommand, type CliIO } from '../io';
import { streamedArray, writeJson } from '../render/streamJson';
import { collectZoneFiles } from '../zoneFiles';

const usage = `Usage: mailsec lint [options] <file or folder>...

Checks DNS zone files: syntax as BIND reads it, TXT strings over 255 bytes, values DNS
hosts reject, DKIM/SPF/DMARC records, CNAME beside other data, TTLs and names.
Folders are searched for *.zone, *.zonefile, db.* and zone-like *.db files.

Options:
  --format text|json   output format (default text: file:line:col severity code message)
  --fix                apply the fixes that need no choice, in place: split TXT strings
                       over 255 bytes, add a trailing dot where a name repeats the origin
                       (each file replaced at once, never left half-written)
  --origin NAME        origin for files without $ORIGIN (default: from the file name,
                       e.g. db.example.com or example.com.zone)
  --no-web-form-warning  do not warn about TXT values over 255 bytes that web forms reject

Exit status: 0 no errors, 1 errors found, 2 usage error, 3 a file could not be read
(or, with --fix, written).`;

interface FileReport {
  file: string;
  apex: string;
  records: number;
  findings: { finding: Finding; text: string; file: string }[];
  fixed?: Record<string, number>;
}

function readInclude(path: string, from: string | undefined): { path: string; text: string } {
  const abs = resolve(dirname(from ?? '.'), path);
  try {
    return { path: abs, text: readBoundedUtf8Sync(abs) };
  } catch (e) {
    throw new Error((e as InputFileError).reason ?? (e as Error).message);
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      fix: { type: 'boolean', default: false },
      origin: { type: 'string' },
      'no-web-form-warning': { type: 'boolean', default: false },
    },
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  if (positionals.length === 0) throw new UsageError('Give at least one zone file or folder.');
  const { files, missing } = collectZoneFiles(positionals.map((p) => resolve(io.cwd, p)));
  const show = (p: string): string => relative(io.cwd, p) || p;
  let unreadable = missing.length > 0;
  for (const m of missing) io.stderr(`mailsec lint: ${show(m)}: no such file or folder\n`);

  const reports: FileReport[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readBoundedUtf8Sync(file);
    } catch (e) {
      io.stderr(`mailsec lint: ${show(file)}: cannot read: ${(e as InputFileError).reason ?? (e as Error).message}\n`);
      unreadable = true;
      continue;
    }
    const origin = values.origin ?? originFromFileName(basename(file));
    const options: LintOptions = { file, readInclude, webFormWarning: !values['no-web-form-warning'], ...(origin ? { origin } : {}) };
    const report: FileReport = { file, apex: '', records: 0, findings: [] };
    let findings: Finding[];
    let includes: { path: string; text: string }[];
    if (values.fix) {
      let fixed: ReturnType<typeof fixAll>;
      try {
        fixed = fixAll(text, options);
        if (fixed.text !== text) writeFileAtomicSync(file, fixed.text);
      } catch (e) {
        // This file stays as it was; the other files still run.
        const why = (e as NodeJS.ErrnoException).code ? `cannot write it: ${writeFailureReason(e)}` : (e as Error).message;
        io.stderr(`mailsec lint: ${show(file)}: not fixed, the file is unchanged: ${why}\n`);
        unreadable = true;
        continue;
      }
      text = fixed.text;
      report.fixed = fixed.applied;
      findings = fixed.analysis.findings;
      includes = fixed.analysis.includes;
      report.apex = fixed.analysis.apex;
      report.records = fixed.analysis.recordCount;
    } else {
      const r = lintZone(text, options);
      findings = r.findings;
      includes = r.includes;
      report.apex = r.apex;
      report.records = r.recordCount;
    }
    const texts = new Map<string, string>(includes.map((i) => [i.path, i.text]));
    for (const f of findings) report.findings.push({ finding: f, text: f.file ? (texts.get(f.file) ?? '') : text, file: f.file ?? file });
    reports.push(report);
  }

  const all = reports.flatMap((r) => r.findings.map((x) => x.finding));
  const counts = countBySeverity(all);
  const indexes = new Map<string, LineIndex>();
  const indexFor = (t: string, f: string): LineIndex => {
    let li = indexes.get(f);
    if (!li) indexes.set(f, (li = new LineIndex(t)));
    return li;
  };
  if (format === 'json') {
    // Written piece by piece: the findings of a large zone do not fit in one string.
    const json = {
      files: streamedArray(
        (function* () {
          for (const r of reports) {
            yield {
              file: show(r.file),
              zone: r.apex,
              records: r.records,
              ...(r.fixed ? { fixed: r.fixed } : {}),
              findings: streamedArray(
                (function* () {
                  for (const x of r.findings) yield { file: show(x.file), ...findingJson(indexFor(x.text, x.file), x.finding) };
                })(),
                r.findings.length,
              ),
            };
          }
        })(),
        reports.length,
      ),
      summary: { files: reports.length, ...counts },
    };
    writeJson(json, (t) => io.stdout(t));
  } else {
    for (const r of reports) {
      for (const x of r.findings) io.stdout(formatFindingLine(show(x.file), indexFor(x.text, x.file), x.finding) + '\n');
      if (r.fixed && Object.keys(r.fixed).length) {
        io.stdout(`${show(r.file)}: fixed ${Object.entries(r.fixed).map(([c, n]) => `${n} × ${c}`).join(', ')}\n`);
      }
    }
    io.stdout(`${plural(reports.length, 'file')} checked: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')}\n`);
  }
  if (unreadable) return 3;
  return counts.errors > 0 ? 1 : 0;
}

export const lintCommand: CliCommand = { name: 'lint', usage, run };
