/** Password spraying and brute force, judged from the aggregated counts. */
import type { IpAgg, UserAgg } from './aggregate';
import type { SigninThresholds } from './types';

export interface AcceptedLogin {
  user: string;
  /** 'success': signed in; 'password-accepted': the password was right, then MFA or Conditional Access stopped it. */
  how: 'success' | 'password-accepted';
}

export interface SprayRow {
  ip: string;
  /** Distinct users with failed sign-ins from the address. */
  users: number;
  attempts: number;
  sampleUsers: string[];
  countries: string[];
  userAgents: string[];
  clientApps: string[];
  first?: string;
  last?: string;
  /** Users for whom a sign-in from this address succeeded or got past the password. */
  passwordAccepted: AcceptedLogin[];
}

export interface BruteForceRow {
  user: string;
  displayName?: string;
  /** Which rules found it: a burst (N failures within the window) and/or a day with N failures. */
  rules: ('burst' | 'daily')[];
  /** Most failures within one window. */
  failures: number;
  /** Most failures within one UTC day, and that day (absent when the log has no times). */
  dailyFailures: number;
  day?: string;
  totalFailures: number;
  /** Start and end of the busiest window (absent when the log has no times). */
  windowStart?: string;
  windowEnd?: string;
  ips: string[];
  /** Addresses that failed against this user and also got in (or past the password). */
  passwordAccepted: { ip: string; how: 'success' | 'password-accepted' }[];
}

export function detectSpraying(ips: Map<string, IpAgg>, t: SigninThresholds): SprayRow[] {
  const rows: SprayRow[] = [];
  for (const [ip, a] of ips) {
    if (a.failedUsers.size < t.sprayMinUsers) continue;
    const span = a.span.toJSON();
    rows.push({
      ip,
      users: a.failedUsers.size,
      attempts: a.credentialFailures,
      sampleUsers: [...a.failedUsers].sort().slice(0, 20),
      countries: a.countries.top(5).map((c) => c.value),
      userAgents: a.agents.top(5).map((c) => c.value),
      clientApps: a.clientApps.top(5).map((c) => c.value),
      ...span,
      passwordAccepted: [...a.accepted].map(([user, how]) => ({ user, how })).sort((x, y) => (x.user < y.user ? -1 : 1)),
    });
  }
  return rows.sort((a, b) => b.users - a.users || b.attempts - a.attempts || (a.ip < b.ip ? -1 : 1));
}

/** Most failures in any window of `windowMinutes` (minutes sorted; 0 means undated). */
function busiestWindow(minutes: Map<number, number>, windowMinutes: number): { count: number; from?: number; to?: number } {
  if (minutes.size === 1 && minutes.has(0)) return { count: minutes.get(0)! };
  const keys = [...minutes.keys()].sort((a, b) => a - b);
  let best = { count: 0, from: keys[0], to: keys[0] };
  let sum = 0;
  let j = 0;
  for (let i = 0; i < keys.length; i++) {
    sum += minutes.get(keys[i]!)!;
    while (keys[i]! - keys[j]! >= windowMinutes) sum -= minutes.get(keys[j++]!)!;
    if (sum > best.count) best = { count: sum, from: keys[j], to: keys[i] };
  }
  return best;
}

/** Most failures in one UTC day (minute keys; 0 means undated, which counts as one day). */
function busiestDay(minutes: Map<number, number>): { count: number; day?: number } {
  const days = new Map<number, number>();
  let undated = 0;
  for (const [m, n] of minutes) {
    if (m === 0) undated += n;
    else days.set(Math.floor(m / 1440), (days.get(Math.floor(m / 1440)) ?? 0) + n);
  }
  let best: { count: number; day?: number } = { count: undated };
  for (const [day, n] of days) if (n > best.count || (n === best.count && best.day !== undefined && day < best.day)) best = { count: n, day };
  return best;
}

export function detectBruteForce(users: Map<string, UserAgg>, addresses: Map<string, IpAgg>, t: SigninThresholds): BruteForceRow[] {
  const rows: BruteForceRow[] = [];
  const least = Math.min(t.bruteForceMinFailures, t.bruteForceDailyMinFailures);
  for (const [user, u] of users) {
    let total = 0;
    for (const n of u.failureMinutes.values()) total += n;
    if (total < least) continue;
    const w = busiestWindow(u.failureMinutes, t.bruteForceWindowMinutes);
    const d = busiestDay(u.failureMinutes);
    const rules: BruteForceRow['rules'] = [];
    if (w.count >= t.bruteForceMinFailures) rules.push('burst');
    if (d.count >= t.bruteForceDailyMinFailures) rules.push('daily');
    if (rules.length === 0) continue;
    const ips = u.failureIps.top(10).map((c) => c.value);
    const allFailedIps = u.failureIps.top();
    const passwordAccepted = allFailedIps.flatMap((c) => {
      const how = addresses.get(c.value)?.accepted.get(user);
      return how ? [{ ip: c.value, how }] : [];
    });
    rows.push({
      user,
      ...(u.display ? { displayName: u.display } : {}),
      rules,
      failures: w.count,
      dailyFailures: d.count,
      ...(d.day !== undefined ? { day: new Date(d.day * 86_400_000).toISOString().slice(0, 10) } : {}),
      totalFailures: total,
      ...(w.from !== undefined && w.to !== undefined
        ? { windowStart: new Date(w.from * 60000).toISOString(), windowEnd: new Date((w.to + 1) * 60000).toISOString() }
        : {}),
      ips,
      passwordAccepted,
    });
  }
  return rows.sort((a, b) => b.failures - a.failures || b.dailyFailures - a.dailyFailures || (a.user < b.user ? -1 : 1));
}
