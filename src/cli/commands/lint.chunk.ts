import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../../core/findings';
import { LineIndex } from '../../core/text/lineIndex';
import { TablePositions, type Positions } from '../../core/text/positionTable';
import { EXIT, EXIT_STATUS_USAGE, FAIL_ON_OPTION, exitStatus, failOn, outcomeOf } from '../exitStatus';
import { countBySeverity, findingJson, formatFindingLine, plural } from '../format';
import { UsageError, oneOf, type CliCommand, type CliIO } from '../io';
import { githubAnnotation } from '../render/github';
import { sarifLog } from '../render/sarif';
import { cliVersion } from '../version';
import { streamedArray, writeJson } from '../render/streamJson';
import { lintOneFile, type LintedFile, type LintSettings } from '../lintFile';
import { LINT_PARALLEL_MIN_FILES, lintFilesInThreads } from '../lintWorkers';
import { threadsFor } from '../threads';
import { collectZoneFiles } from '../zoneFiles';

const usage = `Usage: mailsec lint [options] <file or folder or ->...

Checks DNS zone files: syntax as BIND reads it, TXT strings over 255 bytes, values DNS
hosts reject, DKIM/SPF/DMARC records, CNAME beside other data, TTLs and names.
Folders are searched for the files the editor opens as zone files: *.zone, *.zonefile,
*.zone.signed, BIND's db.local/named.root/..., db.* under bind/, named/ or zones/
folders, and files whose first line reads like a zone ($ORIGIN, $TTL, an SOA, a
"; zone file" comment). Files you name are always checked. - reads standard input.

Options:
  --format text|json|sarif|github  output format (default text: file:line:col severity
                       code message; sarif: SARIF 2.1.0; github: workflow annotations)
  --fix                apply the fixes that need no choice, in place: split TXT strings
                       over 255 bytes, add a trailing dot where a name repeats the origin
                       (each file replaced at once, never left half-written)
  --origin NAME        origin for files without $ORIGIN (default: from the file name,
                       e.g. db.example.com or example.com.zone)
  --no-web-form-warning  do not warn about TXT values over 255 bytes that web forms reject
  --include-base DIR   resolve relative $INCLUDE paths from DIR, as BIND does from its
                       working directory (named.conf "directory"); default: relative to
                       the file that includes them
${EXIT_STATUS_USAGE}`;

interface FileReport {
  /** Absolute path, or '-' for standard input. */
  file: string;
  apex: string;
  records: number;
  findings: { finding: Finding; file: string }[];
  fixed?: Record<string, number>;
  /** Where offsets are in this file and the files it $INCLUDEs (absolute paths), built on first use. */
  positionsOf: (file: string) => Positions | undefined;
}

/** Positions in a linted file and its included files: from a worker's tables, or indexed from the texts. */
function positionsOf(r: LintedFile): (file: string) => Positions | undefined {
  if (r.positions) {
    const tables = new Map(r.positions.map(([file, table]) => [file, new TablePositions(table)]));
    return (file) => tables.get(file);
  }
  const texts = new Map<string, string>([...r.includes, [r.file, r.text]]);
  const indexes = new Map<string, LineIndex>();
  return (file) => {
    let index = indexes.get(file);
    const text = texts.get(file);
    if (!index && text !== undefined) indexes.set(file, (index = new LineIndex(text)));
    return index;
  };
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
      ...FAIL_ON_OPTION,
      'include-base': { type: 'string' },
    },
  });
  const format = oneOf('format', values.format, ['text', 'json', 'sarif', 'github'] as const);
  const mode = failOn(values['fail-on']);
  const includeBase = values['include-base'] === undefined ? undefined : resolve(io.cwd, values['include-base']);
  if (includeBase !== undefined && !statSync(includeBase, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--include-base ${values['include-base']}: no such folder.`);
  if (positionals.length === 0) throw new UsageError('Give at least one zone file or folder (or - for standard input).');
  const stdin = positionals.filter((p) => p === '-').length;
  if (stdin > 1) throw new UsageError('Standard input (-) can be read once.');
  if (stdin && values.fix) throw new UsageError('--fix rewrites files in place; it cannot fix standard input.');
  const { files, missing } = collectZoneFiles(positionals.filter((p) => p !== '-').map((p) => resolve(io.cwd, p)));
  if (stdin) files.unshift('-');
  const show = (p: string): string => (p === '-' ? '-' : relative(io.cwd, p) || p);
  let unreadable = missing.length > 0;
  for (const m of missing) io.stderr(`mailsec lint: ${show(m)}: no such file or folder\n`);

  const reports: FileReport[] = [];
  const settings: LintSettings = { cwd: io.cwd, origin: values.origin, fix: values.fix, webFormWarning: !values['no-web-form-warning'], includeBase };
  const take = (r: LintedFile): void => {
    if (r.problem) {
      io.stderr(`mailsec lint: ${show(r.file)}: ${r.problem}\n`);
      unreadable = true;
      return;
    }
    const report: FileReport = { file: r.file, apex: r.apex, records: r.records, findings: [], positionsOf: positionsOf(r), ...(r.fixed ? { fixed: r.fixed } : {}) };
    for (const f of r.findings) report.findings.push({ finding: f, file: f.file ?? r.file });
    reports.push(report);
  };
  const threads = stdin ? 1 : threadsFor(files.length, io.env, LINT_PARALLEL_MIN_FILES);
  if (threads > 1) await lintFilesInThreads(files, settings, threads, take);
  else for (const file of files) take(lintOneFile(file, settings, file === '-' ? await io.readStdin() : undefined));

  const all = reports.flatMap((r) => r.findings.map((x) => x.finding));
  const counts = countBySeverity(all);
  const NOWHERE = new LineIndex('');
  const at = (r: FileReport, file: string): Positions => r.positionsOf(file) ?? NOWHERE;
  if (format === 'sarif') {
    const items = reports.flatMap((r) =>
      r.findings.map((x) => ({
        path: x.file === '-' ? undefined : x.file,
        lines: at(r, x.file),
        finding: x.finding,
        relatedLines: (f: string) => r.positionsOf(f),
      })),
    );
    io.stdout(JSON.stringify(sarifLog(items, { version: cliVersion, cwd: io.cwd, files: reports.map((r) => (r.file === '-' ? undefined : r.file)) }), null, 2) + '\n');
  } else if (format === 'github') {
    for (const r of reports) for (const x of r.findings) io.stdout(githubAnnotation(show(x.file), at(r, x.file), x.finding) + '\n');
  } else if (format === 'json') {
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
                  for (const x of r.findings) yield { file: show(x.file), ...findingJson(at(r, x.file), x.finding) };
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
      for (const x of r.findings) io.stdout(formatFindingLine(show(x.file), at(r, x.file), x.finding) + '\n');
      if (r.fixed && Object.keys(r.fixed).length) {
        io.stdout(`${show(r.file)}: fixed ${Object.entries(r.fixed).map(([c, n]) => `${n} × ${c}`).join(', ')}\n`);
      }
    }
    io.stdout(`${plural(reports.length, 'file')} checked: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')}\n`);
  }
  if (unreadable) return EXIT.couldNotRun;
  return exitStatus(outcomeOf(counts), mode);
}

export const lintCommand: CliCommand = { name: 'lint', usage, run };
