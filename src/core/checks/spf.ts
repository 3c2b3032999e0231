/**
 * SPF check. One engine (spfEngine.ts) does everything: walked without a client address
 * it gives the tree, the lookup and void-lookup counts, the ranges and the result for
 * servers the policy does not list; with --ip it gives the verdict for that client. The
 * findings are the validator's for every record reached plus what the walk found
 * (limits, void lookups, loops, includes of domains without SPF). Both runs share one
 * cache, so the verdict and the findings come from the same DNS answers.
 */
import type { Resolver } from '../dns/resolver';
import { withCache } from '../dns/resolver';
import { parseSpfRecord, SPF_LOOKUP_LIMIT } from '../mailrecords';
import { ipInRange } from '../net/ip';
import { checkFinding, fromValidator, lookupFailure, verdictOf } from './lookup';
import { evaluateSpf, SPF_VOID_LIMIT, type SpfOutcome, type SpfResult } from './spfEngine';
import type { SpfNode, SpfRange, SpfVoid } from './spfTree';
import type { CheckFinding, CheckOptions, CheckResult } from './types';

export { SPF_VOID_LIMIT } from './spfEngine';

export interface SpfEvaluation {
  ip: string;
  sender: string;
  helo?: string;
  /** pass, fail, softfail, neutral, none, permerror, temperror. */
  result: SpfResult;
  /** Why, in words. */
  comment?: string;
  /** The explanation of a fail (the record's exp=, when it has one). */
  explanation?: string;
  lookups?: { count: number; limit: number; void: number };
  /** The tree of what this evaluation looked at (terms after the match are "not evaluated"). */
  tree?: SpfNode;
}

export interface SpfParsed {
  record?: string;
  tree: SpfNode;
  lookups: number;
  lookupLimit: number;
  voids: SpfVoid[];
  loops: string[][];
  /** Ranges with qualifier "+": what the policy authorises (a/mx resolved now). */
  authorized: SpfRange[];
  /** Every range, whatever its qualifier. */
  ranges: SpfRange[];
  /** The result for a server the policy does not list (what a forger gets). */
  otherServers: { result: SpfResult; reason: string };
  evaluation?: SpfEvaluation;
}

export interface SpfCheckOptions extends CheckOptions {
  /** Evaluate the policy for this client IP (with sender and helo). */
  ip?: string;
  /** MAIL FROM; "" or "<>" is the null sender (identity postmaster@<helo>). */
  sender?: string;
  helo?: string;
}

export type SpfCheckResult = CheckResult<'spf', SpfParsed>;

