/**
 * DMARC aggregate reports (RFC 7489 appendix C, RFC 9990) and SMTP TLS reports (RFC 8460),
 * as read from the files receivers send to a domain's rua= / TLS-RPT address.
 */

export type DmarcSchema = 'rfc7489' | 'rfc9990' | 'draft';

export interface ReportMetadata {
  orgName: string;
  email: string;
  extraContactInfo?: string;
  reportId: string;
  /** Seconds since the epoch (UTC), as in the report. */
  begin: number;
  end: number;
  errors: string[];
  /** RFC 9990: the software that wrote the report. */
  generator?: string;
}

export interface PolicyPublished {
  domain: string;
  adkim?: string;
  aspf?: string;
  p?: string;
  sp?: string;
  /** RFC 9990: policy for non-existent subdomains. */
  np?: string;
  pct?: number;
  fo?: string;
  /** RFC 9990: t=y, the policy is in test mode. */
  testing?: string;
  /** RFC 9990: how the policy was found (psl or treewalk). */
  discoveryMethod?: string;
}

export interface DkimAuthResult {
  domain: string;
  selector?: string;
  result: string;
  humanResult?: string;
}

export interface SpfAuthResult {
  domain: string;
  scope?: string;
  result: string;
  humanResult?: string;
}

export interface PolicyOverride {
  type: string;
  comment?: string;
}

export interface AggregateRecord {
  sourceIp: string;
  count: number;
  disposition: string;
  /** DMARC's own (alignment-aware) verdicts: pass means an aligned pass. */
  dkim: string;
  spf: string;
  overrides: PolicyOverride[];
  headerFrom: string;
  envelopeFrom?: string;
  envelopeTo?: string;
  dkimResults: DkimAuthResult[];
  spfResults: SpfAuthResult[];
}

/** One aggregate report without its records (they stream through a callback). */
export interface AggregateReportHead {
  schema: DmarcSchema;
  namespace?: string;
  version?: string;
  metadata: ReportMetadata;
  policy: PolicyPublished;
}

export interface TlsRptFailure {
  resultType: string;
  sendingMtaIp?: string;
  receivingMxHostname?: string;
  receivingMxHelo?: string;
  receivingIp?: string;
  failedSessionCount: number;
  additionalInformation?: string;
  failureReasonCode?: string;
}

export interface TlsRptPolicy {
  policyType: string;
  policyString: string[];
  policyDomain: string;
  mxHost: string[];
  successfulSessions: number;
  failedSessions: number;
  failures: TlsRptFailure[];
}

export interface TlsRptReport {
  organizationName: string;
  contactInfo?: string;
  reportId: string;
  begin: string;
  end: string;
  policies: TlsRptPolicy[];
}

/** A report file that could not be read: named, with the reason in words, never a stack trace. */
export class ReportInputError extends Error {
  readonly tag = 'ReportInputError';
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

export function isReportInputError(e: unknown): e is ReportInputError {
  return (e as { tag?: unknown } | null)?.tag === 'ReportInputError';
}

/** Bounds on what one input may make us do (hostile senders write these files). */
export interface ReportLimits {
  /** Decompressed bytes of one report (XML or JSON). */
  maxReportBytes: number;
  /** Bytes of one compressed or container file read into memory (zip, gzip member, message). */
  maxContainerBytes: number;
  /** Files inside one zip archive. */
  maxArchiveFiles: number;
  /** Records in one aggregate report. */
  maxRecords: number;
}

export const defaultReportLimits: ReportLimits = {
  maxReportBytes: 64 * 1024 * 1024,
  maxContainerBytes: 32 * 1024 * 1024,
  maxArchiveFiles: 64,
  maxRecords: 1_000_000,
};
