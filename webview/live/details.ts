/** The parsed record of each check, as the panel shows it. */
import type { DkimDiscoveryParsed, DkimParsed } from '../../src/core/checks/dkim';
import type { DmarcParsed } from '../../src/core/checks/dmarc';
import { destinationState, dkimKeyFacts, dmarcExplanation, spfTermNotes } from '../../src/core/checks/explain';
import type { MtaStsParsed } from '../../src/core/checks/mtaSts';
import type { MxParsed } from '../../src/core/checks/mx';
import type { SpfParsed } from '../../src/core/checks/spf';
import type { SpfNode } from '../../src/core/checks/spfTree';
import type { TlsRptParsed } from '../../src/core/checks/tlsRpt';
import type { CheckResult } from '../../src/core/checks/types';
import type { ZoneLiveParsed } from '../../src/core/checks/zoneCompare';
import { h, type Child } from '../shared/dom';
import { facts, recordBlock, t, table } from './parts';

function dkimKey(p: DkimParsed): Child[] {
  return [
    h('p', null, 'Key at ', h('code', null, t(p.name)), p.finalName !== p.name ? [' → ', h('code', null, t(p.finalName))] : null),
    facts(dkimKeyFacts(p.key, p.strings)),
    recordBlock(p.record),
  ];
}

function dkim(p: DkimParsed | DkimDiscoveryParsed): Child[] {
  if (!('tried' in p)) return dkimKey(p);
  const found = p.found.filter((r) => r.parsed);
  return [
    h('p', { class: 'muted wrap' }, `Selectors tried (${p.tried.length}): ${p.tried.join(', ')}`),
    found.length ? found.map((r) => h('div', { class: 'subrecord' }, h('h4', null, 'Selector ', h('code', null, t(r.parsed!.selector))), dkimKey(r.parsed!))) : h('p', null, 'No key found.'),
  ];
}

function spfNode(n: SpfNode): HTMLElement {
  return h('li', null,
    h('code', null, t(n.domain)), ' ',
    n.record !== undefined ? h('code', { class: 'muted wrap' }, t(n.record)) : h('span', { class: 'sev-error' }, t(n.problemText ?? 'no record')),
    n.terms.length ? h('ul', null, n.terms.filter((x) => x.name !== 'all').map((term) => {
      const notes = spfTermNotes(term);
      return h('li', { class: term.void || term.loop ? 'sev-warning' : undefined },
        h('code', null, t(term.text)),
        notes.length ? h('span', { class: 'muted' }, ' — ', t(notes.join('; '))) : null,
        term.child ? h('ul', null, spfNode(term.child)) : null);
    })) : null);
}

function spf(p: SpfParsed): Child[] {
  const others = p.ranges.filter((r) => r.qualifier !== '+');
  return [
    h('p', { dataset: { role: 'spf-lookups' } }, h('strong', { class: p.lookups > p.lookupLimit ? 'sev-error' : undefined }, `${p.lookups} of ${p.lookupLimit}`), ' DNS lookups, ', h('strong', { class: p.voids.length > 2 ? 'sev-error' : undefined }, String(p.voids.length)), ' void.'),
    h('h4', null, 'Expanded policy'),
    h('ul', { class: 'tree' }, spfNode(p.tree)),
    p.authorized.length ? [h('h4', null, `Authorised ranges (${p.authorized.length})`), table(['Range', 'Mechanism', 'Where'], p.authorized.map((r) => [h('code', null, t(r.range)), t(r.mechanism), t(r.path.join(' → '))]), 'range')] : null,
    others.length ? [h('h4', null, 'Ranges with another qualifier'), table(['Range', 'Mechanism', 'Where'], others.map((r) => [h('code', null, t(`${r.qualifier}${r.range}`)), t(r.mechanism), t(r.path.join(' → '))]))] : null,
    p.evaluation ? h('div', { class: 'banner' }, 'Evaluation: ', h('code', null, t(p.evaluation.ip)), ' sending as ', h('code', null, t(p.evaluation.sender)), ' → ', h('strong', null, t(p.evaluation.result)), p.evaluation.comment ? h('span', { class: 'muted' }, ' — ', t(p.evaluation.comment)) : null) : null,
  ];
}