function treeFindings(domain: string, tree: SpfOutcome, findings: CheckFinding[]): void {
  for (const rf of tree.recordFindings) for (const f of fromValidator(rf.findings, rf.domain, rf.record)) findings.push(f);
  for (const f of tree.failures) findings.push(lookupFailure(f.lookup, f.what));

  if (tree.limit?.kind === 'lookups' || tree.limit?.kind === 'mx') {
    const what = tree.limit.kind === 'mx' ? `${tree.limit.term} in the record of ${tree.limit.domain} finds more than ${SPF_LOOKUP_LIMIT} MX names` : `needs more than ${SPF_LOOKUP_LIMIT} DNS lookups: ${tree.limit.term} in the record of ${tree.limit.domain} would be lookup ${tree.lookups}`;
    findings.push(checkFinding('spf-lookup-limit', 'error', `Evaluating the SPF policy of ${domain} for a server it does not list ${tree.limit.kind === 'mx' ? 'stops: ' : ''}${what}; the limit is ${SPF_LOOKUP_LIMIT} (RFC 7208 §4.6.4), so receivers return permerror and SPF fails. Later terms are not evaluated.`, 'Remove includes you no longer use, replace a:/mx: with ip4:/ip6:, or flatten an include into the ranges it lists.', { name: tree.limit.domain, data: { count: tree.lookups, limit: SPF_LOOKUP_LIMIT, term: tree.limit.term } }));
  }
  for (const v of tree.voids) {
    findings.push(checkFinding('spf-void-lookup', 'warning', `${v.term} in the SPF record of ${v.domain} causes a void lookup: ${v.reason}.${v.path.length > 1 ? ` (reached through ${v.path.slice(0, 6).join(' → ')}${v.path.length > 6 ? ' → …' : ''})` : ''}`, `Remove ${v.term} or publish the record it needs.`, { name: v.domain, data: { term: v.term, lookedUp: v.name } }));
  }
  if (tree.limit?.kind === 'voids') {
    findings.push(checkFinding('spf-too-many-void-lookups', 'error', `The SPF policy of ${domain} makes more than ${SPF_VOID_LIMIT} void lookups (${tree.voids.map((v) => v.term).join(', ')}); receivers stop there and return permerror (RFC 7208 §4.6.4).`, 'Remove the terms that point at names without records (listed above).', { name: domain, data: { count: tree.voids.length, limit: SPF_VOID_LIMIT } }));
  }
  for (const loop of tree.loops) {
    const shown = loop.length > 8 ? [...loop.slice(0, 4), '…', ...loop.slice(-3)] : loop;
    findings.push(checkFinding('spf-include-loop', 'error', `SPF include loop: ${shown.join(' → ')}. Receivers return permerror.`, `Remove the include of ${loop[loop.length - 1]} from the record of ${loop[loop.length - 2]}.`, { name: loop[loop.length - 2]!, data: { path: loop } }));
  }
  const macros = targetFindings(tree.root, findings, new Set());
  if (macros.length) findings.push(checkFinding('spf-macro-not-expanded', 'info', `${macros.slice(0, 10).join(', ')} use${macros.length === 1 ? 's' : ''} macros, which depend on each message; the lookups they cause are counted but not followed.`, 'Nothing to do; evaluate the policy for one client address and sender to see them expanded.', { name: domain, change: [{ knob: 'check-spf-client', domain }] }));
}

/**
 * Includes/redirects of domains without one SPF record, each once (`reported` holds
 * "domain|term" keys); returns the terms with macros. Iterative: trees can be deep.
 */
function targetFindings(root: SpfNode, findings: CheckFinding[], reported: Set<string>): string[] {
  const stack: { n: SpfNode; parent?: SpfNode }[] = [{ n: root }];
  const macros: string[] = [];
  while (stack.length) {
    const { n, parent } = stack.pop()!;
    if (parent && (n.problem === 'no-record' || n.problem === 'multiple-records')) {
      const code = n.via === 'redirect' ? 'spf-redirect-no-record' : 'spf-include-no-record';
      const term = parent.terms.find((t) => t.child === n)?.text ?? n.domain;
      const key = `${parent.domain.toLowerCase()}|${term}|${n.domain.toLowerCase()}`;
      if (!reported.has(key)) {
        reported.add(key);
        findings.push(checkFinding(code, 'error', `${term} in the SPF record of ${parent.domain}${term.includes('%') ? ` (${n.domain} for this message)` : ''}: ${n.problemText}, so receivers return permerror.`, `Fix or remove ${term}.`, { name: parent.domain }));
      }
    }
    for (const t of n.terms) {
      if (t.macro) macros.push(t.text);
      if (t.child) stack.push({ n: t.child, parent: n });
    }
  }
  return macros;
}

function evaluationOf(o: SpfOutcome, ip: string, helo: string | undefined): SpfEvaluation {
  return { ip, sender: o.sender, helo, result: o.result, comment: o.reason, explanation: o.explanation, lookups: { count: o.lookups, limit: SPF_LOOKUP_LIMIT, void: o.voids.length }, tree: o.root };
}

/**
 * A permerror or temperror is not "this address is not permitted": the evaluation stopped on
 * a lookup (a ptr the server refused, an include that timed out). When the address lies in
 * a range the policy authorises, say so, and point at the lookup instead.
 */
