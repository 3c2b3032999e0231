import { parseArgs } from 'node:util';
import { AuthPolicyInputError, authenticationPolicyScripts } from '../../core/powershell/authPolicy';
import { smtpClientAuthScripts } from '../../core/powershell/smtpAuth';
import { signinDetectionsKqlText } from '../../core/signins/kql';
import {
  analyzeSignins,
  policyUsers,
  POLICY_USER_GROUPS,
  reportSeverity,
  reportToCsv,
  reportToMarkdown,
  SigninFormatError,
  usersOf,
  type PolicyUserGroup,
  type SigninReport,
  type SigninThresholds,
} from '../../core/signins/index';
import { oneLine } from '../format';
import { InputFileError, openInputStream } from '../inputFiles';
import { EXIT, EXIT_STATUS_USAGE, FAIL_ON_OPTION, exitStatus, failOn, type Outcome } from '../exitStatus';
import { UsageError, oneOf, type CliCommand } from '../io';

const usage = `Usage: mailsec signins <file> [--format text|json|csv|markdown]
                       [--spray-threshold N] [--bruteforce-threshold N] [--bruteforce-window MINUTES]
                       [--bruteforce-daily-threshold N]
       mailsec signins <file> --policy-script auth|smtp-auth [--policy-users legacy,attacked,smtp]
                       [--policy-name NAME] [--rollback]
       mailsec signins --emit kql [--days N] [--spray-threshold N] [--bruteforce-threshold N] ...

Reports legacy authentication in a Microsoft Entra sign-in log: the CSV or JSON
download from Entra admin center (interactive or non-interactive sign-ins), a
Microsoft Graph auditLogs/signIns response (page, array or NDJSON), or a Log
Analytics SigninLogs export. Use - to read standard input.

Shows who still signs in successfully with legacy protocols (they break when it
is blocked), failed legacy attempts by address, country and user agent, password
spraying (one address failing against N or more users, default 10), brute force
(N or more failures against one user within the window, default 20 in 60
minutes; or N or more in one UTC day whatever the spacing, default 10, Entra smart
lockout's default), interrupted sign-ins (MFA and other prompts, counted apart,
never as failures) and scripted user agents.

--emit kql prints the same detections as KQL queries for Log Analytics and
Microsoft Sentinel (SigninLogs and AADNonInteractiveUserSignInLogs, the last N
days, default 30), with the same thresholds, client-app list and error-code
classes: for large tenants, where an export is impractical. No file is read.

--policy-script writes Exchange Online PowerShell from the report instead:
  auth       an authentication policy that refuses Basic authentication, assigned to
             the chosen users (default name mailsec-block-basic-auth)
  smtp-auth  SMTP AUTH off for the organisation, on for the chosen mailboxes
--policy-users picks them (comma-separated): legacy (still signing in with legacy
authentication), attacked (brute-forced, or sprayed and the password got through),
smtp (still using Authenticated SMTP). Default: legacy,attacked for auth, smtp for
smtp-auth. --rollback writes the script that undoes it.

${EXIT_STATUS_USAGE}
Here: 1 users still sign in with legacy authentication, 2 password spraying or brute
force found, 3 also when the file is not a sign-in log.`;

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not '${v}'`);
  return Number(v);
}

const day = (iso?: string) => iso?.replace('T', ' ').replace(/:\d\d\.\d+Z$|:\d\dZ$/, 'Z') ?? '-';

export function reportToText(file: string, r: SigninReport): string {
  const t = r.totals;
  const out: string[] = [];
  const schema = { 'entra-admin-center': 'Entra admin center', graph: 'Microsoft Graph', 'log-analytics': 'Log Analytics', other: 'unknown layout' }[r.source.schema];
  out.push(`${file}: ${r.source.kind.toUpperCase()} (${schema}), ${t.signIns} sign-ins${r.period.first ? ` from ${day(r.period.first)} to ${day(r.period.last)}` : ''}`);
  out.push(`Legacy authentication: ${t.legacy} sign-ins, ${t.legacySuccess} successful, ${t.legacyFailure} failed`);
  out.push(`Outcomes: ${t.success} successful, ${t.failure} failed, ${t.interrupted} interrupted (MFA and other prompts, counted apart, not as failures)${t.unknown ? `, ${t.unknown} unreadable` : ''}`);
  out.push('');
  out.push(`Users still signing in with legacy authentication: ${r.legacyUserCount}`);
  const TEXT_ROWS = 50;
  for (const u of r.legacyUsers.slice(0, TEXT_ROWS)) {
    out.push(`  ${u.user}  ${u.signIns} sign-in(s)  ${u.clientApps.map((c) => c.value).join(', ')}  last ${day(u.last)}  UA: ${u.userAgents.map((a) => JSON.stringify(a.value)).join(', ')}`);
  }
  if (r.legacyUserCount > TEXT_ROWS) out.push(`  ... and ${r.legacyUserCount - TEXT_ROWS} more (--format csv or json lists ${r.legacyUsers.length === r.legacyUserCount ? 'them all' : `the first ${r.legacyUsers.length}`})`);
  if (r.passwordSpray.length) {
    out.push('', `Password spraying: ${r.passwordSpray.length} address(es)`);
    for (const s of r.passwordSpray) {
      const got = s.passwordAccepted.length ? `  PASSWORD ACCEPTED for ${s.passwordAccepted.map((a) => a.user).join(', ')}` : '';
      out.push(`  ${s.ip}  ${s.users} users, ${s.attempts} attempts  ${s.countries.join('/')}  ${s.userAgents.map((a) => JSON.stringify(a)).join(', ')}${got}`);
    }
  }
  if (r.bruteForce.length) {
    out.push('', `Brute force: ${r.bruteForce.length} account(s)`);
    for (const b of r.bruteForce) {
      const got = b.passwordAccepted.length ? `  PASSWORD ACCEPTED from ${b.passwordAccepted.map((a) => a.ip).join(', ')}` : '';
      const daily = b.rules.includes('daily') ? `, ${b.dailyFailures} in one day${b.day ? ` (${b.day})` : ''}` : '';
      out.push(`  ${b.user}  ${b.failures} failures within ${r.thresholds.bruteForceWindowMinutes} min${b.windowStart ? ` from ${day(b.windowStart)}` : ''}${daily} (${b.totalFailures} in all)  ${b.ips.join(', ')}${got}`);
    }
  }
  if (r.failedLegacy.byIp.length) {
    out.push('', `Failed legacy sign-ins by address (top ${Math.min(10, r.failedLegacy.byIp.length)} of ${r.failedLegacy.ipCount})`);
    for (const g of r.failedLegacy.byIp.slice(0, 10)) out.push(`  ${g.ip}  ${g.attempts} attempts, ${g.users} user(s)  ${g.countries.join('/')}`);
  }
  if (r.findings.length) {
    out.push('', 'Findings:');
    for (const f of r.findings) out.push(`  ${f.severity} ${f.code} ${oneLine(f.message)}`);
  }
  out.push('', ...r.recommendations.map((x) => `* ${x}`));
  out.push('* Large tenants: `mailsec signins --emit kql` prints these detections as KQL to run in Log Analytics (Logs), as a Microsoft Sentinel scheduled analytics rule or in a workbook, over SigninLogs and AADNonInteractiveUserSignInLogs, without an export.', '');
  return out.join('\n');
}

export const signinsCommand: CliCommand = {
  name: 'signins',
  usage,
  async run(argv, io) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'spray-threshold': { type: 'string' },
        'bruteforce-threshold': { type: 'string' },
        'bruteforce-window': { type: 'string' },
        'bruteforce-daily-threshold': { type: 'string' },
        'policy-script': { type: 'string' },
        'policy-users': { type: 'string' },
        'policy-name': { type: 'string' },
        rollback: { type: 'boolean', default: false },
        emit: { type: 'string' },
        days: { type: 'string' },
        ...FAIL_ON_OPTION,
      },
    });
    const emit = values.emit === undefined ? undefined : oneOf('emit', values.emit, ['kql'] as const);
    if (values.days !== undefined && !emit) throw new UsageError('--days goes with --emit kql');
    const policyScript = values['policy-script'] === undefined ? undefined : oneOf('policy-script', values['policy-script'], ['auth', 'smtp-auth'] as const);
    let groups: PolicyUserGroup[] | undefined;
    if (values['policy-users'] !== undefined) {
      groups = values['policy-users'].split(',').map((g) => oneOf('policy-users', g.trim(), POLICY_USER_GROUPS));
    }
    if (!policyScript && (groups || values['policy-name'] !== undefined || values.rollback)) throw new UsageError('--policy-users, --policy-name and --rollback go with --policy-script');
    if (emit) {
      if (positionals.length) throw new UsageError('--emit kql reads no file: the queries run where the sign-ins are (Log Analytics, Sentinel)');
      if (values['policy-script'] !== undefined) throw new UsageError('--emit kql and --policy-script do not go together');
    } else if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give one sign-in log file' : 'name the sign-in log file (or - for standard input)');
    const format = oneOf('format', values.format, ['text', 'json', 'csv', 'markdown'] as const);
    const mode = failOn(values['fail-on']);
    const thresholds: Partial<SigninThresholds> = {};
    const spray = positiveInt('spray-threshold', values['spray-threshold']);
    const brute = positiveInt('bruteforce-threshold', values['bruteforce-threshold']);
    const window = positiveInt('bruteforce-window', values['bruteforce-window']);
    if (spray !== undefined) thresholds.sprayMinUsers = spray;
    if (brute !== undefined) thresholds.bruteForceMinFailures = brute;
    if (window !== undefined) thresholds.bruteForceWindowMinutes = window;
    const daily = positiveInt('bruteforce-daily-threshold', values['bruteforce-daily-threshold']);
    if (daily !== undefined) thresholds.bruteForceDailyMinFailures = daily;
    if (emit) {
      const days = positiveInt('days', values.days);
      io.stdout(signinDetectionsKqlText({ ...(days !== undefined ? { days } : {}), thresholds }));
      return 0;
    }
    const file = positionals[0]!;
    let report: SigninReport;
    try {
      const { chunks } = await openInputStream(io, file);
      report = await analyzeSignins(chunks, { thresholds });
    } catch (e) {
      if (e instanceof InputFileError || e instanceof SigninFormatError) {
        io.stderr(`mailsec signins: ${file}: ${e.message}\n`);
        return EXIT.couldNotRun;
      }
      throw e;
    }
    if (policyScript) {
      const users = policyUsers(report);
      const chosen = usersOf(groups ?? (policyScript === 'auth' ? ['legacy', 'attacked'] : ['smtp']), users);
      if (policyScript === 'smtp-auth') {
        const s = smtpClientAuthScripts({ exceptions: chosen });
        io.stdout(values.rollback ? s.rollback : s.apply);
        return 0;
      }
      try {
        const s = authenticationPolicyScripts({ policyName: values['policy-name'] ?? 'mailsec-block-basic-auth', users: chosen });
        for (const w of s.warnings) io.stderr(`mailsec signins: warning ${w}\n`);
        io.stdout(values.rollback ? s.rollback : s.apply);
        return 0;
      } catch (e) {
        if (e instanceof AuthPolicyInputError) throw new UsageError(`${e.message} (the report has ${users.legacy.length} legacy user(s), ${users.attacked.length} account(s) under attack, ${users.smtp.length} Authenticated SMTP user(s); choose them with --policy-users)`);
        throw e;
      }
    }
    if (format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
    else if (format === 'csv') io.stdout(reportToCsv(report));
    else if (format === 'markdown') io.stdout(reportToMarkdown(report));
    else io.stdout(reportToText(file, report));
    const outcomes: Outcome[] = ['clean', 'warnings', 'errors'];
    return exitStatus(outcomes[reportSeverity(report)]!, mode);
  },
};
