/**
 * The SPF engine: RFC 7208 check_host() over our resolver and our record parser, the
 * one place an SPF result is computed. It evaluates a client address (the verdict of
 * `check spf --ip`, and what `verify` can call) and, without an address, walks the
 * policy as a receiver does for a client that no mechanism lists, which is the tree and
 * the findings of `check spf`. Both runs build the same tree, so the result shown never
 * contradicts the record findings: a syntax error anywhere in a record is a permerror
 * before any term is evaluated (§4.6), and the limits of §4.6.4 hold for every input:
 * at most 10 terms that query DNS (include, a, mx, ptr, exists, redirect), 10 MX names
 * per mx, 10 PTR names per ptr, 2 void lookups. Terms not reached are marked
 * "not evaluated".
 */
import type { Resolver } from '../dns/resolver';
import type { MxData } from '../dns/types';
import { checkSpfRecordSet, parseSpfRecord, SPF_LOOKUP_LIMIT, SPF_PERMERROR_CODES, type SpfTerm } from '../mailrecords/spf';
import { expandMacroString, nameProblem, queryName, usesPtrMacro, type MacroValues } from '../mailrecords/spfExpand';
import { dottedForm, inNetwork, ipText, parseIp, parseNetwork, reverseName, sameIp, type IpAddress } from '../net/ipBytes';
import { lookup, type Lookup } from './lookup';
import type { SpfNode, SpfTermNode, SpfTree } from './spfTree';

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

/** RFC 7208 §4.6.4. */
export const SPF_VOID_LIMIT = 2;
export const SPF_MX_LIMIT = 10;
export const SPF_PTR_LIMIT = 10;

export interface SpfRequest {
  /** The client address. Without it the policy is walked for a client no mechanism lists. */
  ip?: string;
  /** MAIL FROM. "" is the null sender: the identity is then postmaster@<helo> (RFC 7208 §2.4). */
  sender?: string;
  /** The HELO/EHLO name (%{h}; the identity for a null sender). */
  helo?: string;
  /** The domain whose policy is evaluated; by default the sender's domain. */
  domain?: string;
  /** %{r} in explanations. */
  receiver?: string;
  /** Explanation for a fail when the record has no usable exp=. */
  defaultExplanation?: string;
  signal?: AbortSignal;
  /** Seconds since the epoch for %{t} (tests). */
  now?: number;
}

export interface SpfOutcome extends SpfTree {
  result: SpfResult;
  /** Why, in words. */
  reason: string;
  /** The explanation of a fail (exp= or the default). */
  explanation?: string;
  /** The mechanism that decided, and the domain whose record holds it. */
  decidedBy?: { term: string; domain: string };
  /** The limit that ended the evaluation, when one did. */
  limit?: { kind: 'lookups' | 'voids' | 'mx'; term: string; domain: string };
  /** The identity evaluated. */
  sender: string;
  domain: string;
}

const QUALIFIER_RESULT: Record<string, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** Ends the evaluation with permerror or temperror (internal). */
class Stop {
  constructor(readonly result: 'permerror' | 'temperror', readonly reason: string) {}
}

interface State {
  resolver: Resolver;
  signal?: AbortSignal;
  ip?: IpAddress;
  values: Omit<MacroValues, 'd'>;
  lookups: number;
  voidCount: number;
  tree: SpfOutcome;
  ptrNames?: Promise<{ names: string[]; ptr: Lookup }>;
  /** name|type of the answers already in tree.dns (each shown once). */
  shown: Set<string>;
  defaultExplanation?: string;
}

interface HostResult {
  result: SpfResult;
  explanation?: string;
  reason: string;
  /** The mechanism that matched (through redirects), when one did. */
  decidedBy?: { term: string; domain: string };
}

function withCidr(address: string, len: number | undefined): string {
  return len === undefined ? address : `${address}/${len}`;
}

function voidReason(l: Lookup, what: string): string {
  return l.result?.rcode === 'NXDOMAIN' ? `${l.evidence.finalName} does not exist (NXDOMAIN)` : `${l.evidence.finalName} has no ${what}`;
}

async function ask(st: State, name: string, type: 'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR'): Promise<Lookup> {
  const l = await lookup(st.resolver, name, type, st.signal);
  const key = `${name.toLowerCase()}|${type}`;
  if (!st.shown.has(key)) {
    st.shown.add(key);
    st.tree.dns.push(l.evidence);
  }
  return l;
}