function dmarc(p: DmarcParsed): Child[] {
  return [
    recordBlock(p.record),
    h('ul', null, dmarcExplanation(p).map((s) => h('li', { class: 'wrap' }, t(s)))),
    p.destinations.length ? [h('h4', null, 'Report destinations'), table(['Tag', 'Address', 'Authorisation'], p.destinations.map((d) => [d.tag, h('code', { class: 'wrap' }, t(d.uri)), h('span', { class: d.external && d.authorized === false ? 'sev-warning wrap' : 'wrap' }, t(destinationState(d)))]), 'destination')] : null,
  ];
}

function mx(p: MxParsed): Child[] {
  if (p.nullMx) return [h('p', null, 'Null MX: the domain accepts no mail.')];
  if (!p.hosts.length) return [h('p', null, p.implicitAddresses?.length ? `Implicit MX: ${p.implicitAddresses.join(', ')}` : 'No MX and no address.')];
  return [table(['Preference', 'Exchange', 'Addresses', 'TTL'], p.hosts.map((x) => [String(x.preference), h('code', null, t(x.exchange), x.cnameTarget ? ` → CNAME ${t(x.cnameTarget)}` : ''), t(x.addresses.join(', ') || 'no address'), String(x.ttl)]), 'mx')];
}

function compare(p: ZoneLiveParsed): Child[] {
  return [
    h('p', null, 'Status: ', h('strong', { dataset: { role: 'compare-status' } }, p.status), p.exact ? h('span', { class: 'muted' }, ' (identical text)') : null),
    p.chain.length ? h('p', { class: 'wrap' }, 'Live name is an alias: ', h('code', null, t([p.name, ...p.chain.map((s) => s.target)].join(' → ')))) : null,
    h('div', { class: 'columns' },
      h('div', null, h('h4', null, `Zone file (TTL ${p.zone.ttl})`), recordBlock(p.zone.value)),
      h('div', null, h('h4', null, p.live ? `Live DNS (TTL ${p.live.ttl})` : 'Live DNS'), p.live ? recordBlock(p.live.value) : h('p', { class: 'sev-error' }, 'Not published.'))),
    p.differences.length ? [h('h4', null, 'Differences'), table(['Item', 'Zone file', 'Live DNS'], p.differences.map((d) => [h('code', null, t(d.item)), d.zone !== undefined ? h('code', { class: 'wrap' }, t(d.zone)) : h('span', { class: 'muted' }, 'absent'), d.live !== undefined ? h('code', { class: 'wrap' }, t(d.live)) : h('span', { class: 'muted' }, 'absent')]), 'difference')] : null,
    p.otherLive.length ? [h('h4', null, 'Other TXT records at the name'), p.otherLive.map(recordBlock)] : null,
  ];
}

export function details(r: CheckResult): Child[] {
  if (!r.parsed) return [];
  switch (r.check) {
    case 'dkim': return dkim(r.parsed as DkimParsed | DkimDiscoveryParsed);
    case 'spf': return spf(r.parsed as SpfParsed);
    case 'dmarc': return dmarc(r.parsed as DmarcParsed);
    case 'mx': return mx(r.parsed as MxParsed);
    case 'mta-sts': return [recordBlock((r.parsed as MtaStsParsed).record), h('p', null, `Policy host addresses: ${(r.parsed as MtaStsParsed).policyHostAddresses.join(', ') || 'none'}`)];
    case 'tls-rpt': return [recordBlock((r.parsed as TlsRptParsed).record)];
    case 'compare': return compare(r.parsed as ZoneLiveParsed);
    default: return [];
  }
}