/** The + ip4:/ip6: ranges written in a record, evaluated or not (the evaluation may have stopped before them). */
function writtenRanges(record: string | undefined): SpfRange[] {
  if (!record) return [];
  const out: SpfRange[] = [];
  for (const t of parseSpfRecord(record).record.terms) {
    if ((t.name !== 'ip4' && t.name !== 'ip6') || !t.ip || !t.valid || t.qualifier !== '+') continue;
    const len = t.name === 'ip4' ? t.cidr4 : t.cidr6;
    out.push({ range: len === undefined ? t.ip : `${t.ip}/${len}`, mechanism: t.name, qualifier: '+', term: t.text, path: [] });
  }
  return out;
}

function evaluationError(domain: string, evaluation: SpfEvaluation, authorized: readonly SpfRange[], what: string, record?: string): CheckFinding {
  const inside = authorized.find((r) => ipInRange(evaluation.ip, r.range)) ?? writtenRanges(record).find((r) => ipInRange(evaluation.ip, r.range));
  const where = inside ? `${evaluation.ip} is inside ${inside.range} (${inside.mechanism}${inside.path.length > 1 ? ` via ${inside.path.join(' → ')}` : ''}), which the policy authorises; the ${evaluation.result} came from a lookup the evaluation made, not from the address. ` : '';
  const fix = evaluation.result === 'temperror'
    ? `${where}Retry when the DNS answers; if it keeps failing, find the lookup that fails (the comment names it).`
    : `${where}Fix the mechanism whose lookup fails (the comment names it; a ptr mechanism is best replaced by ip4:/ip6: ranges).`;
  return checkFinding('spf-evaluation-error', 'error', what, fix, { name: domain, ...(evaluation.result === 'temperror' ? { change: [{ knob: 'resolver-servers', why: 'to ask another server' }] } : {}) });
}

