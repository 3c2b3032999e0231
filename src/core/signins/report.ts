/**
 * The legacy-authentication report: a JSON-serialisable object a webview can
 * render and the CLI can print, built from one streaming pass over the log.
 */
import type { Finding } from '../findings';
import { SigninAggregator, type GroupAgg } from './aggregate';
import { detectBruteForce, detectSpraying, type BruteForceRow, type SprayRow } from './attacks';
import type { ClientAppCategory } from './clientApps';
import { errorCodeInfo } from './errorCodes';
import { signinFindings } from './findings';
import { SigninReader } from './read';
import { DEFAULT_THRESHOLDS, type AnalyzeSigninsOptions, type SigninInput, type SigninSourceInfo, type SigninThresholds } from './types';

export interface ClientAppRow {
  clientApp: string;
  category: ClientAppCategory;
  recognised: boolean;
  signIns: number;
  success: number;
  failure: number;
  users: number;
}

export interface LegacyUserRow {
  user: string;
  displayName?: string;
  /** Successful legacy sign-ins. */
  signIns: number;
  first?: string;
  last?: string;
  clientApps: { value: string; count: number }[];
  userAgents: { value: string; count: number }[];
  ips: { value: string; count: number }[];
}

export interface FailedGroupRow {
  key: string;
  attempts: number;
  users: number;
  ips: number;
  first?: string;
  last?: string;
}

export interface FailedIpRow {
  ip: string;
  attempts: number;
  users: number;
  countries: string[];
  userAgents: string[];
  first?: string;
  last?: string;
}

export interface ScriptedAgentRow {
  userAgent: string;
  kind: string;
  signIns: number;
  success: number;
  failure: number;
  legacy: number;
  users: number;
  ips: number;
}

export interface DayRow {
  day: string;
  clientApp: string;
  category: ClientAppCategory;
  success: number;
  failure: number;
  other: number;
}

export interface ErrorCodeRow {
  code: number;
  count: number;
  legacyCount: number;
  meaning?: string;
  advice?: string;
}

export interface SigninReport {
  source: SigninSourceInfo;
  thresholds: SigninThresholds;
  period: { first?: string; last?: string };
  totals: SigninAggregator['totals'];
  clientApps: ClientAppRow[];
  /** Users who still sign in successfully with legacy authentication (they break when it is blocked). */
  legacyUsers: LegacyUserRow[];
  legacyUserCount: number;
  failedLegacy: {
    byIp: FailedIpRow[];
    byCountry: FailedGroupRow[];
    byUserAgent: FailedGroupRow[];
    ipCount: number;
    countryCount: number;
    userAgentCount: number;
  };
  passwordSpray: SprayRow[];
  bruteForce: BruteForceRow[];
  scriptedUserAgents: ScriptedAgentRow[];
  /** Sign-ins per UTC day and client app, for a chart. */
  perDay: DayRow[];
  errorCodes: ErrorCodeRow[];
  findings: Finding[];
  recommendations: string[];
}

export const BLOCK_LEGACY_AUTH_URL = 'https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication';

/**
 * The advice, current for late 2026: Exchange Online has refused Basic authentication for
 * every protocol except SMTP AUTH client submission since 2022; for that one, Microsoft's
 * message MC786329 ("Exchange Online to retire Basic Auth for Client Submission (SMTP AUTH)",
 * Exchange Team Blog) turns it off by default for existing tenants at the end of December 2026.
 */
export const SMTP_AUTH_RETIREMENT_URL = 'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835';

function legacyRecommendations(agg: SigninAggregator): string[] {
  const smtp = agg.clientApps.get('Authenticated SMTP');
  const smtpUsers = smtp ? [...agg.users].filter(([, u]) => u.legacySuccess > 0 && u.legacyApps.has('Authenticated SMTP')).length : 0;
  return [
    `To block legacy authentication for the whole tenant, use a Conditional Access policy that blocks it (client apps "Exchange ActiveSync clients" and "Other clients", access "Block"): ${BLOCK_LEGACY_AUTH_URL}. Exclude only the accounts that still need it, and move them off first.`,
    'Exchange Online already refuses Basic authentication for every protocol except SMTP AUTH client submission (Authenticated SMTP). Its retirement is scheduled: Microsoft\'s message MC786329 turns Basic authentication for SMTP AUTH off by default for existing tenants at the end of December 2026 (administrators can turn it back on until then). Move devices and applications to OAuth or another way of sending.',
    smtpUsers > 0
      ? `${smtpUsers} user(s) still sign in successfully with Authenticated SMTP: turn SMTP AUTH off for the organisation (Set-TransportConfig -SmtpClientAuthenticationDisabled $true) and back on only for their mailboxes (Set-CASMailbox -SmtpClientAuthenticationDisabled $false) — mailsec generates that script from this report.`
      : 'No successful Authenticated SMTP sign-in here: SMTP AUTH can be turned off for the organisation (Set-TransportConfig -SmtpClientAuthenticationDisabled $true) — mailsec generates that script.',
    'An Exchange Online authentication policy is not a Conditional Access policy: it refuses Basic authentication before the password is checked (guesses over it get no answer), where Conditional Access decides after the password was accepted. Today it still changes only Basic authentication for SMTP AUTH (AllowBasicAuthSmtp) for the users it is assigned to; use it for accounts under attack, next to Conditional Access, not instead of it.',
    'Check non-interactive sign-ins too: mail clients that keep a session sign in non-interactively, and the interactive log alone can miss them.',
  ];
}

