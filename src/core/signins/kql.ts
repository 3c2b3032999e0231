/**
 * The sign-in report's detections as KQL, for tenants whose sign-ins live in Log Analytics or
 * Microsoft Sentinel (the SigninLogs and AADNonInteractiveUserSignInLogs tables) rather than in
 * a file. One definition, two renderings: the thresholds (SigninThresholds), the client-app
 * classification (clientApps.ts), the error-code classes (errorCodes.ts) and the scripted
 * user agents (userAgents.ts) are the tables the local engine uses, written into the query.
 *
 * Each detection is a standalone query (the same `let` prelude, then its own tail), so any
 * of them can be pasted into Logs, saved as a Sentinel analytics rule or a workbook query.
 * The interactive and non-interactive tables are unioned after projecting the same columns
 * (their LocationDetails differ in type: dynamic in SigninLogs, string in the other).
 *
 * How each maps to the local rule (docs/microsoft365.md has the table):
 * - legacy-success: ResultType "0" (local: error code 0), a client app that is not empty and
 *   not modern (local: classifyClientApp → legacy), per user and client app;
 * - password-spray: credential-failure codes (local: ErrorCodeInfo.credentialFailure) by
 *   address, distinct users >= sprayMinUsers, with the users for whom the address got past
 *   the password (success, or a code with passwordAccepted);
 * - brute-force-burst: failures per minute per user, summed over a sliding window of
 *   bruteForceWindowMinutes minutes (series_fir over a 1-minute make-series: the local
 *   busiestWindow), >= bruteForceMinFailures;
 * - brute-force-daily: failures per user and UTC day (bin 1d), >= bruteForceDailyMinFailures;
 * - scripted-user-agents: the SCRIPTED_AGENTS patterns, in order, first match wins, an empty
 *   user agent is "empty";
 * - outcomes: successful / failed / interrupted (ErrorCodeInfo.interrupt) per client app.
 */
import { MODERN_CLIENT_APP_SPELLINGS } from './clientApps';
import { errorCodesWhere } from './errorCodes';
import { DEFAULT_THRESHOLDS, type SigninThresholds } from './types';
import { SCRIPTED_AGENTS } from './userAgents';

export type KqlDetectionId = 'legacy-success' | 'password-spray' | 'brute-force-burst' | 'brute-force-daily' | 'scripted-user-agents' | 'outcomes';

export interface KqlDetection {
  id: KqlDetectionId;
  title: string;
  /** The local rule it computes, in words (and its finding code where it has one). */
  localRule: string;
  /** A standalone query. */
  query: string;
}

export interface KqlOptions {
  /** How many days back (default 30). */
  days?: number;
  thresholds?: Partial<SigninThresholds>;
}

export const KQL_TABLES = ['SigninLogs', 'AADNonInteractiveUserSignInLogs'] as const;

/** A KQL string literal: verbatim (@"…", doubling quotes), so backslashes stay as written. */
export function kqlString(s: string): string {
  return `@"${s.replace(/"/g, '""')}"`;
}

function kqlList(items: readonly (string | number)[]): string {
  return `dynamic([${items.map((x) => JSON.stringify(String(x))).join(', ')}])`;
}

/** A JavaScript RegExp of userAgents.ts as an RE2 pattern (its flags as inline flags). */
function re2(pattern: RegExp): string {
  return `${pattern.flags.includes('i') ? '(?i)' : ''}${pattern.source}`;
}

