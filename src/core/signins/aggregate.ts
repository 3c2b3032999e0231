/**
 * Folds sign-in records into the counts a report needs, one record at a time.
 * Memory grows with distinct users, addresses, user agents and days, never with
 * the number of rows (per-user failure times are kept per minute).
 */
import { classifyClientApp, type ClientAppCategory, type ClientAppClass } from './clientApps';
import { CountMap, Span, bump, getOr } from './counters';
import { errorCodeInfo } from './errorCodes';
import { utcDay } from './time';
import { scriptedAgentKind } from './userAgents';
import type { SigninRecord } from './types';

export interface ClientAppAgg {
  category: ClientAppCategory;
  recognised: boolean;
  total: number;
  success: number;
  failure: number;
  users: Set<string>;
}

export interface UserAgg {
  display?: string;
  legacySuccess: number;
  legacySpan: Span;
  legacyApps: CountMap;
  legacyAgents: CountMap;
  legacyIps: CountMap;
  /** Credential failures (wrong password, locked, unknown account) by minute since the epoch (0 when undated). */
  failureMinutes: Map<number, number>;
  failureIps: CountMap;
}

export interface IpAgg {
  credentialFailures: number;
  failedUsers: Set<string>;
  /** Users for whom a sign-in from here succeeded or got past the password (the first MAX_ACCEPTED_PER_IP). */
  accepted: Map<string, 'success' | 'password-accepted'>;
  countries: CountMap;
  agents: CountMap;
  clientApps: CountMap;
  span: Span;
  legacyFailures: number;
  legacyFailedUsers: Set<string>;
}

export interface GroupAgg {
  attempts: number;
  users: Set<string>;
  ips: Set<string>;
  span: Span;
}

export interface AgentAgg {
  kind: string;
  total: number;
  success: number;
  failure: number;
  legacy: number;
  users: Set<string>;
  ips: Set<string>;
}

const AGENT_KIND_CACHE_MAX = 100_000;
/**
 * Users remembered per address as signed in (or past the password) from it: what says
 * whether a spraying or brute-forcing address got in. A shared address of the organisation
 * sees thousands of users; an attacker's, a handful. Bounding it keeps a million-row log
 * small (an unbounded map per user and address grew to a million entries on the benchmark).
 */
export const MAX_ACCEPTED_PER_IP = 200;

export class SigninAggregator {
  readonly totals = { signIns: 0, success: 0, failure: 0, interrupted: 0, unknown: 0, legacy: 0, legacySuccess: 0, legacyFailure: 0, modern: 0, noClientApp: 0, interactive: 0, nonInteractive: 0 };
  readonly period = new Span();
  readonly clientApps = new Map<string, ClientAppAgg>();
  readonly users = new Map<string, UserAgg>();
  readonly ips = new Map<string, IpAgg>();
  readonly failedLegacyByCountry = new Map<string, GroupAgg>();
  readonly failedLegacyByAgent = new Map<string, GroupAgg>();
  readonly agents = new Map<string, AgentAgg>();
  /** day -> client app -> [success, failure, other] */
  readonly perDay = new Map<string, Map<string, [number, number, number]>>();
  readonly errorCodes = new Map<number, { count: number; legacy: number }>();
  private readonly agentKinds = new Map<string, string | null>();

  private readonly appClasses = new Map<string, ClientAppClass>();
  private readonly dayKeys = new Map<number, string>();

  // The per-row look-ups below avoid closures and repeated string work: they run a
  // million times on a large log (see bench/signins.bench.ts).
  private user(r: SigninRecord): UserAgg {
    let u = this.users.get(r.user);
    if (u === undefined) {
      u = {
        legacySuccess: 0,
        legacySpan: new Span(),
        legacyApps: new CountMap(20),
        legacyAgents: new CountMap(20),
        legacyIps: new CountMap(20),
        failureMinutes: new Map<number, number>(),
        failureIps: new CountMap(20),
      };
      this.users.set(r.user, u);
    }
    if (r.userDisplayName && !u.display) u.display = r.userDisplayName;
    return u;
  }

  private ip(ip: string): IpAgg {
    let a = this.ips.get(ip);
    if (a === undefined) {
      a = {
        credentialFailures: 0,
        failedUsers: new Set<string>(),
        accepted: new Map<string, 'success' | 'password-accepted'>(),
        countries: new CountMap(10),
        agents: new CountMap(20),
        clientApps: new CountMap(20),
        span: new Span(),
        legacyFailures: 0,
        legacyFailedUsers: new Set<string>(),
      };
      this.ips.set(ip, a);
    }
    return a;
  }

  private appClass(value: string | undefined): ClientAppClass {
    if (value === undefined) return classifyClientApp(value);
    let c = this.appClasses.get(value);
    if (c === undefined) {
      c = classifyClientApp(value);
      if (this.appClasses.size < AGENT_KIND_CACHE_MAX) this.appClasses.set(value, c);
    }
    return c;
  }

