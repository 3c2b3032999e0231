import { BlockList, isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildView, parsedmarcRow, readReports, reportsToCsv, reportsToJson, reportsToMarkdown, reportsToText, defaultReportLimits, type ReadOptions, type SpfLookup } from '../../core/reports/index';
import { spfLookupOf, spfRecordsInZone, type ZoneSpfRecord } from '../../core/reports/zoneSpf';
import { readUtf8Sync } from '../inputFiles';
import { EXIT, EXIT_STATUS_USAGE, exitStatus, FAIL_ON_OPTION, failOn } from '../exitStatus';
import { UsageError, oneOf, type CliCommand } from '../io';
import { collectReportFiles, fileSources } from '../reportFiles';
import { PARALLEL_MIN_FILES, readReportsInThreads } from '../reportWorkers';
import { threadsFor } from '../threads';

const usage = `Usage: mailsec reports <files or folders> [--domain D] [--since YYYY-MM-DD]
                       [--format text|json|csv|ndjson|markdown]
                       [--zone FILE]... [--legitimate ADDRESS[/LEN]]...

Reads DMARC aggregate reports (RFC 7489 and RFC 9990 XML) and SMTP TLS reports
(RFC 8460 JSON) as receivers send them: .xml, .json, .gz, .zip (several reports
in one), the .eml or .mbox they arrived in, and folders of them. Duplicates (same
reporter and report id) are counted once.

For each domain: volume and DMARC pass rate, every sending source with its SPF
and DKIM results and alignment, forwarding, known sending services, and unknown
sources that fail everything (likely spoofing). Then readiness: what the next
policy step (p=quarantine, then p=reject) would hit today, and for each
legitimate source the fix — the SPF include or ip4:/ip6: to add, checked
against the 10-lookup limit on the record in --zone, or the DKIM selector to
publish.

  --domain D          only reports for this domain
  --since DATE        only reports whose period ends on or after DATE
  --zone FILE         zone file(s) holding the domain's SPF records (for the fix)
  --legitimate ADDR   an address or prefix you send from (counted as yours)
  --format ndjson     one line per report row in parsedmarc's aggregate field
                      names, for its Elasticsearch/OpenSearch and Splunk dashboards

Here 0 means every domain is ready for its next policy step (or at p=reject),
1 (a warning) that legitimate sources would be affected, 3 that no report could
be read.
${EXIT_STATUS_USAGE}`;

function sinceEpoch(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UsageError(`--since must be a date like 2026-11-01, not '${v}'`);
  return Date.parse(`${v}T00:00:00Z`) / 1000;
}

function legitimateList(values: string[]): ((ip: string) => boolean) | undefined {
  if (!values.length) return undefined;
  const list = new BlockList();
  for (const v of values) {
    const [addr, len] = v.split('/');
    const family = isIP(addr ?? '');
    const max = family === 6 ? 128 : 32;
    if (!family || (len !== undefined && (!/^\d+$/.test(len) || Number(len) > max))) throw new UsageError(`--legitimate takes an IP address or prefix like 192.0.2.0/24, not '${v}'`);
    list.addSubnet(addr!, len === undefined ? max : Number(len), family === 6 ? 'ipv6' : 'ipv4');
  }
  return (ip) => {
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
}

export const reportsCommand: CliCommand = {
  name: 'reports',
  usage,
  async run(argv, io) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        domain: { type: 'string' },
        since: { type: 'string' },
        zone: { type: 'string', multiple: true, default: [] },
        legitimate: { type: 'string', multiple: true, default: [] },
        ...FAIL_ON_OPTION,
      },
    });
    if (positionals.length === 0) throw new UsageError('name the report files or folders');
    const format = oneOf('format', values.format, ['text', 'json', 'csv', 'ndjson', 'markdown'] as const);
    const mode = failOn(values['fail-on']);
    const since = sinceEpoch(values.since);
    const legitimate = legitimateList(values.legitimate);
    let spfOf: SpfLookup | undefined;
    if (values.zone.length) {
      const records: ZoneSpfRecord[] = [];
      for (const z of values.zone) {
        try {
          records.push(...spfRecordsInZone(readUtf8Sync(resolve(io.cwd, z))));
        } catch (e) {
          io.stderr(`mailsec reports: cannot read zone ${z}: ${(e as Error).message}\n`);
          return EXIT.couldNotRun;
        }
      }
      spfOf = spfLookupOf(records);
    }
    const { files, missing } = collectReportFiles(positionals, io.cwd);
    for (const m of missing) io.stderr(`mailsec reports: ${m}: there is no such file or folder\n`);
    const options: ReadOptions = {
      domain: values.domain,
      since,
      legitimate,
      onRecord: format === 'ndjson' ? (head, record) => io.stdout(JSON.stringify(parsedmarcRow(head, record)) + '\n') : undefined,
    };
    const maxFile = defaultReportLimits.maxContainerBytes * 4;
    const threads = threadsFor(files.length, io.env, PARALLEL_MIN_FILES);
    const result = threads > 1 ? await readReportsInThreads(files, io.cwd, maxFile, options, threads) : await readReports(fileSources(files, io.cwd, maxFile), options);
    if (format !== 'text') for (const p of result.problems) io.stderr(`mailsec reports: not read: ${p.name}: ${p.message}\n`);
    const view = buildView(result, spfOf);
    if (format === 'json') io.stdout(reportsToJson(view));
    else if (format === 'csv') io.stdout(reportsToCsv(view));
    else if (format === 'markdown') io.stdout(reportsToMarkdown(view));
    else if (format === 'text') io.stdout(reportsToText(view));
    if (view.aggregateReports + view.tlsReports === 0) {
      if (!result.problems.length && !missing.length) io.stderr('mailsec reports: no DMARC or TLS report found in what was named\n');
      return EXIT.couldNotRun;
    }
    return exitStatus(view.domains.some((d) => !d.readiness.ready && d.readiness.next) ? 'warnings' : 'clean', mode);
  },
};