function groups(map: Map<string, GroupAgg>, max: number): FailedGroupRow[] {
  return [...map]
    .map(([key, g]) => ({ key, attempts: g.attempts, users: g.users.size, ips: g.ips.size, ...g.span.toJSON() }))
    .sort((a, b) => b.attempts - a.attempts || (a.key < b.key ? -1 : 1))
    .slice(0, max);
}

export function buildReport(agg: SigninAggregator, source: SigninSourceInfo, thresholds: SigninThresholds, maxRows = 200): SigninReport {
  const clientApps: ClientAppRow[] = [...agg.clientApps]
    .map(([clientApp, a]) => ({ clientApp, category: a.category, recognised: a.recognised, signIns: a.total, success: a.success, failure: a.failure, users: a.users.size }))
    .sort((a, b) => b.signIns - a.signIns || (a.clientApp < b.clientApp ? -1 : 1));

  const legacy = [...agg.users].filter(([, u]) => u.legacySuccess > 0);
  const legacyUsers: LegacyUserRow[] = legacy
    .map(([user, u]) => ({
      user,
      ...(u.display ? { displayName: u.display } : {}),
      signIns: u.legacySuccess,
      ...u.legacySpan.toJSON(),
      clientApps: u.legacyApps.top(10),
      userAgents: u.legacyAgents.top(10),
      ips: u.legacyIps.top(10),
    }))
    .sort((a, b) => b.signIns - a.signIns || (a.user < b.user ? -1 : 1))
    .slice(0, maxRows);

  const failedIps = [...agg.ips].filter(([, a]) => a.legacyFailures > 0);
  const byIp: FailedIpRow[] = failedIps
    .map(([ip, a]) => ({ ip, attempts: a.legacyFailures, users: a.legacyFailedUsers.size, countries: a.countries.top(5).map((c) => c.value), userAgents: a.agents.top(5).map((c) => c.value), ...a.span.toJSON() }))
    .sort((a, b) => b.attempts - a.attempts || (a.ip < b.ip ? -1 : 1))
    .slice(0, maxRows);

  const scriptedUserAgents: ScriptedAgentRow[] = [...agg.agents]
    .map(([userAgent, a]) => ({ userAgent, kind: a.kind, signIns: a.total, success: a.success, failure: a.failure, legacy: a.legacy, users: a.users.size, ips: a.ips.size }))
    .sort((a, b) => b.signIns - a.signIns || (a.userAgent < b.userAgent ? -1 : 1))
    .slice(0, maxRows);

  const categories = new Map([...agg.clientApps].map(([name, a]) => [name, a.category]));
  const perDay: DayRow[] = [];
  for (const day of [...agg.perDay.keys()].sort()) {
    for (const [clientApp, [success, failure, other]] of [...agg.perDay.get(day)!].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      perDay.push({ day, clientApp, category: categories.get(clientApp) ?? 'none', success, failure, other });
    }
  }

  const errorCodes: ErrorCodeRow[] = [...agg.errorCodes]
    .map(([code, e]) => {
      const info = errorCodeInfo(code);
      return { code, count: e.count, legacyCount: e.legacy, ...(info ? { meaning: info.meaning } : {}), ...(info?.advice ? { advice: info.advice } : {}) };
    })
    .sort((a, b) => b.count - a.count || a.code - b.code);

  const report: SigninReport = {
    source,
    thresholds,
    period: agg.period.toJSON(),
    totals: { ...agg.totals },
    clientApps,
    legacyUsers,
    legacyUserCount: legacy.length,
    failedLegacy: {
      byIp,
      byCountry: groups(agg.failedLegacyByCountry, maxRows),
      byUserAgent: groups(agg.failedLegacyByAgent, maxRows),
      ipCount: failedIps.length,
      countryCount: agg.failedLegacyByCountry.size,
      userAgentCount: agg.failedLegacyByAgent.size,
    },
    passwordSpray: detectSpraying(agg.ips, thresholds).slice(0, maxRows),
    bruteForce: detectBruteForce(agg.users, agg.ips, thresholds).slice(0, maxRows),
    scriptedUserAgents,
    perDay,
    errorCodes,
    findings: [],
    recommendations: legacyRecommendations(agg),
  };
  report.findings = signinFindings(report);
  return report;
}

function thresholdsOf(t: Partial<SigninThresholds> | undefined): SigninThresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const k of Object.keys(out) as (keyof SigninThresholds)[]) {
    const v = t?.[k];
    if (v !== undefined) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} must be a whole number of at least 1, not ${v}.`);
      out[k] = v;
    }
  }
  return out;
}

/**
 * Reads a sign-in log (CSV or JSON from Entra admin center, Microsoft Graph
 * auditLogs/signIns, or Log Analytics) from a stream of chunks and reports on
 * legacy authentication. Throws SigninFormatError when the file is not a
 * sign-in log, and the signal's reason when aborted.
 */
export async function analyzeSignins(input: SigninInput, options: AnalyzeSigninsOptions = {}): Promise<SigninReport> {
  const thresholds = thresholdsOf(options.thresholds);
  const reader = new SigninReader(input, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const agg = new SigninAggregator();
  let n = 0;
  for await (const r of reader.records()) {
    agg.add(r);
    if (++n % 4096 === 0) options.signal?.throwIfAborted();
  }
  return buildReport(agg, reader.info, thresholds, options.maxRows ?? 200);
}

/** 0 nothing to act on, 1 users still sign in with legacy authentication, 2 password spraying or brute force. */
export function reportSeverity(report: SigninReport): 0 | 1 | 2 {
  if (report.passwordSpray.length > 0 || report.bruteForce.length > 0) return 2;
  return report.legacyUserCount > 0 ? 1 : 0;
}
