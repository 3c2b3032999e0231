/**
 * Expanding an SPF policy into its tree: every include: and redirect= fetched (siblings
 * in parallel), a/mx resolved to the addresses they authorise, DNS-lookup terms counted
 * across the whole tree (RFC 7208 §4.6.4: include, a, mx, ptr, exists, redirect), void
 * lookups recorded with the term that caused them, loops recorded with their path.
 * Records are parsed by the shared validator (src/core/mailrecords).
 */
import type { Finding } from '../findings';
import type { Resolver } from '../dns/resolver';
import type { MxData } from '../dns/types';
import { checkSpfRecordSet, parseSpfRecord, type SpfTerm } from '../mailrecords';
import { lookup, type Lookup } from './lookup';
import type { DnsEvidence } from './types';

/** RFC 7208 §4.6.4: at most 10 MX hosts are looked up for one mx mechanism. */
export const SPF_MX_LIMIT = 10;
/** Stop fetching after this many records: a tree this big is broken anyway, and we must not be a traffic amplifier. */
const MAX_RECORDS = 60;

export interface SpfTermNode {
  text: string;
  /** Mechanism or modifier name, lower case. */
  name: string;
  qualifier: string;
  /** 1 when the term costs a DNS lookup towards the limit of 10. */
  lookups: number;
  /** The network of an ip4/ip6 term, or the addresses an a/mx term resolved to (with its CIDR length). */
  ranges?: string[];
  /** MX hosts an mx term found. */
  mxHosts?: string[];
  /** The lookup returned nothing (NXDOMAIN or no records): a void lookup, why. */
  void?: string;
  /** The name that returned nothing. */
  voidName?: string;
  /** The target contains macros: it depends on the message and was not expanded. */
  macro?: boolean;
  /** include/redirect: the record fetched. */
  child?: SpfNode;
  /** redirect= not followed because the record has "all". */
  ignored?: boolean;
  /** The include/redirect target is already on the path (a loop). */
  loop?: string[];
}

export interface SpfNode {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  /** The record, when exactly one SPF record was found. */
  record?: string;
  terms: SpfTermNode[];
  /** What went wrong fetching this record, if anything. */
  problem?: 'no-record' | 'multiple-records' | 'dns' | 'not-expanded';
  /** Sentence for the problem. */
  problemText?: string;
  /** Domains from the root to here. */
  path: string[];
  /** The TXT lookup came back empty (NXDOMAIN or no TXT at all): a void lookup when included. */
  emptyAnswer?: boolean;
}

export interface SpfRange {
  /** CIDR (an address without /len means a single host). */
  range: string;
  qualifier: string;
  /** ip4, ip6, a or mx. */
  mechanism: string;
  /** The term as written. */
  term: string;
  /** Domains from the root to the record holding the term. */
  path: string[];
}

export interface SpfVoid {
  term: string;
  /** The domain whose record holds the term. */
  domain: string;
  /** The name that returned nothing. */
  name: string;
  reason: string;
  path: string[];
}

export interface SpfTree {
  root: SpfNode;
  /** DNS-lookup terms counted over the whole tree (what receivers count). */
  lookups: number;
  voids: SpfVoid[];
  loops: string[][];
  /** Every range the policy lists, in evaluation order, each once (first place it appears). */
  ranges: SpfRange[];
  /** Validator findings per record, and DNS failures: with the domain and record they belong to. */
  recordFindings: { domain: string; record: string; findings: Finding[] }[];
  failures: { domain: string; lookup: Lookup; what: string }[];
  dns: DnsEvidence[];
  /** The tree was cut at MAX_RECORDS records. */
  truncated: boolean;
}

function withCidr(address: string, term: SpfTerm): string {
  const len = address.includes(':') ? term.cidr6 : term.cidr4;
  return len === undefined ? address : `${address}/${len}`;
}

function voidReason(l: Lookup, what: string): string | undefined {
  if (l.failed || l.values.length) return undefined;
  return l.result?.rcode === 'NXDOMAIN' ? `${l.evidence.finalName} does not exist (NXDOMAIN)` : `${l.evidence.finalName} has no ${what}`;
}