function fail(st: State, domain: string, l: Lookup, what: string): Stop {
  st.tree.failures.push({ domain, lookup: l, what });
  return new Stop('temperror', `${what}: ${l.failure}`);
}

function countLookup(st: State, t: SpfTerm, tn: SpfTermNode, domain: string): void {
  st.lookups++;
  tn.lookups = 1;
  if (st.lookups > SPF_LOOKUP_LIMIT) {
    tn.overLimit = true;
    st.tree.limit = { kind: 'lookups', term: t.text, domain };
    throw new Stop('permerror', `${t.text} in the record of ${domain} would be DNS lookup ${st.lookups}; the limit is ${SPF_LOOKUP_LIMIT} (RFC 7208 §4.6.4)`);
  }
}

function countVoid(st: State, t: SpfTerm, tn: SpfTermNode, domain: string, path: string[], name: string, reason: string): void {
  tn.void = reason;
  tn.voidName = name;
  st.voidCount++;
  st.tree.voids.push({ term: t.text, domain, name, reason, path });
  if (st.voidCount > SPF_VOID_LIMIT) {
    tn.overLimit = true;
    st.tree.limit = { kind: 'voids', term: t.text, domain };
    throw new Stop('permerror', `${t.text} in the record of ${domain} is void lookup ${st.voidCount}; the limit is ${SPF_VOID_LIMIT} (RFC 7208 §4.6.4)`);
  }
}

/** Names the PTR records of the client address point to whose addresses include it (first 10). */
function validatedNames(st: State): Promise<{ names: string[]; ptr: Lookup }> {
  st.ptrNames ??= (async () => {
    const ip = st.ip!;
    const ptr = await ask(st, reverseName(ip), 'PTR');
    if (ptr.failed) return { names: [], ptr };
    const out: string[] = [];
    for (const n of ptr.values.slice(0, SPF_PTR_LIMIT)) {
      const name = n.replace(/\.$/, '');
      if (nameProblem(name)) continue;
      const addr = await ask(st, name, ip.version === 4 ? 'A' : 'AAAA');
      if (addr.failed) continue;
      if (addr.values.some((v) => { const a = parseIp(v); return a !== undefined && sameIp(a, ip); })) out.push(name);
    }
    return { names: out, ptr };
  })();
  return st.ptrNames;
}

function isWithin(name: string, domain: string): boolean {
  const n = name.toLowerCase();
  const d = domain.toLowerCase().replace(/\.$/, '');
  return n === d || n.endsWith(`.${d}`);
}

async function ptrValue(st: State, domain: string): Promise<string> {
  if (!st.ip) return 'unknown';
  const { names } = await validatedNames(st);
  return names.find((n) => n.toLowerCase() === domain.toLowerCase()) ?? names.find((n) => isWithin(n, domain)) ?? names[0] ?? 'unknown';
}

async function expand(st: State, text: string, domain: string, explanation: boolean): Promise<string | undefined> {
  const ptr = usesPtrMacro(text) ? await ptrValue(st, domain) : 'unknown';
  return expandMacroString(text, { ...st.values, d: domain }, explanation, ptr);
}

/** The name a term targets: its domain-spec expanded (or the current domain); `invalid` when it cannot be a name. */
async function targetOf(st: State, t: SpfTerm, domain: string): Promise<{ name: string } | { invalid: string }> {
  if (t.domainSpec === undefined) return { name: domain };
  const expanded = t.hasMacros ? await expand(st, t.domainSpec, domain, false) : t.domainSpec;
  if (expanded === undefined) throw new Stop('permerror', `${t.text}: invalid macro`);
  return queryName(expanded);
}

/** Addresses of `name` for the client's family (both families when walking without a client). */
async function addresses(st: State, name: string, domain: string, what: string): Promise<{ list: IpAddress[]; texts: string[]; empty?: Lookup }> {
  const types: ('A' | 'AAAA')[] = st.ip ? [st.ip.version === 4 ? 'A' : 'AAAA'] : ['A', 'AAAA'];
  const lookups: Lookup[] = [];
  for (const type of types) lookups.push(await ask(st, name, type));
  const ok = lookups.filter((l) => !l.failed);
  if (ok.length === 0) throw fail(st, domain, lookups[0]!, `${what}: address of ${name}`);
  const texts = ok.flatMap((l) => l.values);
  const list = texts.map((v) => parseIp(v)).filter((a): a is IpAddress => a !== undefined);
  return { list, texts, empty: texts.length === 0 ? ok[0] : undefined };
}

