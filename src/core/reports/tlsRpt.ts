/**
 * SMTP TLS reports (RFC 8460 section 4): JSON, one report per file. Every field is checked for
 * its type: a report is written by whoever sends it.
 */
import { clipped } from '../text/visible';
import { ReportInputError, type TlsRptFailure, type TlsRptPolicy, type TlsRptReport } from './types';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** True when a parsed JSON value has the shape of a TLS report (cheap sniff). */
export function looksLikeTlsRpt(v: unknown): boolean {
  return isObject(v) && Array.isArray(v.policies) && ('report-id' in v || 'organization-name' in v);
}

function failure(v: unknown): TlsRptFailure | undefined {
  if (!isObject(v)) return undefined;
  return {
    resultType: str(v['result-type']) ?? 'unknown',
    sendingMtaIp: str(v['sending-mta-ip']),
    receivingMxHostname: str(v['receiving-mx-hostname'])?.replace(/\.$/, '').toLowerCase(),
    receivingMxHelo: str(v['receiving-mx-helo']),
    receivingIp: str(v['receiving-ip']),
    failedSessionCount: count(v['failed-session-count']),
    additionalInformation: str(v['additional-information']),
    failureReasonCode: str(v['failure-reason-code']),
  };
}

function policy(v: unknown): TlsRptPolicy | undefined {
  if (!isObject(v) || !isObject(v.policy)) return undefined;
  const p = v.policy;
  const summary = isObject(v.summary) ? v.summary : {};
  const details = Array.isArray(v['failure-details']) ? v['failure-details'] : [];
  return {
    policyType: str(p['policy-type']) ?? 'unknown',
    policyString: strings(p['policy-string']),
    policyDomain: (str(p['policy-domain']) ?? '').replace(/\.$/, '').toLowerCase(),
    mxHost: strings(p['mx-host']).map((h) => h.toLowerCase()),
    successfulSessions: count(summary['total-successful-session-count']),
    failedSessions: count(summary['total-failure-session-count']),
    failures: details.map(failure).filter((f): f is TlsRptFailure => f !== undefined),
  };
}

export function readTlsRpt(json: string): TlsRptReport {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (e) {
    throw new ReportInputError(`not valid JSON: ${clipped((e as Error).message, 200)}`);
  }
  if (!looksLikeTlsRpt(v)) throw new ReportInputError('not an SMTP TLS report (RFC 8460): no "policies" list and no "report-id"');
  const r = v as Json;
  const range = isObject(r['date-range']) ? r['date-range'] : {};
  return {
    organizationName: str(r['organization-name']) ?? '',
    contactInfo: str(r['contact-info']),
    reportId: str(r['report-id']) ?? '',
    begin: str(range['start-datetime']) ?? '',
    end: str(range['end-datetime']) ?? '',
    policies: (r.policies as unknown[]).map(policy).filter((p): p is TlsRptPolicy => p !== undefined),
  };
}
