/**
 * Which accounts a report puts forward for the Exchange Online scripts (authentication
 * policy, SMTP AUTH exceptions): one definition for the CLI, the report panel and the tests.
 */
import type { SigninReport } from './report';

export type PolicyUserGroup = 'legacy' | 'attacked' | 'smtp';
export const POLICY_USER_GROUPS: readonly PolicyUserGroup[] = ['legacy', 'attacked', 'smtp'];

export interface PolicyUsers {
  /** Users who still sign in successfully with legacy authentication. */
  legacy: string[];
  /** Accounts under attack: brute-forced, or sprayed and the password got through. */
  attacked: string[];
  /** Users who still sign in successfully with Authenticated SMTP (the SMTP AUTH exceptions). */
  smtp: string[];
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

export function policyUsers(report: SigninReport): PolicyUsers {
  return {
    legacy: sorted(report.legacyUsers.map((u) => u.user)),
    attacked: sorted([...report.bruteForce.map((b) => b.user), ...report.passwordSpray.flatMap((s) => s.passwordAccepted.map((a) => a.user))]),
    smtp: sorted(report.legacyUsers.filter((u) => u.clientApps.some((c) => c.value === 'Authenticated SMTP')).map((u) => u.user)),
  };
}

/** The users of the chosen groups, in order, without repeats. */
export function usersOf(groups: readonly PolicyUserGroup[], users: PolicyUsers): string[] {
  return sorted(groups.flatMap((g) => users[g]));
}