function cidrOf(t: SpfTerm, a: IpAddress): number {
  return a.version === 4 ? t.cidr4 ?? 32 : t.cidr6 ?? 128;
}

function matches(st: State, t: SpfTerm, list: IpAddress[]): boolean {
  return st.ip !== undefined && list.some((a) => inNetwork(st.ip!, a, cidrOf(t, a)));
}

async function mechanism(st: State, t: SpfTerm, tn: SpfTermNode, node: SpfNode): Promise<boolean> {
  const domain = node.domain;
  const path = node.path;
  if (t.name === 'all') return true;
  if (t.name === 'ip4' || t.name === 'ip6') {
    const v = t.name === 'ip4' ? 4 : 6;
    tn.ranges = [withCidr(t.ip!, v === 4 ? t.cidr4 : t.cidr6)];
    const net = parseNetwork(t.ip!, v);
    return st.ip !== undefined && net !== undefined && inNetwork(st.ip, net, v === 4 ? t.cidr4 ?? 32 : t.cidr6 ?? 128);
  }
  if (t.lookup) countLookup(st, t, tn, domain);
  if (!st.ip && t.hasMacros) {
    tn.macro = true;
    return false;
  }
  if (t.name === 'ptr' && !st.ip) {
    tn.needsClient = true;
    return false;
  }
  const target = await targetOf(st, t, domain);
  if ('invalid' in target) {
    // judged locally (RFC 7208 §4.3, §7.3): a name that cannot exist has no records
    if (t.name === 'include') throw new Stop('permerror', `${t.text}: ${target.invalid}, so it has no SPF record`);
    tn.invalidName = target.invalid;
    return false;
  }
  const name = target.name;
  tn.target = name;
  switch (t.name) {
    case 'a': {
      const r = await addresses(st, name, domain, t.text);
      tn.ranges = r.list.map((a) => withCidr(ipText(a), a.version === 4 ? t.cidr4 : t.cidr6));
      if (r.empty) countVoid(st, t, tn, domain, path, name, voidReason(r.empty, st.ip ? `${st.ip.version === 4 ? 'A' : 'AAAA'} record` : 'A or AAAA record'));
      return matches(st, t, r.list);
    }
    case 'mx': {
      const mx = await ask(st, name, 'MX');
      if (mx.failed) throw fail(st, domain, mx, `${t.text}: MX of ${name}`);
      const hosts = (mx.result?.records ?? []).map((r) => r.data as MxData).sort((x, y) => x.preference - y.preference).map((m) => m.exchange.replace(/\.$/, ''));
      tn.mxHosts = hosts;
      if (hosts.length === 0) {
        countVoid(st, t, tn, domain, path, name, voidReason(mx, 'MX record'));
        return false;
      }
      if (hosts.length > SPF_MX_LIMIT) {
        tn.overLimit = true;
        st.tree.limit = { kind: 'mx', term: t.text, domain };
        throw new Stop('permerror', `${t.text} in the record of ${domain} finds ${hosts.length} MX names; the limit is ${SPF_MX_LIMIT} (RFC 7208 §4.6.4)`);
      }
      tn.ranges = [];
      for (const h of hosts) {
        if (h === '' || h === '.' || nameProblem(h)) continue;
        const r = await addresses(st, h, domain, t.text);
        for (const a of r.list) tn.ranges.push(withCidr(ipText(a), a.version === 4 ? t.cidr4 : t.cidr6));
        if (matches(st, t, r.list)) return true;
      }
      return false;
    }
    case 'ptr': {
      // a DNS error in the PTR lookup: no match, not temperror (RFC 7208 §5.5)
      const { names, ptr } = await validatedNames(st);
      if (!ptr.failed && ptr.values.length === 0) countVoid(st, t, tn, domain, path, ptr.evidence.name, voidReason(ptr, 'PTR record'));
      return names.some((n) => isWithin(n, name));
    }
    case 'exists': {
      const a = await ask(st, name, 'A');
      if (a.failed) throw fail(st, domain, a, `${t.text}: A of ${name}`);
      if (a.values.length === 0) {
        countVoid(st, t, tn, domain, path, name, voidReason(a, 'A record'));
        return false;
      }
      return true;
    }
    case 'include': {
      const child = await descend(st, t, tn, node, name, 'include');
      if (child.result === 'pass') return true;
      if (child.result === 'fail' || child.result === 'softfail' || child.result === 'neutral') return false;
      if (child.result === 'temperror') throw new Stop('temperror', child.reason);
      throw new Stop('permerror', child.result === 'none' ? `${t.text}: ${child.reason}` : child.reason);
    }
    default:
      return false;
  }
}