  private day(ms: number): string {
    const n = Math.floor(ms / 86_400_000);
    let d = this.dayKeys.get(n);
    if (d === undefined) {
      d = utcDay(ms);
      this.dayKeys.set(n, d);
    }
    return d;
  }

  private agentKind(ua: string): string | undefined {
    const cached = this.agentKinds.get(ua);
    if (cached !== undefined) return cached ?? undefined;
    const kind = scriptedAgentKind(ua);
    if (this.agentKinds.size < AGENT_KIND_CACHE_MAX) this.agentKinds.set(ua, kind ?? null);
    return kind;
  }

  add(r: SigninRecord): void {
    const t = this.totals;
    t.signIns++;
    t[r.outcome]++;
    if (r.interactive === true) t.interactive++;
    else if (r.interactive === false) t.nonInteractive++;
    this.period.see(r.time);

    const app = this.appClass(r.clientApp);
    const legacy = app.category === 'legacy';
    if (legacy) t.legacy++;
    else if (app.category === 'modern') t.modern++;
    else t.noClientApp++;
    const success = r.outcome === 'success';
    const failure = r.outcome === 'failure';
    if (legacy && success) t.legacySuccess++;
    if (legacy && failure) t.legacyFailure++;

    const ca = getOr(this.clientApps, app.name, () => ({ category: app.category, recognised: app.recognised, total: 0, success: 0, failure: 0, users: new Set<string>() }));
    ca.total++;
    if (success) ca.success++;
    if (failure) ca.failure++;
    ca.users.add(r.user);

    if (r.time !== undefined) {
      const day = getOr(this.perDay, this.day(r.time), () => new Map<string, [number, number, number]>());
      const cell = getOr(day, app.name, () => [0, 0, 0] as [number, number, number]);
      cell[success ? 0 : failure ? 1 : 2]++;
    }

    const info = r.errorCode !== undefined ? errorCodeInfo(r.errorCode) : undefined;
    if (r.errorCode !== undefined && r.errorCode !== 0) {
      const ec = getOr(this.errorCodes, r.errorCode, () => ({ count: 0, legacy: 0 }));
      ec.count++;
      if (legacy) ec.legacy++;
    }
    // Without an error code, every failure counts as a credential failure (we cannot tell).
    const credentialFailure = failure && (r.errorCode === undefined || info?.credentialFailure === true);
    const accepted: 'success' | 'password-accepted' | undefined = success ? 'success' : (failure || r.outcome === 'interrupted') && info?.passwordAccepted ? 'password-accepted' : undefined;

    const u = this.user(r);
    if (legacy && success) {
      u.legacySuccess++;
      u.legacySpan.see(r.time);
      u.legacyApps.add(app.name);
      if (r.userAgent !== undefined) u.legacyAgents.add(r.userAgent);
      if (r.ip) u.legacyIps.add(r.ip);
    }
    if (credentialFailure) {
      bump(u.failureMinutes, r.time === undefined ? 0 : Math.floor(r.time / 60000));
      if (r.ip) u.failureIps.add(r.ip);
    }

    if (r.ip) {
      const ip = this.ip(r.ip);
      ip.span.see(r.time);
      if (credentialFailure) {
        ip.credentialFailures++;
        ip.failedUsers.add(r.user);
      }
      if (accepted && (ip.accepted.size < MAX_ACCEPTED_PER_IP || ip.accepted.has(r.user)) && ip.accepted.get(r.user) !== 'success') ip.accepted.set(r.user, accepted);
      if (r.country) ip.countries.add(r.country);
      if (r.userAgent !== undefined) ip.agents.add(r.userAgent);
      ip.clientApps.add(app.name);
      if (legacy && failure) {
        ip.legacyFailures++;
        ip.legacyFailedUsers.add(r.user);
      }
    }

    if (legacy && failure) {
      if (r.country) this.group(this.failedLegacyByCountry, r.country, r);
      if (r.userAgent !== undefined) this.group(this.failedLegacyByAgent, r.userAgent, r);
    }

    if (r.userAgent !== undefined) {
      const kind = this.agentKind(r.userAgent);
      if (kind) {
        const a = getOr(this.agents, r.userAgent, () => ({ kind, total: 0, success: 0, failure: 0, legacy: 0, users: new Set<string>(), ips: new Set<string>() }));
        a.total++;
        if (success) a.success++;
        if (failure) a.failure++;
        if (legacy) a.legacy++;
        a.users.add(r.user);
        if (r.ip) a.ips.add(r.ip);
      }
    }
  }

  private group(map: Map<string, GroupAgg>, key: string, r: SigninRecord): void {
    const g = getOr(map, key, () => ({ attempts: 0, users: new Set<string>(), ips: new Set<string>(), span: new Span() }));
    g.attempts++;
    g.users.add(r.user);
    if (r.ip) g.ips.add(r.ip);
    g.span.see(r.time);
  }
}
