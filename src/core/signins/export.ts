/**
 * The report as CSV (one table, a Section column per kind of row, for a
 * spreadsheet) and as Markdown (for a ticket or a wiki page).
 *
 * Log values are attacker-influenced (user agents, even user names): CSV cells
 * that a spreadsheet would run as a formula (starting with = + - @ or a tab/CR)
 * get a leading apostrophe, and Markdown cells are escaped so they cannot
 * break the table or inject HTML.
 */
import type { SigninReport } from './report';
import { pushAll } from '../arrays';

const CSV_COLUMNS = ['Section', 'Subject', 'Count', 'Users', 'First seen (UTC)', 'Last seen (UTC)', 'Client apps', 'User agents', 'IP addresses', 'Details'];

export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const join = (xs: readonly { value: string }[] | readonly string[]) => xs.map((x) => (typeof x === 'string' ? x : x.value)).join('; ');

export function reportToCsv(report: SigninReport): string {
  const rows: (string | number | undefined)[][] = [CSV_COLUMNS];
  for (const u of report.legacyUsers) {
    rows.push(['legacy-user', u.user, u.signIns, 1, u.first, u.last, join(u.clientApps), join(u.userAgents), join(u.ips), u.displayName ?? '']);
  }
  for (const s of report.passwordSpray) {
    const accepted = s.passwordAccepted.map((a) => `${a.user} (${a.how})`).join('; ');
    rows.push(['password-spray', s.ip, s.attempts, s.users, s.first, s.last, join(s.clientApps), join(s.userAgents), s.ip, accepted ? `password accepted for: ${accepted}` : '']);
  }
  for (const b of report.bruteForce) {
    const accepted = b.passwordAccepted.map((a) => `${a.ip} (${a.how})`).join('; ');
    rows.push(['brute-force', b.user, b.failures, 1, b.windowStart, b.windowEnd, '', '', join(b.ips), `${b.rules.join('+')}; ${b.dailyFailures} failures in one day${b.day ? ` (${b.day})` : ''}; ${b.totalFailures} failures in all${accepted ? `; password accepted from: ${accepted}` : ''}`]);
  }
  for (const ip of report.failedLegacy.byIp) rows.push(['failed-legacy-ip', ip.ip, ip.attempts, ip.users, ip.first, ip.last, '', join(ip.userAgents), ip.ip, join(ip.countries)]);
  for (const c of report.failedLegacy.byCountry) rows.push(['failed-legacy-country', c.key, c.attempts, c.users, c.first, c.last, '', '', '', `${c.ips} addresses`]);
  for (const a of report.failedLegacy.byUserAgent) rows.push(['failed-legacy-user-agent', a.key, a.attempts, a.users, a.first, a.last, '', a.key, '', `${a.ips} addresses`]);
  for (const a of report.scriptedUserAgents) rows.push(['scripted-user-agent', a.userAgent, a.signIns, a.users, '', '', '', a.userAgent, '', `${a.kind}; ${a.success} succeeded, ${a.failure} failed, ${a.legacy} legacy`]);
  for (const c of report.clientApps) rows.push(['client-app', c.clientApp, c.signIns, c.users, '', '', c.clientApp, '', '', `${c.category}${c.recognised ? '' : ' (unrecognised)'}; ${c.success} succeeded, ${c.failure} failed`]);
  for (const e of report.errorCodes) rows.push(['error-code', e.code, e.count, '', '', '', '', '', '', `${e.legacyCount} legacy; ${e.meaning ?? 'not explained'}`]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function mdCell(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}

function table(head: string[], rows: (string | number | undefined)[][]): string[] {
  if (!rows.length) return ['_None._', ''];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`), ''];
}

export function reportToMarkdown(report: SigninReport): string {
  const t = report.totals;
  const out: string[] = ['# Legacy authentication sign-in report', ''];
  const period = report.period.first ? ` from ${report.period.first} to ${report.period.last}` : '';
  out.push(
    `${t.signIns} sign-ins${period} (${report.source.kind.toUpperCase()}, ${report.source.schema}); ${t.legacy} with legacy authentication, ${t.legacySuccess} of them successful.`,
    '',
  );
  if (report.findings.length) {
    out.push('## Findings', '');
    for (const f of report.findings) out.push(`- **${f.severity}** \`${f.code}\`: ${mdCell(f.message)}`);
    out.push('');
  }
  out.push(`## Users still signing in with legacy authentication (${report.legacyUserCount})`, '');
  pushAll(out, table(['User', 'Sign-ins', 'First seen', 'Last seen', 'Client apps', 'User agents'], report.legacyUsers.map((u) => [u.user, u.signIns, u.first, u.last, join(u.clientApps), join(u.userAgents)])));
  out.push('## Password spraying', '');
  pushAll(out, table(['IP address', 'Users', 'Attempts', 'Countries', 'User agents', 'Password accepted for'], report.passwordSpray.map((s) => [s.ip, s.users, s.attempts, join(s.countries), join(s.userAgents), s.passwordAccepted.map((a) => a.user).join('; ')])));
  out.push('## Brute force', '');
  pushAll(out, table(['User', 'Rules', 'Failures in window', 'Window start', 'Failures in a day', 'Day', 'All failures', 'IP addresses'], report.bruteForce.map((b) => [b.user, b.rules.join(', '), b.failures, b.windowStart, b.dailyFailures, b.day, b.totalFailures, join(b.ips)])));
  out.push(`## Failed legacy sign-ins by IP address (${report.failedLegacy.ipCount})`, '');
  pushAll(out, table(['IP address', 'Attempts', 'Users', 'Countries', 'User agents'], report.failedLegacy.byIp.map((r) => [r.ip, r.attempts, r.users, join(r.countries), join(r.userAgents)])));
  out.push(`## Failed legacy sign-ins by country (${report.failedLegacy.countryCount})`, '');
  pushAll(out, table(['Country', 'Attempts', 'Users', 'Addresses'], report.failedLegacy.byCountry.map((r) => [r.key, r.attempts, r.users, r.ips])));
  out.push(`## Failed legacy sign-ins by user agent (${report.failedLegacy.userAgentCount})`, '');
  pushAll(out, table(['User agent', 'Attempts', 'Users', 'Addresses'], report.failedLegacy.byUserAgent.map((r) => [r.key || '(empty)', r.attempts, r.users, r.ips])));
  out.push('## Scripted user agents', '');
  pushAll(out, table(['User agent', 'Kind', 'Sign-ins', 'Succeeded', 'Users'], report.scriptedUserAgents.map((a) => [a.userAgent || '(empty)', a.kind, a.signIns, a.success, a.users])));
  out.push('## Client apps', '');
  pushAll(out, table(['Client app', 'Kind', 'Sign-ins', 'Succeeded', 'Failed', 'Users'], report.clientApps.map((c) => [c.clientApp, `${c.category}${c.recognised ? '' : ' (unrecognised)'}`, c.signIns, c.success, c.failure, c.users])));
  out.push('## Error codes', '');
  pushAll(out, table(['Code', 'Count', 'Legacy', 'Meaning'], report.errorCodes.map((e) => [e.code, e.count, e.legacyCount, e.meaning ?? ''])));
  out.push('## What to do', '');
  pushAll(out, report.recommendations.map((r) => `- ${r}`));
  out.push('');
  return out.join('\n');
}
