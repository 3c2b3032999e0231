/**
 * What Microsoft's anti-spam header values mean. Sources (Microsoft Learn):
 * - "Anti-spam message headers in cloud organizations"
 *   https://learn.microsoft.com/defender-office-365/message-headers-eop-mdo
 *   (X-Forefront-Antispam-Report fields, CAT, SFV, IPV, SFTY, DIR, SRV, compauth reason codes, dmarc action)
 * - "Troubleshoot anti-spam policy issues" (SFV:SKI and which component set the SCL)
 *   https://learn.microsoft.com/defender-office-365/anti-spam-policies-troubleshooting
 * - "Spam confidence level (SCL)" https://learn.microsoft.com/defender-office-365/anti-spam-spam-confidence-level-scl-about
 * - "Bulk complaint level (BCL)" https://learn.microsoft.com/defender-office-365/anti-spam-bulk-complaint-level-bcl-about
 * - Exchange Server 2013 "Anti-spam stamps" (PCL 1–3 Neutral, 4–8 Suspicious)
 *   https://learn.microsoft.com/exchange/anti-spam-stamps-exchange-2013-help
 * - AuthenticationSource enumeration (Anonymous / Organization / Partner), Exchange transport API
 *   https://learn.microsoft.com/previous-versions/office/developer/exchange-server-2010/aa579305(v=exchg.140)
 * Microsoft says fields it does not describe "are used exclusively by the Microsoft
 * anti-spam team for diagnostic purposes"; those are shown raw and marked undocumented.
 * X-Microsoft-Antispam-Mailbox-Delivery is not documented by Microsoft at all: the
 * meanings below are what administrators have observed, and are labelled as such.
 */

export interface Meaning {
  meaning: string;
  documented: boolean;
}

export const FOREFRONT_LABELS: Record<string, string> = {
  ARC: 'ARC protocol fields',
  CAT: 'Category of protection policy applied',
  CIP: 'Connecting IP address',
  CTRY: 'Source country/region (of the connecting IP)',
  DIR: 'Direction',
  H: 'HELO/EHLO name of the connecting server',
  IPV: 'IP verdict (connection filtering)',
  LANG: 'Language of the message',
  PTR: 'Reverse DNS (PTR) of the connecting IP',
  SCL: 'Spam confidence level',
  SFTY: 'Safety tip / phishing sub-verdict',
  SFV: 'Spam filtering verdict',
  SRV: 'Bulk verdict',
  SFS: 'Spam filter rules matched',
  'X-CustomSpam': 'Advanced Spam Filter (ASF) setting matched',
};

export const CAT: Record<string, string> = {
  NONE: 'No threat policy category applied.',
  AMP: 'Anti-malware.',
  BIMP: 'Brand impersonation (Defender for Office 365).',
  BULK: 'Bulk mail.',
  DIMP: 'Domain impersonation (Defender for Office 365).',
  FTBP: 'Anti-malware common attachments filter (blocked file type).',
  GIMP: 'Mailbox intelligence impersonation (Defender for Office 365).',
  HPHSH: 'High confidence phishing.',
  HPHISH: 'High confidence phishing.',
  HSPM: 'High confidence spam.',
  INTOS: 'Intra-organisation phishing.',
  MALW: 'Malware.',
  OSPM: 'Outbound spam.',
  PHSH: 'Phishing.',
  SAP: 'Safe Attachments (Defender for Office 365).',
  SPM: 'Spam.',
  SPOOF: 'Spoofing.',
  UIMP: 'User impersonation (Defender for Office 365).',
};

export const SFV: Record<string, string> = {
  BLK: "Filtering was skipped and the message was blocked: the sender is in the recipient's Blocked Senders list.",
  NSPM: 'Spam filtering marked the message as not spam; it was sent to the intended recipients.',
  SFE: "Filtering was skipped and the message was allowed: the sender is in the recipient's Safe Senders list.",
  SKA: 'Spam filtering was skipped and the message delivered to the Inbox: the sender is in the allowed senders or allowed domains of an anti-spam policy.',
  SKB: 'Marked as spam: the sender matched the blocked senders or blocked domains of an anti-spam policy.',
  SKI: 'Spam filtering was skipped: the source IP address is in the IP Allow List of the connection filter policy.',
  SKN: 'Spam filtering was bypassed by an Exchange mail flow rule (for example SCL -1).',
  SKQ: 'The message was released from quarantine and sent to the intended recipients.',
  SKS: 'Marked as spam before spam filtering: a mail flow rule set the SCL, or on-premises Exchange passed a spam decision (hybrid).',
  SPM: 'Spam filtering marked the message as spam.',
};

