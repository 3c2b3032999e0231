/** SMTP TLS report totals per policy domain and receiving MX, failures by type. */
import type { TlsRptReport } from './types';

export interface TlsMxSummary {
  mx: string;
  failedSessions: number;
  /** result-type → failed sessions (certificate-expired, starttls-not-supported, sts-policy-invalid …). */
  failures: Record<string, number>;
}

export interface TlsDomainSummary {
  domain: string;
  policyTypes: string[];
  reports: number;
  reporters: string[];
  successfulSessions: number;
  failedSessions: number;
  byMx: TlsMxSummary[];
}

/** What each RFC 8460 result type means for the admin, in words. */
export const tlsResultMeaning: Record<string, string> = {
  'starttls-not-supported': 'the MX did not offer STARTTLS',
  'certificate-host-mismatch': 'the certificate does not name the MX host',
  'certificate-expired': 'the certificate has expired',
  'certificate-not-trusted': 'the certificate does not chain to a trusted root',
  'validation-failure': 'a general validation failure',
  'tlsa-invalid': 'the DANE TLSA record is invalid',
  'dnssec-invalid': 'DNSSEC validation failed for the TLSA lookup',
  'dane-required': 'DANE is required but no usable TLSA record was found',
  'sts-policy-fetch-error': 'the MTA-STS policy could not be fetched over HTTPS',
  'sts-policy-invalid': 'the MTA-STS policy file is invalid',
  'sts-webpki-invalid': 'the MTA-STS policy host certificate is not valid',
};

export class TlsAnalysis {
  private readonly domains = new Map<string, { types: Set<string>; reports: number; reporters: Set<string>; ok: number; failed: number; mx: Map<string, Map<string, number>> }>();
  private readonly seen = new Set<string>();
  duplicates = 0;
  reports = 0;

  add(r: TlsRptReport): void {
    const key = `${r.organizationName.toLowerCase()}\u0000${r.reportId}`;
    if (this.seen.has(key)) {
      this.duplicates++;
      return;
    }
    this.seen.add(key);
    this.reports++;
    for (const p of r.policies) {
      let d = this.domains.get(p.policyDomain);
      if (!d) this.domains.set(p.policyDomain, (d = { types: new Set(), reports: 0, reporters: new Set(), ok: 0, failed: 0, mx: new Map() }));
      d.types.add(p.policyType);
      d.reports++;
      d.reporters.add(r.organizationName);
      d.ok += p.successfulSessions;
      d.failed += p.failedSessions;
      for (const f of p.failures) {
        const mx = f.receivingMxHostname ?? f.receivingIp ?? '(unnamed MX)';
        let m = d.mx.get(mx);
        if (!m) d.mx.set(mx, (m = new Map()));
        m.set(f.resultType, (m.get(f.resultType) ?? 0) + f.failedSessionCount);
      }
    }
  }

  summaries(): TlsDomainSummary[] {
    return [...this.domains.entries()].map(([domain, d]) => ({
      domain,
      policyTypes: [...d.types].sort(),
      reports: d.reports,
      reporters: [...d.reporters].sort(),
      successfulSessions: d.ok,
      failedSessions: d.failed,
      byMx: [...d.mx.entries()]
        .map(([mx, m]) => ({ mx, failedSessions: [...m.values()].reduce((a, b) => a + b, 0), failures: Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1])) }))
        .sort((a, b) => b.failedSessions - a.failedSessions),
    }));
  }
}
