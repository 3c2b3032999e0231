/**
 * SPF check: the expanded tree (spfTree.ts) turned into findings — lookups over the
 * limit of 10 with the biggest contributors, each void lookup with the term that caused
 * it (limit 2), include loops with their path, includes of domains without SPF — plus
 * the validator's findings for every record in the tree. With an IP, the policy is also
 * evaluated by mailauth (the same evaluator `verify` uses) over our resolver.
 */
import type { Resolver } from '../dns/resolver';
import { mailauthResolver } from '../dns/mailauthResolver';
import { SPF_LOOKUP_LIMIT } from '../mailrecords';
import { ipInRange } from '../net/ip';
import { checkFinding, fromValidator, lookupFailure, verdictOf } from './lookup';
import { expandSpf, type SpfNode, type SpfRange, type SpfTree, type SpfVoid } from './spfTree';
import type { CheckFinding, CheckOptions, CheckResult } from './types';

export const SPF_VOID_LIMIT = 2;

export interface SpfEvaluation {
  ip: string;
  sender: string;
  helo?: string;
  /** pass, fail, softfail, neutral, none, permerror, temperror. */
  result: string;
  comment?: string;
  lookups?: { count: number; limit: number; void: number };
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
  evaluation?: SpfEvaluation;
}

export interface SpfCheckOptions extends CheckOptions {
  /** Evaluate the policy for this client IP (with sender and helo). */
  ip?: string;
  sender?: string;
  helo?: string;
}

export type SpfCheckResult = CheckResult<'spf', SpfParsed>;

/** Lookups per top-level term, biggest first: where to flatten. */
function contributors(root: SpfNode): { term: string; lookups: number }[] {
  const count = (n: SpfNode | undefined): number => (n ? n.terms.reduce((s, t) => s + t.lookups + count(t.child), 0) : 0);
  return root.terms.filter((t) => t.lookups > 0).map((t) => ({ term: t.text, lookups: t.lookups + count(t.child) })).sort((a, b) => b.lookups - a.lookups);
}

function treeFindings(domain: string, tree: SpfTree, findings: CheckFinding[]): void {
  for (const rf of tree.recordFindings) findings.push(...fromValidator(rf.findings, rf.domain, rf.record));
  for (const f of tree.failures) findings.push(lookupFailure(f.lookup, f.what));

  if (tree.lookups > SPF_LOOKUP_LIMIT) {
    const top = contributors(tree.root).slice(0, 4).map((c) => `${c.term} (${c.lookups})`).join(', ');
    findings.push(checkFinding('spf-lookup-limit', 'error', `The SPF policy of ${domain} needs ${tree.lookups} DNS lookups counting every include and redirect; the limit is ${SPF_LOOKUP_LIMIT} (RFC 7208 §4.6.4), so receivers return permerror and SPF fails for all mail. Most lookups: ${top}.`, 'Remove includes you no longer use, replace a:/mx: with ip4:/ip6:, or flatten an include into the ranges it lists.', { name: domain, data: { count: tree.lookups, limit: SPF_LOOKUP_LIMIT } }));
  }
  for (const v of tree.voids) {
    findings.push(checkFinding('spf-void-lookup', 'warning', `${v.term} in the SPF record of ${v.domain} causes a void lookup: ${v.reason}.${v.path.length > 1 ? ` (reached through ${v.path.join(' → ')})` : ''}`, `Remove ${v.term} or publish the record it needs.`, { name: v.domain, data: { term: v.term, lookedUp: v.name } }));
  }
  if (tree.voids.length > SPF_VOID_LIMIT) {
    findings.push(checkFinding('spf-too-many-void-lookups', 'error', `The SPF policy of ${domain} makes ${tree.voids.length} void lookups (${tree.voids.map((v) => v.term).join(', ')}); receivers stop after ${SPF_VOID_LIMIT} and return permerror (RFC 7208 §4.6.4).`, 'Remove the terms that point at names without records (listed above).', { name: domain, data: { count: tree.voids.length, limit: SPF_VOID_LIMIT } }));
  }
  for (const loop of tree.loops) {
    findings.push(checkFinding('spf-include-loop', 'error', `SPF include loop: ${loop.join(' → ')}. Receivers stop at the lookup limit and return permerror.`, `Remove the include of ${loop[loop.length - 1]} from the record of ${loop[loop.length - 2]}.`, { name: loop[loop.length - 2]!, data: { path: loop } }));
  }
  const visit = (n: SpfNode, parent?: SpfNode): void => {
    if (parent && (n.problem === 'no-record' || n.problem === 'multiple-records')) {
      const code = n.via === 'redirect' ? 'spf-redirect-no-record' : 'spf-include-no-record';
      const term = parent.terms.find((t) => t.child === n)?.text ?? n.domain;
      findings.push(checkFinding(code, 'error', `${term} in the SPF record of ${parent.domain}: ${n.problemText}, so receivers return permerror for every message.`, `Fix or remove ${term}.`, { name: parent.domain }));
    }
    for (const t of n.terms) if (t.child) visit(t.child, n);
  };
  visit(tree.root);
  if (tree.truncated) findings.push(checkFinding('spf-lookup-limit', 'error', `The SPF policy of ${domain} includes more than 60 records; mailsec stopped expanding it. Receivers stop after ${SPF_LOOKUP_LIMIT} lookups and return permerror.`, 'Cut the includes down to a handful.', { name: domain }));
  const macros = collectMacros(tree.root);
  if (macros.length) findings.push(checkFinding('spf-macro-not-expanded', 'info', `${macros.join(', ')} use${macros.length === 1 ? 's' : ''} macros, which depend on each message; the lookups they cause are counted but not followed.`, 'Nothing to do; evaluate the policy for one client address and sender to see them expanded.', { name: domain, change: [{ knob: 'check-spf-client', domain }] }));
}