/** Verdicts that mean "this message skipped filtering because something allowed it". */
export const SFV_BYPASS = new Set(['SKA', 'SKI', 'SKN', 'SFE']);

export const IPV: Record<string, string> = {
  CAL: 'Spam filtering was skipped: the source IP address is in the IP Allow List (connection filtering).',
  NLI: "The IP address wasn't found on any IP reputation list.",
};

export const DIR: Record<string, string> = {
  INB: 'Inbound message.',
  OUT: 'Outbound message.',
  INT: 'Internal message.',
};

export const SFTY: Record<string, string> = {
  '9.19': 'Domain impersonation: the sending domain attempts to impersonate a protected domain.',
  '9.20': "User impersonation: the sender attempts to impersonate a user in the recipient's organisation or a protected user.",
  '9.25': 'First contact safety tip: may indicate a suspicious or phishing message.',
};

export function sclMeaning(scl: number): string {
  if (scl === -1) return 'Spam filtering was skipped (safe sender, IP Allow List, or a rule set SCL -1): delivered to the Inbox.';
  if (scl === 0 || scl === 1) return 'Spam filtering found the message was not spam: delivered to the Inbox.';
  if (scl >= 2 && scl <= 4) return 'Not spam by default. Exchange Online spam filtering never stamps 2–4 (a mail flow rule set it); on-premises Exchange content filtering uses the whole 0–9 scale.';
  if (scl === 5 || scl === 6) return 'Spam: by default delivered to the Junk Email folder (quarantined under the Strict preset policy).';
  if (scl >= 7 && scl <= 9) return 'High confidence spam: by default delivered to Junk Email, quarantined under the Standard and Strict preset policies.';
  return 'Outside the documented range -1 to 9.';
}

export function bclMeaning(bcl: number): string {
  if (bcl === 0) return "The message isn't from a bulk sender.";
  if (bcl >= 1 && bcl <= 3) return 'From a bulk sender that generates few complaints.';
  if (bcl >= 4 && bcl <= 7) return 'From a bulk sender that generates a mixed number of complaints (the default bulk threshold is 7; Standard 6, Strict 5).';
  if (bcl === 8 || bcl === 9) return 'From a bulk sender that generates a high number of complaints.';
  return 'Outside the documented range 0 to 9.';
}

export function pclMeaning(pcl: number): string {
  if (pcl === 0) return 'No phishing rating (0).';
  if (pcl >= 1 && pcl <= 3) return 'Neutral: the content is not likely to be phishing (1–3).';
  if (pcl >= 4 && pcl <= 8) return 'Suspicious: the content is likely to be phishing (4–8).';
  return 'Outside the documented range 1 to 8.';
}

/** Composite authentication `reason=` codes. */
export function compauthReason(reason: string): Meaning {
  const r = reason.trim();
  const exact: Record<string, string> = {
    '000': 'Failed explicit authentication: for example DMARC failed and the domain publishes p=quarantine or p=reject.',
    '001': 'Failed implicit authentication: the domain publishes no authentication records, or only weak ones (SPF ~all or ?all, DMARC p=none).',
    '002': 'Your organisation has a policy that explicitly prohibits this sender/domain pair from sending spoofed mail.',
    '010': "Failed DMARC with p=reject or p=quarantine, and the sending domain is one of your organisation's accepted domains (self-to-self or intra-org spoofing).",
    '130': 'Passed: the ARC result was used to override a DMARC failure.',
  };
  if (exact[r]) return { meaning: exact[r]!, documented: true };
  if (/^[17]\d\d$/.test(r)) return { meaning: 'Passed composite authentication; the last two digits are internal Microsoft codes.', documented: true };
  if (/^2\d\d$/.test(r)) return { meaning: 'Soft-passed implicit authentication (compauth=softpass); the last two digits are internal codes.', documented: true };
  if (/^3\d\d$/.test(r)) return { meaning: 'Not checked for composite authentication (compauth=none).', documented: true };
  if (/^[49]\d\d$/.test(r)) return { meaning: 'Bypassed composite authentication (compauth=none); the last two digits are internal codes.', documented: true };
  if (/^6\d\d$/.test(r)) return { meaning: "Failed implicit authentication and the sending domain is one of your organisation's accepted domains (self-to-self or intra-org spoofing).", documented: true };
  return { meaning: 'Not a documented compauth reason code.', documented: false };
}

