/** The check-specific part of the Markdown output: what the parsed record says. */
import type { DkimDiscoveryParsed, DkimParsed } from './dkim';
import type { DmarcParsed } from './dmarc';
import { destinationState, dkimKeyFacts, dmarcExplanation, spfLookupCount, spfShownTerms, spfTermNotes } from './explain';
import { mdBlock, mdCode, mdText } from './markdownText';
import type { MtaStsParsed } from './mtaSts';
import type { MxParsed } from './mx';
import type { SpfParsed } from './spf';
import type { SpfNode } from './spfTree';
import type { TlsRptParsed } from './tlsRpt';
import type { CheckResult } from './types';
import type { ZoneLiveParsed } from './zoneCompare';

function dkimKey(p: DkimParsed): string[] {
  const where = p.finalName !== p.name ? `${mdCode(p.name)} → ${mdCode(p.finalName)}` : mdCode(p.name);
  return [`Key at ${where}:`, '', ...dkimKeyFacts(p.key, p.strings).map((f) => `- ${f.label}: ${mdText(f.value)}`), '', mdBlock(p.record)];
}

function dkim(p: DkimParsed | DkimDiscoveryParsed): string[] {
  if (!('tried' in p)) return dkimKey(p);
  const found = p.found.filter((r) => r.parsed);
  const head = `Selectors tried: ${p.tried.map((s) => mdCode(s)).join(', ')}.`;
  return [head, ...found.flatMap((r) => ['', ...dkimKey(r.parsed!)])];
}

function spfNode(n: SpfNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  out.push(`${pad}- ${mdCode(n.domain)}: ${n.record !== undefined ? mdCode(n.record) : mdText(n.problemText ?? 'no record')}`);
  const { shown, hidden } = spfShownTerms(n.terms);
  for (const t of shown) {
    const notes = spfTermNotes(t);
    out.push(`${pad}  - ${mdCode(t.text)}${notes.length ? `: ${mdText(notes.join('; '))}` : ''}`);
    if (t.child) spfNode(t.child, depth + 2, out);
  }
  if (hidden) out.push(`${pad}  - ${hidden} more term${hidden === 1 ? '' : 's'}, not evaluated`);
}

function spf(p: SpfParsed): string[] {
  const out = [`Policy tree: ${spfLookupCount(p.lookups, p.lookupLimit)} DNS lookups, ${p.voids.length} void; servers it does not list: ${mdText(p.otherServers.result)}.`, ''];
  spfNode(p.tree, 0, out);
  if (p.authorized.length) {
    out.push('', 'Authorised ranges (qualifier +):', '', '| Range | Mechanism | Where |', '| --- | --- | --- |');
    for (const r of p.authorized) out.push(`| ${mdCode(r.range, true)} | ${mdText(r.mechanism)} | ${mdText(r.path.join(' → '))} |`);
  }
  const others = p.ranges.filter((r) => r.qualifier !== '+');
  if (others.length) {
    out.push('', 'Ranges with another qualifier:', '');
    for (const r of others) out.push(`- ${mdCode(`${r.qualifier}${r.range}`)} ${mdText(r.mechanism)} in ${mdText(r.path.join(' → '))}`);
  }
  if (p.evaluation) {
    const e = p.evaluation;
    out.push('', `Evaluation: ${mdCode(e.ip)} sending as ${mdCode(e.sender)}${e.helo ? ` (HELO ${mdCode(e.helo)})` : ''}: **${mdText(e.result)}**${e.comment ? `, ${mdText(e.comment)}` : ''}${e.explanation ? ` (explanation: ${mdText(e.explanation)})` : ''}`);
  }
  return out;
}

function dmarc(p: DmarcParsed): string[] {
  const out = [mdBlock(p.record), '', ...dmarcExplanation(p).map((s) => `- ${mdText(s)}`)];
  if (p.destinations.length) {
    out.push('', 'Report destinations:', '');
    for (const d of p.destinations) out.push(`- ${d.tag} ${mdCode(d.uri)}: ${mdText(destinationState(d))}`);
  }
  return out;
}

function mx(p: MxParsed): string[] {
  if (p.nullMx) return ['Null MX: the domain accepts no mail.'];
  if (!p.hosts.length) return p.implicitAddresses?.length ? [`Implicit MX: ${p.implicitAddresses.map((a) => mdCode(a)).join(', ')}`] : [];
  return ['| Preference | Exchange | Addresses | TTL |', '| --- | --- | --- | --- |', ...p.hosts.map((h) => `| ${h.preference} | ${mdCode(h.exchange, true)}${h.cnameTarget ? ` → CNAME ${mdCode(h.cnameTarget, true)}` : ''} | ${h.addresses.map((a) => mdCode(a, true)).join(', ') || 'no address'} | ${h.ttl} |`)];
}

function zoneLive(p: ZoneLiveParsed): string[] {
  const out = [`Status: **${p.status}**${p.exact ? ' (identical text)' : ''}`, '', 'In the zone file:', '', mdBlock(p.zone.value)];
  if (p.chain.length) out.push('', `Live name is an alias: ${[p.name, ...p.chain.map((s) => s.target)].map((n) => mdCode(n)).join(' → ')}`);
  if (p.live) out.push('', `In the live DNS (TTL ${p.live.ttl}):`, '', mdBlock(p.live.value));
  if (p.differences.length) {
    out.push('', '| Item | Zone file | Live DNS |', '| --- | --- | --- |');
    for (const d of p.differences) out.push(`| ${mdCode(d.item, true)} | ${d.zone !== undefined ? mdCode(d.zone, true) : 'absent'} | ${d.live !== undefined ? mdCode(d.live, true) : 'absent'} |`);
  }
  if (p.otherLive.length) out.push('', 'Other TXT records at the name:', '', ...p.otherLive.map((v) => `- ${mdCode(v)}`));
  return out;
}

export function detailsMarkdown(r: CheckResult): string[] {
  if (!r.parsed) return [];
  switch (r.check) {
    case 'dkim': return dkim(r.parsed as DkimParsed | DkimDiscoveryParsed);
    case 'spf': return spf(r.parsed as SpfParsed);
    case 'dmarc': return dmarc(r.parsed as DmarcParsed);
    case 'mx': return mx(r.parsed as MxParsed);
    case 'mta-sts': return [mdBlock((r.parsed as MtaStsParsed).record), '', `Policy host addresses: ${(r.parsed as MtaStsParsed).policyHostAddresses.map((a) => mdCode(a)).join(', ') || 'none'}`];
    case 'tls-rpt': return [mdBlock((r.parsed as TlsRptParsed).record), ...(r.parsed as TlsRptParsed).rua.map((u) => `- rua ${mdCode(u)}`)];
    case 'compare': return zoneLive(r.parsed as ZoneLiveParsed);
    default: return [];
  }
}
