/**
 * The shapes of an email-header analysis. Everything here is plain JSON (no class
 * instances, no Date objects: times are epoch milliseconds plus ISO strings), so the
 * CLI can print it with JSON.stringify and a webview can render it as it arrives.
 * Every span is a half-open range of UTF-16 offsets into the text that was analysed.
 */
import type { Finding, Span } from '../findings';

/** Who "we" are: the organisation that received the message. */
export interface OrganizationSettings {
  /** Accepted domains; a sender in one of them (or a subdomain) is internal. */
  domains: string[];
  /** Display names of people worth protecting ("First Last"; "Last, First" to say which part is which). */
  displayNames: string[];
  /** authserv-ids your own servers write into Authentication-Results (e.g. `mx.contoso.com`). */
  authservIds?: string[];
}

export interface HeaderField {
  /** Position in the block, 0 = topmost (the newest for trace headers). */
  index: number;
  /** Field name as written. */
  name: string;
  /** Field name in lower case, for look-ups. */
  lname: string;
  /** Source text of the value (after the colon), folds included, common indentation removed. */
  raw: string;
  /** The value with line breaks removed (RFC 5322 unfolding) and outer whitespace trimmed. */
  unfolded: string;
  /** `unfolded` with RFC 2047 encoded words decoded. */
  decoded: string;
  /** The whole field, from the first character of the name to the end of its last line. */
  span: Span;
  nameSpan: Span;
  valueSpan: Span;
  /**
   * Maps offsets in `unfolded` back to the source: pairs `[unfoldedOffset, sourceOffset]`
   * where each pair starts a run of consecutive characters (use `sourceOffsetOf`).
   */
  map: Array<[number, number]>;
}

export interface ParsedHeaders {
  fields: HeaderField[];
  /** Findings about the block's syntax (lines without a colon, …). */
  findings: Finding[];
  /** The leading mbox `From ` line, if there was one. */
  mboxFrom: { text: string; span: Span } | null;
  /** Offset where the body starts (after the first empty line), or null when there is no body. */
  bodyOffset: number | null;
  /** Number of whitespace characters removed from the start of each line (a copy-pasted, indented block). */
  indent: number;
}

export interface ParsedDate {
  /** The date text as written. */
  text: string;
  epochMs: number;
  iso: string;
  /** The zone offset written in the date, in minutes east of UTC (null when the zone was unknown). */
  offsetMinutes: number | null;
}

export interface MailAddress {
  /** Display name with encoded words decoded (empty when none). */
  name: string;
  /** Display name as written. */
  rawName: string;
  /** `local@domain` (or just what was there, when it has no @). */
  address: string;
  local: string;
  /** Lower-cased domain as written (may be punycode). */
  domain: string;
  /** The domain in Unicode (punycode decoded), lower case. */
  domainUnicode: string;
  /** Name of the group the address belongs to, if any. */
  group: string | null;
  comments: string[];
  /** Where the whole entry, the name and the address are in the analysed text. */
  span: Span;
  nameSpan: Span | null;
  addressSpan: Span | null;
}

/** The clauses of a Received field (RFC 5321 §4.4), as the parser reads them and hops carry them. */
export interface ReceivedClauses {
  /** The `from` clause: the name the client gave (HELO/EHLO or what the server wrote). */
  from: string | null;
  /** Reverse-DNS name of the client as the receiving server noted it in the comment, if any. */
  fromHost: string | null;
  fromIp: string | null;
  by: string | null;
  byIp: string | null;
  via: string | null;
  with: string | null;
  id: string | null;
  for: string | null;
  /** Comments other than the TCP-info of from/by (software, TLS details…). */
  comments: string[];
  time: ParsedDate | null;
}

export interface Hop extends ReceivedClauses {
  /** Position in the hop list, 0 = the oldest. */
  n: number;
  /** Index of the Received field in the header list. */
  headerIndex: number;
  /** Seconds since the previous hop with a time (for hop 0, since the Date header); negative = clock skew. */
  delaySeconds: number | null;
  delayFrom: 'previous-hop' | 'date-header' | null;
  /** `org`: stamped by the receiving organisation; `outside`: below the trust boundary (could be forged); `unknown`: no boundary found. */
  trust: 'org' | 'outside' | 'unknown';
  span: Span;
}

export interface AuthProperty {
  ptype: string;
  property: string;
  value: string;
  span: Span;
}

export interface AuthMethodResult {
  method: string;
  version: string | null;
  result: string;
  reason: string | null;
  /** Microsoft's non-RFC `key=value` items, e.g. `action` after dmarc. */
  extras: Record<string, string>;
  properties: AuthProperty[];
  /** CFWS comments next to this result (shown, never interpreted). */
  comments: string[];
  span: Span;
}

export interface AuthResultsHeader {
  headerIndex: number;
  kind: 'Authentication-Results' | 'ARC-Authentication-Results';
  /** ARC instance (`i=`), for ARC-Authentication-Results. */
  instance: number | null;
  authservId: string | null;
  version: string | null;
  results: AuthMethodResult[];
  /** Is this the header we believe (see analysis.authentication.trustedReason). */
  trusted: boolean;
  span: Span;
}

export interface ReceivedSpf {
  headerIndex: number;
  result: string;
  comment: string | null;
  /** key=value pairs (client-ip, envelope-from, helo, receiver, identity, …). */
  params: Record<string, string>;
  span: Span;
}

