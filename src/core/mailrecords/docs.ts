/**
 * One- or two-sentence explanations of every DKIM key tag, SPF term and DMARC tag, for
 * hovers in the editor and `mailsec explain`-style output. Plain text, no markup.
 */

const DKIM_TAGS: Record<string, string> = {
  v: 'Version of the key record (RFC 6376 §3.6.1). Optional; if present it must be the first tag and exactly "DKIM1".',
  h: 'Hash algorithms this key may be used with, separated by ":" (sha256, sha1). Absent means all; sha1 alone makes the key useless since RFC 8301.',
  k: 'Key type: "rsa" (the default) or "ed25519" (RFC 8463). It must match the key in p= and the a= of the signatures.',
  n: 'Notes for humans, ignored by verifiers.',
  p: 'The public key, base64: for rsa a DER SubjectPublicKeyInfo (2048 bits recommended), for ed25519 the raw 32-byte key. Empty means the key is revoked.',
  s: 'Service types the key may be used for, separated by ":": "email" or "*" (the default, all services).',
  t: 'Flags separated by ":": "y" means this domain is testing DKIM, "s" forbids signing identities (i=) in subdomains of d=.',
};

const SPF_TERMS: Record<string, string> = {
  v: 'Marks the TXT record as SPF version 1; it must be the very start of the record ("v=spf1" followed by a space).',
  all: 'Matches every sender; it goes last. "-all" fails the rest, "~all" soft-fails it, "?all" is neutral and "+all" authorises everyone.',
  include: 'Evaluates the SPF record of another domain and matches if that record passes (a sending service\'s record, usually). Costs one DNS lookup plus that record\'s own.',
  a: 'Matches if the sender\'s IP is an address (A/AAAA) of the domain (this one, or a:<domain>), optionally widened by /<prefix>. Costs one DNS lookup.',
  mx: 'Matches if the sender\'s IP is an address of one of the domain\'s MX hosts, optionally widened by /<prefix>. Costs one lookup plus up to 10 for the hosts.',
  ptr: 'Matches if the sender\'s reverse DNS name is in the domain. RFC 7208 says do not use it: slow, unreliable, and many receivers skip it.',
  ip4: 'Matches an IPv4 address or range (ip4:192.0.2.0/24). Needs no DNS lookup.',
  ip6: 'Matches an IPv6 address or range (ip6:2001:db8::/32). Needs no DNS lookup.',
  exists: 'Matches if the domain (usually built with macros such as %{i}) has an A record, whatever its address. Costs one DNS lookup.',
  redirect: 'Modifier: if no mechanism matched and the record has no "all", use the SPF record of this other domain instead. Costs one DNS lookup.',
  exp: 'Modifier: domain of a TXT record whose text explains a failure to the sender (receivers may show it in the rejection).',
  '+': 'Qualifier "pass" (the default when none is written): senders matching the mechanism are authorised.',
  '-': 'Qualifier "fail": senders matching the mechanism are not authorised; with DMARC or strict receivers the mail is rejected.',
  '~': 'Qualifier "softfail": senders matching the mechanism are probably not authorised; receivers usually accept but mark the mail.',
  '?': 'Qualifier "neutral": the domain says nothing about senders matching the mechanism, as if there were no SPF record.',
};

const DMARC_TAGS: Record<string, string> = {
  v: 'Version: must be the first tag and exactly "DMARC1", or receivers ignore the record.',
  p: 'Policy for mail that fails DMARC: none (monitor only), quarantine (spam folder) or reject. Optional in RFC 9989 (then none), required by RFC 7489.',
  sp: 'Policy for subdomains of this domain; defaults to p=.',
  np: 'Policy for subdomains that do not exist in DNS (RFC 9989); defaults to sp=, then p=.',
  psd: 'RFC 9989: "y" if this record belongs to a public suffix domain (such as a TLD), "n" if it is an organisational domain, "u" (default) unknown.',
  t: 'RFC 9989 testing mode: "y" asks receivers not to apply the policy yet (like pct=0 did), "n" (default) to apply it.',
  adkim: 'DKIM alignment: "r" (relaxed, default) accepts a signature from the same organisational domain, "s" (strict) needs the exact From domain.',
  aspf: 'SPF alignment: "r" (relaxed, default) accepts a MAIL FROM in the same organisational domain, "s" (strict) needs the exact From domain.',
  pct: 'RFC 7489 only: percentage (0–100, default 100) of failing mail the policy applies to. Removed in RFC 9989; use t=y for trials.',
  fo: 'When to send failure reports, ":"-separated: 0 if all checks fail (default), 1 if any fails, d for DKIM failures, s for SPF failures.',
  rf: 'RFC 7489 only: failure report format, "afrf" (the only one). Removed in RFC 9989.',
  ri: 'RFC 7489 only: requested seconds between aggregate reports (default 86400, one day). Removed in RFC 9989.',
  rua: 'Where to send daily aggregate reports: comma-separated mailto: URIs. An address outside this domain must authorise it with a <domain>._report._dmarc record.',
  ruf: 'Where to send per-message failure reports: comma-separated mailto: URIs. Few large receivers send them.',
};

export function describeDkimTag(name: string): string | undefined {
  return Object.hasOwn(DKIM_TAGS, name) ? DKIM_TAGS[name] : undefined;
}

/** A mechanism, modifier or qualifier ("include", "redirect", "~"); case-insensitive. "v=spf1" works too. */
export function describeSpfTerm(name: string): string | undefined {
  const n = name.toLowerCase() === 'v=spf1' ? 'v' : name.toLowerCase();
  return Object.hasOwn(SPF_TERMS, n) ? SPF_TERMS[n] : undefined;
}

export function describeDmarcTag(name: string): string | undefined {
  const n = name.toLowerCase();
  return Object.hasOwn(DMARC_TAGS, n) ? DMARC_TAGS[n] : undefined;
}
