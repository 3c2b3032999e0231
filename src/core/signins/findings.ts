/**
 * Findings of a sign-in report (codes `signin-*`, documented in docs/diagnostics.md).
 * A log has no text positions worth pointing at, so spans are empty (0..0) and
 * `data` carries the subject (user, address, user agent).
 */
import type { Finding, Severity } from '../findings';
import type { SigninReport } from './report';

const NOWHERE = { start: 0, end: 0 };

function f(code: string, severity: Severity, message: string, data?: Record<string, unknown>): Finding {
  return { code, severity, message, span: NOWHERE, ...(data ? { data } : {}) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (xs: readonly string[], max = 5) => (xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', '));

export function signinFindings(report: SigninReport): Finding[] {
  const out: Finding[] = [];
  const { source, totals } = report;

  if (source.truncated) out.push(f('signin-read-stopped', 'error', `${source.truncated} The report covers the ${plural(source.records, 'sign-in')} read before that.`, { records: source.records }));
  if (source.skipped > 0) {
    const first = source.skippedSamples[0];
    out.push(
      f('signin-skipped-records', 'warning', `${plural(source.skipped, 'record')} could not be used${first ? ` (first on line ${first.line}: ${first.reason})` : ''}.`, {
        skipped: source.skipped,
        samples: source.skippedSamples,
      }),
    );
  }
  for (const m of source.missing) {
    const important = m.field === 'clientApp' || m.field === 'errorCode';
    out.push(f('signin-missing-field', important ? 'warning' : 'info', `The log has no ${m.field} field. ${m.consequence}`, { field: m.field }));
  }
  if (source.dateOrderNote) out.push(f('signin-date-order', 'info', source.dateOrderNote));
  if (totals.unknown > 0) {
    out.push(
      f(
        'signin-unknown-outcome',
        'warning',
        `${plural(totals.unknown, 'sign-in')} ${totals.unknown === 1 ? 'has' : 'have'} no readable result (no error code, and a Status that is not Success, Failure or Interrupted); they count as neither success nor failure. A PowerShell Export-Csv of Graph objects writes type names instead of values: export status.errorCode as a column.`,
        { signIns: totals.unknown },
      ),
    );
  }

  for (const s of report.passwordSpray) {
    out.push(
      f(
        'signin-password-spray',
        'error',
        `${s.ip} failed to sign in as ${plural(s.users, 'user')} (${plural(s.attempts, 'attempt')}${s.countries.length ? `, ${s.countries.join('/')}` : ''}): password spraying. Block the address and make sure legacy authentication is blocked.`,
        { ip: s.ip, users: s.users, attempts: s.attempts },
      ),
    );
    if (s.passwordAccepted.length) {
      const users = s.passwordAccepted.map((a) => a.user);
      out.push(
        f(
          'signin-attack-password-accepted',
          'error',
          `The spraying address ${s.ip} got past the password for ${plural(users.length, 'user')} (${list(users)}): treat these passwords as known to the attacker and reset them.`,
          { ip: s.ip, users: s.passwordAccepted },
        ),
      );
    }
  }
  for (const b of report.bruteForce) {
    const from = b.ips.length ? ` from ${list(b.ips, 3)}` : '';
    const data = { user: b.user, failures: b.failures, dailyFailures: b.dailyFailures, totalFailures: b.totalFailures, rules: b.rules };
    if (b.rules.includes('burst')) {
      const when = b.windowStart ? ` within ${report.thresholds.bruteForceWindowMinutes} minutes from ${b.windowStart}` : ' (the log has no times, so the whole file counts as one window)';
      out.push(f('signin-brute-force', 'error', `${b.user} had ${plural(b.failures, 'failed sign-in')}${when}${from}: brute force against the account.`, data));
    } else {
      const when = b.day ? ` on ${b.day} (UTC)` : ' in the log (it has no times, so the whole file counts as one day)';
      out.push(
        f(
          'signin-brute-force',
          'error',
          `${b.user} had ${plural(b.dailyFailures, 'failed sign-in')}${when}${from}, spread out (at most ${b.failures} within ${report.thresholds.bruteForceWindowMinutes} minutes): low-and-slow brute force against the account. Entra smart lockout locks after 10 failures by default, so ${report.thresholds.bruteForceDailyMinFailures} or more in a day is worth naming.`,
          data,
        ),
      );
    }
    if (b.passwordAccepted.length) {
      out.push(
        f(
          'signin-attack-password-accepted',
          'error',
          `An address that was guessing ${b.user}'s password then got past it (${list(b.passwordAccepted.map((p) => p.ip))}): reset the password and review the account.`,
          { user: b.user, ips: b.passwordAccepted },
        ),
      );
    }
  }

  if (report.legacyUserCount > 0) {
    const protocols = [...new Set(report.legacyUsers.flatMap((u) => u.clientApps.map((c) => c.value)))];
    out.push(
      f(
        'signin-legacy-success',
        'warning',
        `${plural(report.legacyUserCount, 'user')} still sign in successfully with legacy authentication (${list(protocols)}): their clients stop working when legacy authentication is blocked. Move them to modern authentication first.`,
        { users: report.legacyUserCount, signIns: totals.legacySuccess },
      ),
    );
  } else if (totals.signIns > 0 && !source.missing.some((m) => m.field === 'clientApp')) {
    out.push(
      f(
        'signin-no-legacy-success',
        'info',
        `No successful legacy sign-in in ${plural(totals.signIns, 'sign-in')}: blocking legacy authentication should break no one seen here (make sure the log covers enough days and the non-interactive sign-ins).`,
      ),
    );
  }

  const byKind = new Map<string, { agents: string[]; total: number; success: number }>();
  for (const a of report.scriptedUserAgents) {
    const k = byKind.get(a.kind) ?? { agents: [], total: 0, success: 0 };
    k.agents.push(a.userAgent);
    k.total += a.signIns;
    k.success += a.success;
    byKind.set(a.kind, k);
  }
  for (const [kind, k] of byKind) {
    if (kind === 'empty') {
      out.push(
        f(
          'signin-empty-user-agent',
          k.success > 0 ? 'warning' : 'info',
          `${plural(k.total, 'sign-in')} had no user agent${k.success ? ` (${k.success} succeeded)` : ''}. IMAP, POP and SMTP clients often send none, but so do scripts.`,
          { signIns: k.total, success: k.success },
        ),
      );
      continue;
    }
    out.push(
      f(
        'signin-scripted-user-agent',
        k.success > 0 ? 'warning' : 'info',
        `${plural(k.total, 'sign-in')} came from ${kind} (${list(k.agents.map((a) => JSON.stringify(a)), 3)})${k.success ? `, ${k.success} of them successful` : ''}: a script or attack tool rather than a mail client.`,
        { kind, signIns: k.total, success: k.success, userAgents: k.agents },
      ),
    );
  }

  const unknown = report.clientApps.filter((c) => !c.recognised);
  if (unknown.length) {
    out.push(
      f(
        'signin-unrecognised-client-app',
        'info',
        `Client app ${unknown.length === 1 ? 'value' : 'values'} mailsec does not know: ${list(unknown.map((c) => JSON.stringify(c.clientApp)))}. ${unknown.length === 1 ? 'It is' : 'They are'} counted as legacy authentication (anything but Browser and Mobile Apps and Desktop clients).`,
        { clientApps: unknown.map((c) => c.clientApp) },
      ),
    );
  }
  return out;
}
