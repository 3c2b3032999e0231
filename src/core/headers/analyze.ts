/**
 * `analyzeHeaders`: one pasted header in, one JSON-ready answer out — was the sender
 * validated, who really sent it, where it travelled, why it landed where it did, what
 * the organisation's Exchange transport rules would do, and a pass/warn/fail verdict
 * with its reasons, most severe first.
 */
import { pushAll } from '../arrays';
import { compareFindings, type Finding } from '../findings';
import { readFromScope } from '../rules/fromScope';
import { buildTransportRules, type TransportRuleOptions } from '../rules/transportRules';
import { analyzeAuthentication } from './authentication';
import { normalizeDomain, inDomains } from './domains';
import { encodingFindings } from './encoding';
import { buildHops } from './hops';
import { dateFindings } from './lint';
import { decodeMicrosoftHeaders } from './microsoft';
import { parseHeaderBlock } from './parse';
import { evaluateRulesForAnalysis } from './ruleVerdicts';
import { checkSenders, parseAddresses } from './senders';
import type { Surface } from './settingsHint';
import { markTrust, orgMarkers } from './trust';
import type { HeaderAnalysis, OrganizationSettings } from './types';

export interface AnalyzeOptions {
  org: OrganizationSettings;
  /** Epoch ms taken as "now" (DKIM expiry, future dates); default Date.now(). */
  now?: number;
  /** Names, texts and mode of the transport rules to evaluate (the ones the PowerShell generator writes). */
  rules?: TransportRuleOptions;
  /** Who reads the messages: notes name CLI flags (`cli`) or editor settings (`editor`, the default). */
  surface?: Surface;
}

export function normalizeOrg(org: OrganizationSettings): OrganizationSettings {
  const clean = (xs: string[] | undefined) => [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))];
  return {
    domains: clean(clean(org.domains).map((d) => normalizeDomain(d.replace(/^@/, '')))),
    displayNames: clean(org.displayNames),
    authservIds: clean(clean(org.authservIds).map((x) => x.toLowerCase())),
  };
}

export function analyzeHeaders(text: string, options: AnalyzeOptions): HeaderAnalysis {
  const now = options.now ?? Date.now();
  const org = normalizeOrg(options.org);
  const parsed = parseHeaderBlock(text);
  const { fields } = parsed;
  const findings: Finding[] = parsed.findings.slice();
  if (fields.length === 0) {
    findings.push({
      code: 'hdr-no-headers',
      severity: 'error',
      message: 'No header fields were found ("Name: value" lines). Paste the message header as your mail client shows it ("Show original", "View message source", Outlook\'s "Internet headers").',
      span: { start: 0, end: Math.min(text.length, 200) },
    });
  } else {
    pushAll(findings, encodingFindings(fields));
  }
  const { addresses, findings: addressFindings } = parseAddresses(fields);
  if (fields.length) pushAll(findings, addressFindings);
  const { date, dateField, findings: dateF } = dateFindings(fields, now);
  pushAll(findings, dateF);
  const from = addresses.from.find((a) => a.address.includes('@')) ?? addresses.from[0] ?? null;
  const fromDomain = from?.domain || null;
  const senderIsInternal = !!fromDomain && inDomains(fromDomain, org.domains);
  const returnPathDomain = addresses.returnPath[0]?.domain || null;

  const hopsResult = buildHops(fields, date, dateField);
  pushAll(findings, hopsResult.findings);
  const { auth, findings: authF } = analyzeAuthentication({ fields, org, fromDomain, returnPathDomain, now });
  pushAll(findings, authF);

  const microsoftPresent = fields.some((f) => /^x-(ms-exchange|forefront|microsoft-antispam)/.test(f.lname));
  const { markers, auto, provider, configured } = orgMarkers(org, hopsResult.hops, auth.results);
  const trust = markTrust(hopsResult.hops, markers, { auto, provider, configured, surface: options.surface ?? 'editor' });
  pushAll(findings, trust.findings);

  // Exchange removes X-MS-Exchange-Organization-* fields that arrive from outside (its
  // header firewall), so AuthAs is believed only when Exchange received the message.
  const exchangeReceived = microsoftPresent && trust.boundary !== null;
  const authAs = exchangeReceived ? fields.find((f) => f.lname === 'x-ms-exchange-organization-authas') : undefined;

  const { antispam, findings: msF } = decodeMicrosoftHeaders(fields);
  pushAll(findings, msF);

  findings.push(
    ...checkSenders({
      addresses,
      org,
      senderIsInternal,
      validated: auth.validated,
      authEvaluated: auth.trusted !== null,
      authenticatedInternally: authAs?.unfolded.toLowerCase() === 'internal',
      dkimDomains: auth.alignment.dkimDomains,
    }),
  );

  const rules = buildTransportRules(org, options.rules);
  const ruleScope = readFromScope({
    fromDomain,
    acceptedDomains: org.domains,
    headers: fields.map((f) => ({ name: f.name, value: f.unfolded })),
    trustOrganizationHeaders: exchangeReceived,
    senderValidated: auth.trusted !== null ? auth.validated : null,
  });
  const { verdicts, findings: ruleF } = evaluateRulesForAnalysis(rules, fields, auth, ruleScope.scope === 'InOrganization', findings, ruleScope.reason);
  findings.push(...ruleF);

  findings.sort(compareFindings);
  const reasons = findings.filter((f) => f.severity !== 'info');
  const verdict = findings.some((f) => f.severity === 'error') ? 'fail' : reasons.length ? 'warn' : 'pass';
  const subject = fields.find((f) => f.lname === 'subject');
  const messageId = fields.find((f) => f.lname === 'message-id');
  return {
    schema: 1,
    verdict,
    reasons,
    findings,
    summary: {
      subject: subject ? subject.decoded : null,
      messageId: messageId ? messageId.unfolded : null,
      date,
      fromAddress: from?.address ?? null,
      fromName: from?.name || null,
      fromDomain,
      senderIsInternal,
      totalDelaySeconds: hopsResult.totalDelaySeconds,
    },
    addresses,
    headers: fields,
    hops: hopsResult.hops,
    localStamps: hopsResult.localStamps,
    trustBoundary: { hop: trust.boundary, orgMarkers: trust.markers, how: trust.how },
    authentication: auth,
    antispam,
    transportRules: verdicts,
    transportRuleScope: ruleScope,
    mboxFrom: parsed.mboxFrom?.text ?? null,
    bodyOffset: parsed.bodyOffset,
    analyzedAt: now,
  };
}