/** Exchange Server's X-MS-Exchange-Organization-Antispam-Report stamps (Exchange 2013 "Anti-spam stamps"). */
export const ONPREM_REPORT: Record<string, string> = {
  DV: 'Version of the spam definition file used for the scan.',
  SID: 'Sender ID result (Pass, Neutral, SoftFail, Fail, None, TempError, PermError).',
  PCL: 'Phishing confidence of the content: Neutral (1–3) or Suspicious (4–8).',
  CW: 'A custom allowed or blocked word or phrase changed the SCL (block phrases set 9, allow phrases 0).',
  PP: 'A valid Outlook e-mail postmark (solved puzzle) lowered the SCL.',
  TIME: 'A large delay between sending and receiving was used in the SCL rating.',
  MIME: 'The message is not MIME compliant.',
  P100: 'The message contains a URL listed in a phishing definition file.',
  SA: 'A signature found in the message had it recovered or deleted.',
  SV: 'Version of the signature file used for the scan.',
  IPONALLOWLIST: "The sender's IP address is on the IP Allow list.",
  MESSAGESECURITYANTISPAMBYPASS: 'The sender has permission to bypass anti-spam filtering; content was not filtered.',
  SENDERBYPASSED: 'Content filtering is bypassed for this sender.',
  ALLRECIPIENTSBYPASSED: 'Every recipient bypasses content filtering (AntispamBypassEnabled, Safe Senders, or a recipient exception).',
};

export const DMARC_ACTION: Record<string, string> = {
  none: 'No DMARC action was taken.',
  'pct.quarantine': 'DMARC failed with p=quarantine, but pct= was below 100 and this message was randomly let through.',
  'pct.reject': 'DMARC failed with p=reject, but pct= was below 100 and this message was randomly let through.',
  oreject: 'DMARC failed with p=reject and Microsoft 365 overrode the reject ("o" = override): the message was accepted and handled by the anti-phishing policy (for example Junk or quarantine) instead of being refused.',
  permerror: "A permanent error during DMARC evaluation (e.g. a malformed DMARC record); retrying won't help.",
  temperror: 'A temporary error during DMARC evaluation; a later attempt might succeed.',
};

export const AUTH_AS: Record<string, Meaning> = {
  anonymous: { meaning: 'The connection was not authenticated: the message came from the Internet (or an unauthenticated connector).', documented: true },
  internal: { meaning: 'The sending server or user authenticated as part of your organisation.', documented: true },
  partner: { meaning: 'The sending server authenticated as a partner (domain security / mutual TLS connector).', documented: true },
  external: { meaning: 'Authenticated, but not as part of your organisation (undocumented value).', documented: false },
};

export const DIRECTIONALITY: Record<string, Meaning> = {
  incoming: { meaning: 'Exchange treated the message as coming from outside the organisation (undocumented header; observed meaning).', documented: false },
  originating: { meaning: 'Exchange treated the message as sent from inside the organisation (undocumented header; observed meaning).', documented: false },
};

/** X-Microsoft-Antispam-Mailbox-Delivery: undocumented by Microsoft; observed meanings. */
export const MAILBOX_DELIVERY: Record<string, string> = {
  dest: 'Where the mailbox put the message: I = Inbox, J = Junk Email, C = a custom folder (a rule moved it).',
  OFR: 'What decided the folder: e.g. SpamFilterAuthJ (spam filtering / junk settings), CustomRules (a user inbox rule), TrustedSenderList, ExclusiveSettings.',
  auth: '1 = the message counted as authenticated for the mailbox junk decision, 0 = not.',
  jmr: 'Junk mail rule: 1 = the mailbox junk email rule acted on the message.',
  ucf: '1 = a user-level filter or setting took part in the delivery decision.',
  abwl: 'Allow/block list flag (meaning not published).',
  wl: 'Safe (allow) list flag (meaning not published).',
  pcwl: 'Personal contacts allow-list flag (meaning not published).',
  kl: 'Block list flag (meaning not published).',
  iwl: 'Allow-list flag (meaning not published).',
  ijl: 'Junk-list flag (meaning not published).',
  dwl: 'Domain allow-list flag (meaning not published).',
  dkl: 'Domain block-list flag (meaning not published).',
  rwl: 'Recipient allow-list flag (meaning not published).',
  ex: 'Exception flag (meaning not published).',
  ENG: 'Internal filtering engine rule identifiers (meaning not published).',
};

export const MAILBOX_DEST: Record<string, string> = { I: 'Inbox', J: 'Junk Email folder', C: 'a custom folder (moved by a rule)', D: 'Deleted Items' };
