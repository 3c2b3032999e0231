/** Builds aggregate reports (RFC 7489 or RFC 9990 XML) for tests. */
export interface Row {
  ip: string;
  count: number;
  dkim: 'pass' | 'fail';
  spf: 'pass' | 'fail';
  disposition?: string;
  headerFrom?: string;
  envelopeFrom?: string;
  dkimAuth?: { domain: string; selector?: string; result: string }[];
  spfAuth?: { domain: string; result: string }[];
  override?: string;
}

export interface ReportSpec {
  org?: string;
  id?: string;
  domain?: string;
  p?: string;
  pct?: number;
  begin?: number;
  rows: Row[];
  rfc9990?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function aggregateXml(spec: ReportSpec): string {
  const domain = spec.domain ?? 'contoso.com';
  const begin = spec.begin ?? 1764547200; // 2025-12-01
  const ns = spec.rfc9990 ? ' xmlns="urn:ietf:params:xml:ns:dmarc-2.0"' : '';
  const rows = spec.rows
    .map((r) => {
      const dkim = (r.dkimAuth ?? []).map((d) => `<dkim><domain>${esc(d.domain)}</domain>${d.selector ? `<selector>${esc(d.selector)}</selector>` : ''}<result>${d.result}</result></dkim>`).join('');
      const spf = (r.spfAuth ?? [{ domain: r.envelopeFrom ?? domain, result: r.spf }]).map((s) => `<spf><domain>${esc(s.domain)}</domain><scope>mfrom</scope><result>${s.result}</result></spf>`).join('');
      const reason = r.override ? `<reason><type>${r.override}</type></reason>` : '';
      return `<record><row><source_ip>${r.ip}</source_ip><count>${r.count}</count><policy_evaluated><disposition>${r.disposition ?? 'none'}</disposition><dkim>${r.dkim}</dkim><spf>${r.spf}</spf>${reason}</policy_evaluated></row><identifiers>${r.envelopeFrom ? `<envelope_from>${esc(r.envelopeFrom)}</envelope_from>` : ''}<header_from>${esc(r.headerFrom ?? domain)}</header_from></identifiers><auth_results>${dkim}${spf}</auth_results></record>`;
    })
    .join('\n');
  const np = spec.rfc9990 ? '<np>reject</np><testing>n</testing><discovery_method>treewalk</discovery_method>' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<feedback${ns}>${spec.rfc9990 ? '' : '<version>1.0</version>'}
<report_metadata><org_name>${esc(spec.org ?? 'google.com')}</org_name><email>noreply-dmarc-support@google.com</email><report_id>${esc(spec.id ?? '1')}</report_id><date_range><begin>${begin}</begin><end>${begin + 86399}</end></date_range>${spec.rfc9990 ? '<generator>test 1.0</generator>' : ''}</report_metadata>
<policy_published><domain>${domain}</domain><adkim>r</adkim><aspf>r</aspf><p>${spec.p ?? 'none'}</p><sp>${spec.p ?? 'none'}</sp>${np}<pct>${spec.pct ?? 100}</pct></policy_published>
${rows}
</feedback>
`;
}