async function descend(st: State, t: SpfTerm, tn: SpfTermNode, node: SpfNode, name: string, via: 'include' | 'redirect'): Promise<HostResult> {
  if (node.path.some((p) => p.toLowerCase() === name.toLowerCase())) {
    tn.loop = [...node.path, name];
    st.tree.loops.push(tn.loop);
    throw new Stop('permerror', `${t.text}: include loop ${tn.loop.join(' → ')}`);
  }
  const child: SpfNode = { domain: name, via, terms: [], path: [...node.path, name] };
  tn.child = child;
  return checkHost(st, child);
}

async function explanationOf(st: State, exp: SpfTerm | undefined, domain: string): Promise<string | undefined> {
  if (!st.ip || !exp) return st.defaultExplanation;
  const target = await targetOf(st, exp, domain).catch(() => ({ invalid: 'macro' }));
  if ('invalid' in target) return st.defaultExplanation;
  const txt = await ask(st, target.name, 'TXT');
  if (txt.failed || txt.values.length !== 1) return st.defaultExplanation;
  return (await expand(st, txt.values[0]!, domain, true)) ?? st.defaultExplanation;
}

/** check_host() for node.domain; fills the node. Stops propagate. */
async function checkHost(st: State, node: SpfNode): Promise<HostResult> {
  const domain = node.domain;
  const done = (r: HostResult): HostResult => {
    node.result = r.result;
    return r;
  };
  const bad = nameProblem(domain) ?? (domain.includes('.') ? undefined : { invalid: `${domain} is not a fully qualified domain name` });
  if (bad) {
    node.problem = 'no-record';
    node.problemText = `${bad.invalid}`;
    return done({ result: 'none', reason: node.problemText });
  }
  const txt = await ask(st, domain, 'TXT');
  if (txt.failed) {
    node.problem = 'dns';
    node.problemText = txt.failure;
    throw fail(st, domain, txt, `SPF record of ${domain}`);
  }
  const set = checkSpfRecordSet(txt.values);
  for (const f of set.findings) st.tree.recordFindings.push({ domain, record: txt.values[f.index]!, findings: [f.finding] });
  if (set.spfIndexes.length === 0) {
    node.problem = 'no-record';
    node.problemText = txt.result?.rcode === 'NXDOMAIN' ? `${domain} does not exist (NXDOMAIN)` : `${domain} has no SPF record`;
    node.emptyAnswer = txt.values.length === 0;
    return done({ result: 'none', reason: node.problemText });
  }
  if (set.spfIndexes.length > 1) {
    node.problem = 'multiple-records';
    node.problemText = `${domain} has ${set.spfIndexes.length} SPF records`;
    return done({ result: 'permerror', reason: `${node.problemText} (RFC 7208 §4.5)` });
  }
  const record = txt.values[set.spfIndexes[0]!]!;
  node.record = record;
  const parsed = parseSpfRecord(record);
  st.tree.recordFindings.push({ domain, record, findings: parsed.findings.filter((f) => f.code !== 'spf-too-many-lookups') });
  const terms = parsed.record.terms;
  const hasAll = parsed.record.all !== undefined;
  node.terms = terms.map((t) => {
    const ignored = t.kind === 'modifier' && t.name === 'redirect' && hasAll; // "all" always matches first (RFC 7208 §6.1)
    return { text: t.text, name: t.name, qualifier: t.qualifier, lookups: 0, notEvaluated: !ignored && (t.kind === 'mechanism' || t.name === 'redirect') ? true : undefined, ignored: ignored || undefined };
  });
  const syntax = parsed.findings.find((f) => SPF_PERMERROR_CODES.has(f.code));
  if (syntax) {
    node.syntaxError = syntax.message;
    return done({ result: 'permerror', reason: `the SPF record of ${domain} has a syntax error: ${syntax.message}` });
  }
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    if (t.kind !== 'mechanism') continue;
    const tn = node.terms[k]!;
    tn.notEvaluated = undefined;
    if (await mechanism(st, t, tn, node)) {
      tn.matched = true;
      const result = QUALIFIER_RESULT[t.qualifier]!;
      const explanation = result === 'fail' ? await explanationOf(st, parsed.record.exp?.term, domain) : undefined;
      return done({ result, explanation, reason: `${t.text} in the record of ${domain} matched`, decidedBy: { term: t.text, domain } });
    }
  }
  const redirect = terms.findIndex((t) => t.kind === 'modifier' && t.name === 'redirect');
  if (redirect >= 0) {
    const t = terms[redirect]!;
    const tn = node.terms[redirect]!;
    if (!hasAll) {
      tn.notEvaluated = undefined;
      countLookup(st, t, tn, domain);
      if (!st.ip && t.hasMacros) {
        tn.macro = true;
        return done({ result: 'neutral', reason: `${t.text} depends on the message; evaluate with a client address to follow it` });
      }
      const target = await targetOf(st, t, domain);
      if ('invalid' in target) throw new Stop('permerror', `${t.text}: ${target.invalid}, so it has no SPF record`);
      const child = await descend(st, t, tn, node, target.name, 'redirect');
      if (child.result === 'none') throw new Stop('permerror', `${t.text}: ${child.reason}`);
      return done(child);
    }
  }
  return done({ result: 'neutral', reason: `no mechanism in the record of ${domain} matched` });
}

