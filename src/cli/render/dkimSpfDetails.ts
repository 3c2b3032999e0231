/** Text details of the DKIM and SPF checks: the key, the expanded SPF tree, the authorised ranges. */
import type { DkimDiscoveryParsed, DkimParsed } from '../../core/checks/dkim';
import type { SpfParsed } from '../../core/checks/spf';
import type { SpfNode, SpfTermNode } from '../../core/checks/spfTree';
import { safe } from './checkText';
import { spfLookupCount, spfShownTerms } from '../../core/checks/explain';

function key(p: DkimParsed): string[] {
  const k = p.key;
  const lines = [`Key at ${safe(p.name)}${p.finalName !== p.name ? ` → ${safe(p.finalName)}` : ''}:`];
  lines.push(`  type ${safe(k.keyType)}${k.keyBits ? `, ${k.keyBits} bits` : ''}${k.revoked ? ', REVOKED (empty p=)' : ''}${k.testing ? ', testing (t=y)' : ''}${k.hashAlgorithms ? `, h=${k.hashAlgorithms.map(safe).join(':')}` : ''}`);
  lines.push(`  published as ${p.strings.length} string${p.strings.length === 1 ? '' : 's'} (${p.strings.map((s) => s.length).join(' + ')} characters)`);
  return lines;
}

export function dkimDetails(p: DkimParsed | DkimDiscoveryParsed): string[] {
  if ('tried' in p) return p.found.flatMap((r) => (r.parsed ? [...key(r.parsed), `  ${safe(r.summary)}`] : []));
  return key(p);
}

function termLine(t: SpfTermNode): string {
  const notes: string[] = [];
  if (t.lookups) notes.push('1 lookup');
  if (t.mxHosts?.length) notes.push(`MX ${t.mxHosts.map(safe).join(', ')}`);
  if (t.ranges?.length && t.name !== 'ip4' && t.name !== 'ip6') notes.push(t.ranges.join(', '));
  if (t.void) notes.push(`VOID: ${safe(t.void)}`);
  if (t.macro) notes.push('macro, not expanded');
  if (t.ignored) notes.push('ignored (the record has "all")');
  if (t.loop) notes.push(`LOOP: ${t.loop.map(safe).join(' → ')}`);
  if (t.needsClient) notes.push('needs the client address (--ip)');
  if (t.invalidName) notes.push(`not looked up: ${safe(t.invalidName)}`);
  if (t.overLimit) notes.push('OVER THE LIMIT: permerror');
  if (t.matched) notes.push('MATCHED');
  if (t.notEvaluated) notes.push('not evaluated');
  return `${safe(t.text)}${notes.length ? `   [${notes.join('; ')}]` : ''}`;
}

function node(n: SpfNode, indent: string, out: string[]): void {
  out.push(`${indent}${safe(n.domain)}  ${n.record !== undefined ? `"${safe(n.record)}"` : `(${safe(n.problemText ?? 'no record')})`}`);
  const { shown, hidden } = spfShownTerms(n.terms);
  for (const t of shown) {
    out.push(`${indent}  ${termLine(t)}`);
    if (t.child) node(t.child, `${indent}    `, out);
  }
  if (hidden) out.push(`${indent}  … ${hidden} more term${hidden === 1 ? '' : 's'}, not evaluated`);
}

export function spfDetails(p: SpfParsed): string[] {
  const out = [`Policy tree (${spfLookupCount(p.lookups, p.lookupLimit)} DNS lookups, ${p.voids.length} void; servers it does not list: ${p.otherServers.result}):`];
  node(p.tree, '  ', out);
  if (p.authorized.length) {
    out.push('Authorised ranges (qualifier +):');
    const width = p.authorized.reduce((w, r) => Math.max(w, r.range.length), 0);
    for (const r of p.authorized) out.push(`  ${r.range.padEnd(width)}  ${r.mechanism.padEnd(4)} ${safe(r.path.join(' → '))}`);
  }
  const others = p.ranges.filter((r) => r.qualifier !== '+');
  if (others.length) {
    out.push('Ranges with another qualifier:');
    for (const r of others) out.push(`  ${r.qualifier}${r.range}  ${r.mechanism} ${safe(r.path.join(' → '))}`);
  }
  if (p.evaluation) {
    const e = p.evaluation;
    out.push(`Evaluation: ${e.ip} sending as ${safe(e.sender)}${e.helo ? ` (HELO ${safe(e.helo)})` : ''} → ${e.result}`);
    if (e.comment) out.push(`  ${safe(e.comment)}`);
    if (e.explanation) out.push(`  explanation: ${safe(e.explanation)}`);
  }
  return out;
}