function positive(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a whole number of at least 1, not ${v}.`);
  return v;
}

function prelude(days: number): string[] {
  const modern = MODERN_CLIENT_APP_SPELLINGS;
  return [
    `let lookback = ${days}d;`,
    `let modernClientApps = ${kqlList(modern)};`,
    `let credentialFailureCodes = ${kqlList(errorCodesWhere((i) => i.credentialFailure))};`,
    `let passwordAcceptedCodes = ${kqlList(['0', ...errorCodesWhere((i) => i.passwordAccepted)])};`,
    `let interruptCodes = ${kqlList(errorCodesWhere((i) => i.interrupt))};`,
    'let SignIns = union',
    '    (SigninLogs',
    '        | where TimeGenerated > ago(lookback)',
    '        | project TimeGenerated, UserPrincipalName, ClientAppUsed, ResultType, IPAddress, UserAgent, Country = tostring(LocationDetails.countryOrRegion), Interactive = true),',
    '    (AADNonInteractiveUserSignInLogs',
    '        | where TimeGenerated > ago(lookback)',
    '        | project TimeGenerated, UserPrincipalName, ClientAppUsed, ResultType, IPAddress, UserAgent, Country = tostring(parse_json(LocationDetails).countryOrRegion), Interactive = false)',
    '    | where isnotempty(UserPrincipalName)',
    '    | extend User = tolower(UserPrincipalName)',
    '    | extend App = tolower(replace_regex(trim(@"\\s+", ClientAppUsed), @"\\s+", " "))',
    '    | extend Legacy = isnotempty(App) and App !in (modernClientApps)',
    '    | extend Outcome = case(ResultType == "0", "success", ResultType in (interruptCodes), "interrupted", "failure");',
  ];
}

/** The detections as standalone KQL queries, thresholds and tables from the local engine's. */
export function signinDetectionsKql(options: KqlOptions = {}): KqlDetection[] {
  const days = positive('days', options.days ?? 30);
  const t: SigninThresholds = { ...DEFAULT_THRESHOLDS };
  for (const [k, v] of Object.entries(options.thresholds ?? {}) as [keyof SigninThresholds, number | undefined][]) if (v !== undefined) t[k] = positive(k, v);
  const head = prelude(days);
  const q = (lines: string[]) => [...head, ...lines].join('\n');
  const agentCases = SCRIPTED_AGENTS.map((a) => `Agent matches regex ${kqlString(re2(a.pattern))}, ${JSON.stringify(a.kind)}`);
  return [
    {
      id: 'legacy-success',
      title: 'Users still signing in successfully with legacy authentication',
      localRule: 'legacyUsers / signin-legacy-success: a successful sign-in (error code 0) with a client app that is not Browser or Mobile Apps and Desktop clients',
      query: q([
        'SignIns',
        '| where Legacy and Outcome == "success"',
        '| summarize SignIns = count(), First = min(TimeGenerated), Last = max(TimeGenerated), UserAgents = make_set(UserAgent, 10), IPAddresses = make_set(IPAddress, 10) by User, ClientAppUsed',
        '| order by SignIns desc, User asc',
      ]),
    },
    {
      id: 'password-spray',
      title: `Password spraying: ${t.sprayMinUsers} or more users failing from one address`,
      localRule: 'passwordSpray / signin-password-spray (and signin-attack-password-accepted): credential failures by IP address, distinct users at least sprayMinUsers',
      query: q([
        'SignIns',
        '| where isnotempty(IPAddress)',
        '| summarize FailedUsers = dcountif(User, ResultType in (credentialFailureCodes)), Attempts = countif(ResultType in (credentialFailureCodes)),',
        '    PasswordAccepted = make_set_if(User, ResultType in (passwordAcceptedCodes), 200), Countries = make_set(Country, 5), UserAgents = make_set(UserAgent, 5),',
        '    First = min(TimeGenerated), Last = max(TimeGenerated) by IPAddress',
        `| where FailedUsers >= ${t.sprayMinUsers}`,
        '| order by FailedUsers desc, Attempts desc',
      ]),
    },
    {
      id: 'brute-force-burst',
      title: `Brute force: ${t.bruteForceMinFailures} or more failures against one user within ${t.bruteForceWindowMinutes} minutes`,
      localRule: 'bruteForce rule "burst" / signin-brute-force: credential failures per user, the busiest sliding window of bruteForceWindowMinutes minutes',
      query: q([
        'SignIns',
        '| where ResultType in (credentialFailureCodes)',
        `| make-series Failures = count() default = 0 on TimeGenerated from bin(ago(lookback), 1m) to now() step 1m by User`,
        `| extend InWindow = series_fir(Failures, repeat(1, ${t.bruteForceWindowMinutes}), false, false)`,
        '| extend Busiest = toint(series_stats_dynamic(InWindow).max), TotalFailures = toint(series_stats_dynamic(Failures).sum)',
        `| where Busiest >= ${t.bruteForceMinFailures}`,
        '| project User, Busiest, TotalFailures',
        '| order by Busiest desc, User asc',
      ]),
    },
    {
      id: 'brute-force-daily',
      title: `Brute force, low and slow: ${t.bruteForceDailyMinFailures} or more failures against one user in a day`,
      localRule: 'bruteForce rule "daily" / signin-brute-force: credential failures per user and UTC day, at least bruteForceDailyMinFailures',
      query: q([
        'SignIns',
        '| where ResultType in (credentialFailureCodes)',
        '| summarize Failures = count(), IPAddresses = make_set(IPAddress, 10) by User, Day = bin(TimeGenerated, 1d)',
        `| where Failures >= ${t.bruteForceDailyMinFailures}`,
        '| order by Failures desc, User asc',
      ]),
    },
    {
      id: 'scripted-user-agents',
      title: 'Scripted user agents (attack tools and scripts rather than mail clients)',
      localRule: 'scriptedUserAgents / signin-scripted-user-agent, signin-empty-user-agent: the SCRIPTED_AGENTS patterns, first match wins; an empty user agent is "empty"',
      query: q([
        'SignIns',
        '| extend Agent = trim(@"\\s+", UserAgent)',
        '| extend Kind = case(isempty(Agent), "empty",',
        ...agentCases.map((c) => `    ${c},`),
        '    "")',
        '| where isnotempty(Kind)',
        '| summarize SignIns = count(), Succeeded = countif(Outcome == "success"), Failed = countif(Outcome == "failure"), Legacy = countif(Legacy), Users = dcount(User), IPAddresses = dcount(IPAddress) by UserAgent, Kind',
        '| order by SignIns desc',
      ]),
    },
    {
      id: 'outcomes',
      title: 'Successful, failed and interrupted sign-ins per client app',
      localRule: 'totals and clientApps: interrupted sign-ins (MFA and other prompts) counted apart, never as failures',
      query: q([
        'SignIns',
        '| summarize SignIns = count(), Succeeded = countif(Outcome == "success"), Failed = countif(Outcome == "failure"), Interrupted = countif(Outcome == "interrupted"), Users = dcount(User) by ClientAppUsed, Legacy',
        '| order by SignIns desc',
      ]),
    },
  ];
}

/** How to run the queries, in the portal's words (the CLI's text output and the editor document say it). */
export const KQL_HOW_TO_RUN = [
  'Large tenants keep sign-ins in Log Analytics or Microsoft Sentinel; run these there instead of exporting:',
  '- Log Analytics: Azure portal > Log Analytics workspaces > your workspace > Logs, paste one query, Run',
  '  (or Microsoft Entra admin center > Monitoring & health > Log Analytics).',
  '- Microsoft Sentinel: Analytics > Create > Scheduled query rule, paste a detection as the rule query',
  '  (set the query period to the lookback and the frequency to a day).',
  '- Workbooks: Azure Monitor > Workbooks > New > Add query, paste a query, Run Query.',
  'The workspace must receive the sign-in logs: Microsoft Entra admin center > Monitoring & health >',
  'Diagnostic settings, with SignInLogs and NonInteractiveUserSignInLogs sent to it.',
];

/** All detections as one KQL text: comments say what each is and which local rule it computes. */
export function signinDetectionsKqlText(options: KqlOptions = {}): string {
  const out: string[] = ['// mailsec: sign-in detections for SigninLogs and AADNonInteractiveUserSignInLogs', ...KQL_HOW_TO_RUN.map((l) => `// ${l}`), ''];
  for (const d of signinDetectionsKql(options)) {
    out.push(`// ---- ${d.id}: ${d.title}`, `// Local rule: ${d.localRule}`, d.query, '');
  }
  return out.join('\n');
}