function splitSender(sender: string, helo: string | undefined): { sender: string; local: string; domain: string } {
  const s = sender === '' || sender === '<>' ? `postmaster@${helo ?? ''}` : sender;
  const at = s.lastIndexOf('@');
  if (at < 0) return { sender: `postmaster@${s}`, local: 'postmaster', domain: s };
  const local = s.slice(0, at) || 'postmaster';
  const domain = s.slice(at + 1);
  return { sender: `${local}@${domain}`, local, domain };
}

/**
 * check_host() (RFC 7208 §4) for one message, or, without `ip`, the walk for a client no
 * mechanism lists. Never throws for DNS trouble or hostile records (cancellation aside).
 */
export async function evaluateSpf(resolver: Resolver, request: SpfRequest): Promise<SpfOutcome> {
  const id = splitSender(request.sender ?? `postmaster@${request.domain ?? request.helo ?? ''}`, request.helo);
  const domain = (request.domain ?? id.domain).replace(/\.$/, '');
  const ip = request.ip !== undefined ? parseIp(request.ip) : undefined;
  if (request.ip !== undefined && !ip) throw new TypeError(`${request.ip} is not an IP address`);
  const root: SpfNode = { domain, via: 'root', terms: [], path: [domain] };
  const tree: SpfOutcome = { root, lookups: 0, voids: [], loops: [], ranges: [], recordFindings: [], failures: [], dns: [], truncated: false, result: 'none', reason: '', sender: id.sender, domain };
  const st: State = {
    resolver, signal: request.signal, ip, lookups: 0, voidCount: 0, tree, defaultExplanation: request.defaultExplanation, shown: new Set(),
    values: {
      s: id.sender, l: id.local, o: id.domain, h: request.helo ?? 'unknown',
      i: ip ? dottedForm(ip) : '', v: ip?.version === 6 ? 'ip6' : 'in-addr', c: ip ? ipText(ip) : '',
      r: request.receiver ?? 'unknown', t: String(request.now ?? Math.floor(Date.now() / 1000)),
    },
  };
  try {
    const r = await checkHost(st, root);
    tree.result = r.result;
    tree.reason = r.reason;
    tree.explanation = r.result === 'fail' ? r.explanation ?? st.defaultExplanation : undefined;
    tree.decidedBy = r.decidedBy;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    tree.result = e.result;
    tree.reason = e.reason;
  }
  tree.lookups = st.lookups;
  collectRanges(tree);
  return tree;
}

/** Ranges in evaluation order, each once (first place it appears); iterative, for deep trees. */
function collectRanges(tree: SpfOutcome): void {
  const seen = new Set<string>();
  const stack: { n: SpfNode; i: number }[] = [{ n: tree.root, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.n.terms.length) {
      stack.pop();
      continue;
    }
    const t = top.n.terms[top.i++]!;
    for (const range of t.ranges ?? []) {
      const key = `${t.qualifier}${range}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tree.ranges.push({ range, qualifier: t.qualifier, mechanism: t.name, term: t.text, path: top.n.path });
    }
    if (t.child) stack.push({ n: t.child, i: 0 });
  }
}
