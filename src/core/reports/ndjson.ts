/**
 * One JSON line per aggregate row, in the field names parsedmarc gives its aggregate events
 * (its Splunk HEC events and Elasticsearch/OpenSearch dmarc_aggregate documents), so the
 * dashboards built for parsedmarc read mailsec's output: `mailsec reports --format ndjson`.
 */
import type { AggregateRecord, AggregateReportHead } from './types';

const stamp = (epoch: number) => new Date(epoch * 1000).toISOString().replace('T', ' ').slice(0, 19);

export function parsedmarcRow(head: AggregateReportHead, r: AggregateRecord): Record<string, unknown> {
  const m = head.metadata;
  const p = head.policy;
  return {
    xml_schema: head.schema === 'rfc9990' ? '2.0' : head.schema === 'rfc7489' ? '1.0' : 'draft',
    org_name: m.orgName,
    org_email: m.email,
    org_extra_contact_info: m.extraContactInfo ?? null,
    report_id: m.reportId,
    begin_date: stamp(m.begin),
    end_date: stamp(m.end),
    errors: m.errors,
    published_policy: { domain: p.domain, adkim: p.adkim ?? 'r', aspf: p.aspf ?? 'r', p: p.p ?? 'none', sp: p.sp ?? p.p ?? 'none', np: p.np ?? null, pct: p.pct === undefined ? '100' : String(p.pct), fo: p.fo ?? '0', testing: p.testing ?? null, discovery_method: p.discoveryMethod ?? null },
    source_ip_address: r.sourceIp,
    source_country: null,
    source_reverse_dns: null,
    source_base_domain: null,
    source_name: null,
    source_type: null,
    message_count: r.count,
    disposition: r.disposition || 'none',
    dkim_aligned: r.dkim === 'pass',
    spf_aligned: r.spf === 'pass',
    passed_dmarc: r.dkim === 'pass' || r.spf === 'pass',
    policy_overrides: r.overrides.map((o) => ({ type: o.type, comment: o.comment ?? null })),
    header_from: r.headerFrom,
    envelope_from: r.envelopeFrom ?? null,
    envelope_to: r.envelopeTo ?? null,
    dkim_results: r.dkimResults.map((d) => ({ domain: d.domain, selector: d.selector ?? 'none', result: d.result })),
    spf_results: r.spfResults.map((s) => ({ domain: s.domain, scope: s.scope ?? 'mfrom', result: s.result })),
  };
}