export interface DkimSignature {
  headerIndex: number;
  /** All tags as written (whitespace removed from b= and bh=). */
  tags: Record<string, string>;
  version: string | null;
  algorithm: string | null;
  domain: string | null;
  selector: string | null;
  canonicalization: string | null;
  signedHeaders: string[];
  bodyHash: string | null;
  identity: string | null;
  bodyLength: number | null;
  query: string | null;
  signedAt: number | null;
  expiresAt: number | null;
  expired: boolean;
  /** Relaxed/strict alignment of d= with the From domain. */
  alignedRelaxed: boolean;
  alignedStrict: boolean;
  span: Span;
}

export interface ArcSet {
  instance: number;
  seal: { headerIndex: number; cv: string | null; domain: string | null; selector: string | null } | null;
  messageSignature: { headerIndex: number; domain: string | null; selector: string | null } | null;
  authResults: { headerIndex: number; authservId: string | null } | null;
}

export interface ArcSummary {
  sets: ArcSet[];
  /** `none` (no ARC headers), `pass` (complete and cv= consistent), `fail` (a sealer said fail), `broken` (gaps or bad cv=). */
  state: 'none' | 'pass' | 'fail' | 'broken';
  problems: string[];
}

export interface Alignment {
  fromDomain: string | null;
  mailFromDomain: string | null;
  mailFromSource: 'authentication-results' | 'return-path' | null;
  spfRelaxed: boolean | null;
  spfStrict: boolean | null;
  dkimDomains: string[];
  dkimRelaxed: boolean | null;
  dkimStrict: boolean | null;
}

export interface AuthenticationSummary {
  /** The Authentication-Results we trust (index into `results`), or null when there is none. */
  trusted: number | null;
  trustedReason: string;
  results: AuthResultsHeader[];
  receivedSpf: ReceivedSpf[];
  dkimSignatures: DkimSignature[];
  arc: ArcSummary;
  alignment: Alignment;
  /** Results of the trusted header, method → result (first occurrence wins). */
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  compauth: { result: string; reason: string | null; meaning: string | null } | null;
  /** Microsoft's `action=` after dmarc, with its meaning. */
  dmarcAction: { value: string; meaning: string | null } | null;
  /** DMARC pass, compauth pass, or an aligned SPF/DKIM pass in the trusted header. */
  validated: boolean;
}

export interface DecodedItem {
  key: string;
  value: string;
  /** Human label of the key ("Connecting IP"). */
  label: string;
  /** What the value means, in words. */
  meaning: string;
  /** False when Microsoft does not document this key or value. */
  documented: boolean;
  span: Span;
}

export interface MicrosoftHeader {
  headerIndex: number;
  name: string;
  items: DecodedItem[];
}

export interface AntispamSummary {
  microsoft: MicrosoftHeader[];
  /** Quick facts lifted from the Microsoft headers (null when absent). */
  scl: number | null;
  bcl: number | null;
  pcl: number | null;
  sfv: string | null;
  cat: string | null;
  dest: string | null;
}

export interface RuleVerdict {
  ruleId: string;
  ruleName: string;
  fires: boolean;
  /** Why it fires or not, in words. */
  explanation: string;
  /** The disclaimer the rule would prepend, as plain text (the HTML is in the rule definition). */
  disclaimerText: string | null;
  /** What the rule does with the disclaimer in its mode ("Would prepend", "Audit: would record, not prepend"); null when it does not fire. */
  actionLabel: string | null;
  /** The display-name rule when no internal display names are set: shown, never silently absent. */
  notConfigured?: boolean;
  matches: Array<{ header: string; pattern: string; matchedText: string; span: Span | null }>;
}

export interface AddressSummary {
  from: MailAddress[];
  sender: MailAddress[];
  replyTo: MailAddress[];
  returnPath: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
}

export interface HeaderSummary {
  subject: string | null;
  messageId: string | null;
  date: ParsedDate | null;
  fromAddress: string | null;
  fromName: string | null;
  fromDomain: string | null;
  senderIsInternal: boolean;
  /** Total transit time from the oldest to the newest hop with a time, in seconds. */
  totalDelaySeconds: number | null;
}

export interface HeaderAnalysis {
  /** Bumped when the shape changes incompatibly. */
  schema: 1;
  verdict: 'pass' | 'warn' | 'fail';
  /** Errors and warnings, most severe first: why the verdict is what it is. */
  reasons: Finding[];
  /** Every finding, most severe first. */
  findings: Finding[];
  summary: HeaderSummary;
  addresses: AddressSummary;
  headers: HeaderField[];
  hops: Hop[];
  /** Received fields that are not hops (a qmail `(qmail 123 invoked by uid 89)` stamp…). */
  localStamps: Array<{ headerIndex: number; text: string; time: ParsedDate | null; span: Span }>;
  trustBoundary: { hop: number | null; orgMarkers: string[]; how: string };
  authentication: AuthenticationSummary;
  antispam: AntispamSummary;
  transportRules: RuleVerdict[];
  /** How the transport rules' -FromScope sees the sender (AuthAs first, then the domain). */
  transportRuleScope: { scope: 'InOrganization' | 'NotInOrganization'; reason: string; basis: 'auth-as' | 'directionality' | 'domain' };
  mboxFrom: string | null;
  bodyOffset: number | null;
  analyzedAt: number;
}