export async function expandSpf(resolver: Resolver, domain: string, signal?: AbortSignal): Promise<SpfTree> {
  const tree: SpfTree = { root: undefined as unknown as SpfNode, lookups: 0, voids: [], loops: [], ranges: [], recordFindings: [], failures: [], dns: [], truncated: false };
  let fetched = 0;

  const addresses = async (host: string, term: SpfTerm, path: string[]): Promise<{ ranges: string[]; empty?: string }> => {
    const [a, aaaa] = await Promise.all([lookup(resolver, host, 'A', signal), lookup(resolver, host, 'AAAA', signal)]);
    tree.dns.push(a.evidence, aaaa.evidence);
    if (a.failed && aaaa.failed) tree.failures.push({ domain: path[path.length - 1]!, lookup: a, what: `${term.text}: address of ${host}` });
    const ranges = [...a.values, ...aaaa.values].map((ip) => withCidr(ip, term));
    // like mailauth: void only when both A and AAAA come back empty
    const empty = ranges.length === 0 ? voidReason(a, 'A or AAAA record') ?? voidReason(aaaa, 'A or AAAA record') : undefined;
    return { ranges, empty };
  };

  const expandTerm = async (term: SpfTerm, node: SpfNode, hasAll: boolean): Promise<SpfTermNode> => {
    const out: SpfTermNode = { text: term.text, name: term.name, qualifier: term.qualifier, lookups: term.lookup ? 1 : 0 };
    const current = node.domain;
    const path = node.path;
    const addVoid = (name: string, reason: string): void => {
      out.void = reason;
      out.voidName = name;
    };
    if (!term.valid) return out;
    if (term.kind === 'mechanism' && (term.name === 'ip4' || term.name === 'ip6') && term.ip) {
      const len = term.name === 'ip4' ? term.cidr4 : term.cidr6;
      out.ranges = [len === undefined ? term.ip : `${term.ip}/${len}`];
      return out;
    }
    if (term.hasMacros) {
      out.macro = true;
      return out;
    }
    const target = (term.domainSpec ?? current).replace(/\.$/, '');
    switch (term.kind === 'modifier' ? `${term.name}=` : term.name) {
      case 'a': {
        const r = await addresses(target, term, path);
        out.ranges = r.ranges;
        if (r.empty) addVoid(target, r.empty);
        break;
      }
      case 'mx': {
        const mx = await lookup(resolver, target, 'MX', signal);
        tree.dns.push(mx.evidence);
        if (mx.failed) {
          tree.failures.push({ domain: current, lookup: mx, what: `${term.text}: MX of ${target}` });
          break;
        }
        const hosts = (mx.result?.records ?? []).map((r) => r.data as MxData).sort((x, y) => x.preference - y.preference).map((m) => m.exchange.replace(/\.$/, '')).filter((h) => h && h !== '.');
        out.mxHosts = hosts;
        if (hosts.length === 0) {
          addVoid(target, voidReason(mx, 'MX record') ?? `${target} has no usable MX record`);
          break;
        }
        const all = await Promise.all(hosts.slice(0, SPF_MX_LIMIT + 1).map((h) => addresses(h, term, path)));
        out.ranges = all.flatMap((r) => r.ranges);
        break;
      }
      case 'exists': {
        const a = await lookup(resolver, target, 'A', signal);
        tree.dns.push(a.evidence);
        if (a.failed) tree.failures.push({ domain: current, lookup: a, what: `${term.text}: A of ${target}` });
        const empty = voidReason(a, 'A record');
        if (empty) addVoid(target, empty);
        break;
      }
      case 'include':
      case 'redirect=': {
        if (term.kind === 'modifier' && hasAll) {
          out.ignored = true;
          out.lookups = 0;
          break;
        }
        const key = target.toLowerCase();
        if (path.some((p) => p.toLowerCase() === key)) {
          out.loop = [...path, target];
          break;
        }
        out.child = await expandNode(target, term.kind === 'modifier' ? 'redirect' : 'include', [...path, target]);
        if (out.child.emptyAnswer) addVoid(target, out.child.problemText!);
        break;
      }
      default:
        break; // ptr (needs the client IP), exp= (fetched only on failure), unknown modifiers
    }
    return out;
  };

  const expandNode = async (name: string, via: SpfNode['via'], path: string[]): Promise<SpfNode> => {
    const node: SpfNode = { domain: name, via, terms: [], path };
    if (++fetched > MAX_RECORDS) {
      tree.truncated = true;
      return { ...node, problem: 'not-expanded', problemText: `not fetched: the policy has more than ${MAX_RECORDS} records` };
    }
    const txt = await lookup(resolver, name, 'TXT', signal);
    tree.dns.push(txt.evidence);
    if (txt.failed) {
      tree.failures.push({ domain: name, lookup: txt, what: `SPF record of ${name}` });
      return { ...node, problem: 'dns', problemText: txt.failure };
    }
    const set = checkSpfRecordSet(txt.values);
    for (const f of set.findings) tree.recordFindings.push({ domain: name, record: txt.values[f.index]!, findings: [f.finding] });
    if (set.spfIndexes.length === 0) {
      const problemText = txt.result?.rcode === 'NXDOMAIN' ? `${name} does not exist (NXDOMAIN)` : `${name} has no SPF record`;
      return { ...node, problem: 'no-record', problemText, emptyAnswer: txt.values.length === 0 };
    }
    if (set.spfIndexes.length > 1) return { ...node, problem: 'multiple-records', problemText: `${name} has ${set.spfIndexes.length} SPF records` };
    const record = txt.values[set.spfIndexes[0]!]!;
    node.record = record;
    const parsed = parseSpfRecord(record);
    // the tree-wide count replaces the validator's per-record one
    tree.recordFindings.push({ domain: name, record, findings: parsed.findings.filter((f) => f.code !== 'spf-too-many-lookups') });
    const hasAll = parsed.record.all !== undefined;
    node.terms = await Promise.all(parsed.record.terms.map((t) => expandTerm(t, node, hasAll)));
    return node;
  };

  tree.root = await expandNode(domain, 'root', [domain]);
  // ranges, voids and loops in the order a receiver evaluates the terms (ranges once each)
  const seen = new Set<string>();
  const walk = (n: SpfNode): void => {
    for (const t of n.terms) {
      if (t.void) tree.voids.push({ term: t.text, domain: n.domain, name: t.voidName!, reason: t.void, path: n.path });
      if (t.loop) tree.loops.push(t.loop);
      for (const range of t.ranges ?? []) {
        const key = `${t.qualifier}${range}`;
        if (seen.has(key)) continue;
        seen.add(key);
        tree.ranges.push({ range, qualifier: t.qualifier, mechanism: t.name, term: t.text, path: n.path });
      }
      if (t.child) walk(t.child);
    }
  };
  walk(tree.root);
  const count = (n: SpfNode): number => n.terms.reduce((sum, t) => sum + t.lookups + (t.child ? count(t.child) : 0), 0);
  tree.lookups = count(tree.root);
  return tree;
}