export async function checkSpf(resolver: Resolver, domain: string, options: SpfCheckOptions = {}): Promise<SpfCheckResult> {
  const findings: CheckFinding[] = [];
  const cached = withCache(resolver);
  const tree = await evaluateSpf(cached, { domain, signal: options.signal });
  const outcome = options.ip
    // the policy of `domain` (the one the tree shows), with the sender's parts for the macros
    ? await evaluateSpf(cached, { domain: options.sender === '' || options.sender === '<>' ? options.helo ?? domain : domain, ip: options.ip, sender: options.sender ?? `postmaster@${domain}`, helo: options.helo, signal: options.signal })
    : undefined;
  const evaluation = outcome ? evaluationOf(outcome, options.ip!, options.helo) : undefined;
  const root = tree.root;
  const parsed: SpfParsed = {
    record: root.record, tree: root, lookups: tree.lookups, lookupLimit: SPF_LOOKUP_LIMIT, voids: tree.voids, loops: tree.loops,
    authorized: tree.ranges.filter((r) => r.qualifier === '+'), ranges: tree.ranges, otherServers: { result: tree.result, reason: tree.reason }, evaluation,
  };
  // the evaluation's answers that the walk did not already show (both runs share one cache)
  const shown = new Set(tree.dns.map((e) => `${e.name.toLowerCase()}|${e.type}`));
  const dns = outcome ? [...tree.dns, ...outcome.dns.filter((e) => !shown.has(`${e.name.toLowerCase()}|${e.type}`))] : tree.dns;
  const done = (summary: string, couldNotCheck = false): SpfCheckResult => ({ check: 'spf', domain, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns, parsed });

  if (root.problem === 'dns') {
    for (const f of tree.failures) findings.push(lookupFailure(f.lookup, f.what));
    return done(`Could not look up the SPF record of ${domain}.`, true);
  }
  if (root.problem === 'no-record') {
    for (const rf of tree.recordFindings) for (const f of fromValidator(rf.findings, rf.domain, rf.record)) findings.push(f);
    findings.push(checkFinding('spf-record-missing', 'error', `${root.problemText}, so receivers cannot tell your servers from forgers (SPF result "none").`, `Publish TXT "v=spf1 mx -all" at ${domain} (add ip4:/ip6:/include: for every service that sends as ${domain}), or "v=spf1 -all" if it sends no mail.`, { name: domain }));
    return done(`No SPF record at ${domain}.`);
  }
  treeFindings(domain, tree, findings);

  if (outcome) {
    // records and failures only the evaluation reached (through a macro include, say): their findings too,
    // so a permerror or temperror verdict always stands beside the finding that explains it
    const seen = new Set(tree.recordFindings.map((rf) => `${rf.domain.toLowerCase()}|${rf.record}`));
    for (const rf of outcome.recordFindings) {
      const key = `${rf.domain.toLowerCase()}|${rf.record}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const f of fromValidator(rf.findings, rf.domain, rf.record)) findings.push(f);
    }
    const reported = new Set<string>();
    targetFindings(tree.root, [], reported);
    targetFindings(outcome.root, findings, reported);
    for (const loop of outcome.loops) {
      if (tree.loops.some((l) => l.join('|') === loop.join('|'))) continue;
      findings.push(checkFinding('spf-include-loop', 'error', `SPF include loop for this message: ${loop.slice(0, 8).join(' → ')}${loop.length > 8 ? ' → …' : ''}. Receivers return permerror.`, `Remove the include of ${loop[loop.length - 1]} from the record of ${loop[loop.length - 2]}.`, { name: loop[loop.length - 2]!, data: { path: loop } }));
    }
    if (outcome.limit && !tree.limit) {
      findings.push(checkFinding(outcome.limit.kind === 'voids' ? 'spf-too-many-void-lookups' : 'spf-lookup-limit', 'error', `For this message, ${outcome.reason}; receivers return permerror.`, 'Remove terms that cost lookups (or point at names without records), or flatten includes.', { name: outcome.limit.domain }));
    }
    const failed = new Set(tree.failures.map((f) => `${f.lookup.evidence.name}|${f.lookup.evidence.type}`));
    for (const f of outcome.failures) if (!failed.has(`${f.lookup.evidence.name}|${f.lookup.evidence.type}`)) findings.push(lookupFailure(f.lookup, f.what));
  }
  if (evaluation) {
    const { result } = evaluation;
    const severity = result === 'pass' ? 'info' : result === 'fail' || result === 'permerror' || result === 'temperror' ? 'error' : 'warning';
    const what = `SPF ${result} for ${evaluation.ip} sending as ${evaluation.sender}${evaluation.comment ? `: ${evaluation.comment}` : ''}${evaluation.explanation ? ` (explanation: "${evaluation.explanation}")` : ''}.`;
    if (result === 'permerror' || result === 'temperror') findings.push(evaluationError(domain, evaluation, parsed.authorized, what, root.record));
    else findings.push(checkFinding(result === 'pass' ? 'spf-ip-permitted' : 'spf-ip-not-permitted', severity, what, result === 'pass' ? 'Nothing to do.' : `If ${evaluation.ip} is your server, authorise it in the SPF record of ${domain} (ip4:/ip6: or the include of its provider).`, { name: domain }));
  }
  const couldNotCheck = tree.failures.length > 0 || evaluation?.result === 'temperror';
  const authorised = parsed.authorized.length;
  const lookups = tree.limit?.kind === 'lookups' ? `more than ${SPF_LOOKUP_LIMIT}` : `${tree.lookups} of ${SPF_LOOKUP_LIMIT}`;
  const summary = `${lookups} DNS lookups, ${tree.voids.length} void; ${authorised} authorised range${authorised === 1 ? '' : 's'}; other servers: ${tree.result}${evaluation ? `; ${evaluation.ip}: ${evaluation.result}` : ''}.`;
  return done(summary, couldNotCheck);
}