function collectMacros(n: SpfNode): string[] {
  return n.terms.flatMap((t) => [...(t.macro ? [t.text] : []), ...(t.child ? collectMacros(t.child) : [])]);
}

async function evaluate(resolver: Resolver, domain: string, options: SpfCheckOptions): Promise<SpfEvaluation> {
  // mailauth is bundled separately and loaded only when needed (see verifyMessage.ts)
  const { spf } = await import('mailauth');
  const sender = options.sender ?? `postmaster@${domain}`;
  const r = await spf({ ip: options.ip!, sender, helo: options.helo, mta: 'mailsec', resolver: mailauthResolver(resolver, { signal: options.signal }) as never });
  return {
    ip: options.ip!, sender, helo: options.helo, result: r.status.result, comment: r.status.comment,
    lookups: r.lookups ? { count: r.lookups.count, limit: r.lookups.limit, void: r.lookups.void } : undefined,
  };
}

/**
 * A permerror or temperror is not "this address is not permitted": the evaluation stopped on
 * a lookup (a ptr the server refused, an include that timed out). When the address lies in
 * a range the policy authorises, say so, and point at the lookup instead.
 */
function evaluationError(domain: string, evaluation: SpfEvaluation, authorized: readonly SpfRange[], what: string): CheckFinding {
  const inside = authorized.find((r) => ipInRange(evaluation.ip, r.range));
  const where = inside ? `${evaluation.ip} is inside ${inside.range} (${inside.mechanism}${inside.path.length > 1 ? ` via ${inside.path.join(' → ')}` : ''}), which the policy authorises; the ${evaluation.result} came from a lookup the evaluation made, not from the address. ` : '';
  const fix = evaluation.result === 'temperror'
    ? `${where}Retry when the DNS answers; if it keeps failing, find the lookup that fails (the comment names it).`
    : `${where}Fix the mechanism whose lookup fails (the comment names it; a ptr mechanism is best replaced by ip4:/ip6: ranges).`;
  return checkFinding('spf-evaluation-error', 'error', what, fix, { name: domain, ...(evaluation.result === 'temperror' ? { change: [{ knob: 'resolver-servers', why: 'to ask another server' }] } : {}) });
}

export async function checkSpf(resolver: Resolver, domain: string, options: SpfCheckOptions = {}): Promise<SpfCheckResult> {
  const findings: CheckFinding[] = [];
  const [tree, evaluation] = await Promise.all([
    expandSpf(resolver, domain, options.signal),
    options.ip ? evaluate(resolver, domain, options) : Promise.resolve(undefined),
  ]);
  const root = tree.root;
  const parsed: SpfParsed = {
    record: root.record, tree: root, lookups: tree.lookups, lookupLimit: SPF_LOOKUP_LIMIT, voids: tree.voids, loops: tree.loops,
    authorized: tree.ranges.filter((r) => r.qualifier === '+'), ranges: tree.ranges, evaluation,
  };
  const done = (summary: string, couldNotCheck = false): SpfCheckResult => ({ check: 'spf', domain, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns: tree.dns, parsed });

  if (root.problem === 'dns') {
    findings.push(...tree.failures.map((f) => lookupFailure(f.lookup, f.what)));
    return done(`Could not look up the SPF record of ${domain}.`, true);
  }
  if (root.problem === 'no-record') {
    findings.push(...tree.recordFindings.flatMap((rf) => fromValidator(rf.findings, rf.domain, rf.record)));
    findings.push(checkFinding('spf-record-missing', 'error', `${root.problemText}, so receivers cannot tell your servers from forgers (SPF result "none").`, `Publish TXT "v=spf1 mx -all" at ${domain} (add ip4:/ip6:/include: for every service that sends as ${domain}), or "v=spf1 -all" if it sends no mail.`, { name: domain }));
    return done(`No SPF record at ${domain}.`);
  }
  treeFindings(domain, tree, findings);

  if (evaluation) {
    const { result } = evaluation;
    const severity = result === 'pass' ? 'info' : result === 'fail' || result === 'permerror' || result === 'temperror' ? 'error' : 'warning';
    const what = `SPF ${result} for ${evaluation.ip} sending as ${evaluation.sender}${evaluation.comment ? `: ${evaluation.comment}` : ''}.`;
    if (result === 'permerror' || result === 'temperror') findings.push(evaluationError(domain, evaluation, parsed.authorized, what));
    else findings.push(checkFinding(result === 'pass' ? 'spf-ip-permitted' : 'spf-ip-not-permitted', severity, what, result === 'pass' ? 'Nothing to do.' : `If ${evaluation.ip} is your server, authorise it in the SPF record of ${domain} (ip4:/ip6: or the include of its provider).`, { name: domain }));
  }
  const couldNotCheck = tree.failures.length > 0 || evaluation?.result === 'temperror';
  const authorised = parsed.authorized.length;
  const summary = `${tree.lookups} of ${SPF_LOOKUP_LIMIT} DNS lookups, ${tree.voids.length} void; ${authorised} authorised range${authorised === 1 ? '' : 's'}${evaluation ? `; ${evaluation.ip}: ${evaluation.result}` : ''}.`;
  return done(summary, couldNotCheck);
}
