/** The check-specific part of the text output (what the parsed record says). */
import type { CheckResult } from '../../core/checks/types';
import type { DmarcParsed } from '../../core/checks/dmarc';
import type { MxParsed } from '../../core/checks/mx';
import type { MtaStsParsed } from '../../core/checks/mtaSts';
import type { TlsRptParsed } from '../../core/checks/tlsRpt';
import { safe } from './checkText';
import type { DkimDiscoveryParsed, DkimParsed } from '../../core/checks/dkim';
import type { SpfParsed } from '../../core/checks/spf';
import { dkimDetails, spfDetails } from './dkimSpfDetails';

function mx(p: MxParsed): string[] {
  if (p.nullMx) return ['Null MX: the domain accepts no mail.'];
  if (!p.hosts.length) return p.implicitAddresses?.length ? [`Implicit MX: ${p.implicitAddresses.join(', ')}`] : [];
  return ['Mail exchangers (lowest preference first):', ...p.hosts.map((h) => `  ${String(h.preference).padStart(5)} ${safe(h.exchange)}${h.cnameTarget ? ` → CNAME ${safe(h.cnameTarget)}` : ''}  ${h.addresses.join(', ') || '(no address)'}  TTL ${h.ttl}`)];
}

function dmarc(p: DmarcParsed): string[] {
  const source = { domain: 'its own record', 'organizational-domain': `the organisational domain ${p.recordDomain}`, psd: `the public suffix domain ${p.recordDomain} (psd=y)` }[p.source];
  const lines = [`Record at _dmarc.${safe(p.recordDomain)} (${source}):`, `  "${safe(p.record)}"`, `Policy applied: ${p.policyTag}=${safe(p.effectivePolicy)}${p.publishedPolicy ? ` (published ${safe(p.publishedPolicy)})` : ''}`];
  const t = p.tags;
  lines.push(`  alignment: DKIM ${t.adkim === 's' ? 'strict' : 'relaxed'}, SPF ${t.aspf === 's' ? 'strict' : 'relaxed'}${t.pct !== undefined ? `; pct=${t.pct}` : ''}${t.testing ? '; testing (t=y)' : ''}${t.nonexistentPolicy ? `; np=${t.nonexistentPolicy}` : ''}${t.psd ? `; psd=${t.psd}` : ''}`);
  if (p.destinations.length) {
    lines.push('Report destinations:');
    for (const d of p.destinations) {
      const state = !d.external ? 'same organisation' : d.authorized === true ? `external, authorised by ${safe(d.authorizationName!)}` : d.authorized === false ? `external, NOT authorised (no record at ${safe(d.authorizationName!)})` : 'external, authorisation unknown';
      lines.push(`  ${d.tag} ${safe(d.uri)}  ${state}`);
    }
  }
  return lines;
}

function mtaSts(p: MtaStsParsed): string[] {
  return [`Record: "${safe(p.record)}"`, `Policy host addresses: ${p.policyHostAddresses.join(', ') || 'none'}`];
}

function tlsRpt(p: TlsRptParsed): string[] {
  return [`Record: "${safe(p.record)}"`, ...p.rua.map((u) => `  rua ${safe(u)}`)];
}

export function detailsOf(r: CheckResult): string[] {
  if (!r.parsed) return [];
  switch (r.check) {
    case 'dkim': return dkimDetails(r.parsed as DkimParsed | DkimDiscoveryParsed);
    case 'spf': return spfDetails(r.parsed as SpfParsed);
    case 'mx': return mx(r.parsed as MxParsed);
    case 'dmarc': return dmarc(r.parsed as DmarcParsed);
    case 'mta-sts': return mtaSts(r.parsed as MtaStsParsed);
    case 'tls-rpt': return tlsRpt(r.parsed as TlsRptParsed);
    default: return [];
  }
}
