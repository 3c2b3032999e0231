/**
 * Which parts of the header can be believed. Everything below the first hop stamped by
 * the receiving organisation was written by someone else and could be forged; the
 * Authentication-Results worth believing is the one the organisation's own server wrote.
 *
 * The organisation is recognised by markers: the configured authserv-ids and domains, the
 * authserv-id of the topmost Authentication-Results, and the hosting provider that received
 * the message — Microsoft 365 (Exchange Online) and Google Workspace stamp their own host
 * names (HOSTED_PROVIDERS), so a header they received has a boundary without settings.
 * Every host of that provider counts as one site when following the chain of hops.
 */
import type { Finding } from '../findings';
import { shownName } from '../zone/names';
import { normalizeDomain, orgDomain } from './domains';
import { organizationSettingsHint, type Surface } from './settingsHint';
import type { AuthResultsHeader, Hop, OrganizationSettings } from './types';

/** A mail provider that hosts organisations' mailboxes, known by the host names it stamps in `by`. */
export interface HostedProvider {
  name: string;
  /** A host is the provider's when it is one of these names or ends with "." and one of them. */
  suffixes: string[];
}

/**
 * Microsoft 365: Exchange Online Protection (`*.mail.protection.outlook.com`,
 * `*.eop-*.prod.protection.outlook.com`, and its internal `*.protection.gbl` names), the
 * mailbox and front-end servers (`*.prod.outlook.com`, `*.outlook.office365.com`) and the
 * older `*.exchangelabs.com`. Google Workspace and Gmail: `mx.google.com` receives, the
 * other hops are `*.google.com` or unnamed IPv6 addresses (local already).
 */
export const HOSTED_PROVIDERS: HostedProvider[] = [
  { name: 'Microsoft 365', suffixes: ['prod.outlook.com', 'protection.outlook.com', 'outlook.office365.com', 'exchangelabs.com', 'protection.gbl'] },
  { name: 'Google Workspace', suffixes: ['google.com'] },
];

export function providerOf(host: string | null): HostedProvider | null {
  if (!host) return null;
  const h = normalizeDomain(host);
  return HOSTED_PROVIDERS.find((p) => p.suffixes.some((s) => h === s || h.endsWith('.' + s))) ?? null;
}

/** Suffixes only used inside networks (Active Directory and home networks). */
const INTERNAL_SUFFIXES = ['local', 'lan', 'internal', 'intranet', 'corp', 'localdomain', 'home.arpa', 'private'];

function internalSuffix(host: string): string | null {
  return INTERNAL_SUFFIXES.find((s) => host.endsWith('.' + s)) ?? null;
}

function firstLabelOf(domain: string): string {
  const o = orgDomain(domain);
  return o.split('.')[0] ?? o;
}

function matchesMarker(host: string | null, markers: string[]): boolean {
  if (!host) return false;
  const h = normalizeDomain(host);
  if (!/[a-z]/.test(h) || h.startsWith('[')) return false;
  const internal = internalSuffix(h);
  if (internal) {
    // ex01.contoso.local belongs to contoso.com: same name, internal suffix.
    const label = h.slice(0, -(internal.length + 1)).split('.').pop();
    return markers.some((m) => firstLabelOf(m) === label);
  }
  return markers.some((m) => h === m || h.endsWith('.' + m) || orgDomain(h) === orgDomain(m));
}

/** A hop that says nothing about who is outside: a local delivery stamp (no from) or a server with no public name. */
function isLocalish(hop: Hop): boolean {
  if (!hop.from && !hop.fromHost) return true;
  const by = hop.by ? normalizeDomain(hop.by) : '';
  return !by || !by.includes('.') || !/[a-z]/.test(by) || by.startsWith('[') || by.includes(':') || internalSuffix(by) !== null;
}

function sameSite(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const x = normalizeDomain(a);
  const y = normalizeDomain(b);
  return x === y || (/[a-z]/.test(x) && /[a-z]/.test(y) && orgDomain(x) === orgDomain(y));
}

/** Did `newer` receive the message from the server that stamped `older`? */
function chained(newer: Hop, older: Hop): boolean {
  if (!newer.from && !newer.fromHost) return true;
  if (!older.by) return true;
  return sameSite(newer.from, older.by) || sameSite(newer.fromHost, older.by) || (!!newer.fromIp && newer.fromIp === older.byIp);
}

export interface TrustResult {
  boundary: number | null;
  markers: string[];
  how: string;
  findings: Finding[];
}

export interface TrustOptions {
  /** Markers recognised from the header rather than the settings. */
  auto: boolean;
  /** The hosting provider that received the message, when recognised. */
  provider?: HostedProvider | null;
  /** The settings the organisation gave (domains, authserv-ids); none means "ask for them". */
  configured?: string[];
  /** Where the hint is read: CLI flags or editor settings. */
  surface?: Surface;
}

export function markTrust(hops: Hop[], markers: string[], opts: TrustOptions): TrustResult {
  const provider = opts.provider ?? null;
  const ours = (host: string | null) => matchesMarker(host, markers) || (provider !== null && providerOf(host) === provider);
  const linked = (newer: Hop, older: Hop) =>
    chained(newer, older) || (provider !== null && providerOf(older.by) === provider && (providerOf(newer.from) === provider || providerOf(newer.fromHost) === provider));
  const findings: Finding[] = [];
  let boundary: number | null = null;
  let prevOrg: Hop | null = null;
  let stop = -1;
  for (let k = hops.length - 1; k >= 0; k--) {
    const hop = hops[k]!;
    const matches = ours(hop.by);
    if (boundary === null) {
      if (matches) {
        boundary = k;
        prevOrg = hop;
        continue;
      }
      // Above the first hop we recognise, only local stamps may be skipped; a public server
      // that is not ours means the organisation is not recognised at all.
      if (isLocalish(hop)) continue;
      break;
    }
    if (matches && prevOrg && linked(prevOrg, hop)) {
      boundary = k;
      prevOrg = hop;
      continue;
    }
    stop = k;
    break;
  }
  const names = provider ? [...markers, `${provider.name} (${provider.suffixes.map((x) => `*.${x}`).join(', ')})`] : markers;
  const reported = provider ? unique([...markers, ...provider.suffixes]) : markers;
  if (boundary === null) {
    for (const h of hops) h.trust = 'unknown';
    const configured = opts.configured ?? [];
    return {
      boundary: null,
      markers: reported,
      how: names.length
        ? `No Received field is stamped by ${names.join(', ')}; the trust boundary is unknown.`
        : 'No organisation domain or authserv-id is known; the trust boundary is unknown.',
      findings: hops.length
        ? [
            configured.length
              ? {
                  code: 'hdr-trust-boundary-unknown',
                  severity: 'info',
                  message: `No Received field was stamped by your servers (${configured.join(', ')}), so any of them could be forged: the header may be cut short, or this is a copy from another mailbox (the sender's).`,
                  span: hops[hops.length - 1]!.span,
                  data: { configured },
                }
              : {
                  code: 'hdr-trust-boundary-unknown',
                  severity: 'info',
                  message: `mailsec cannot tell which Received fields your own servers wrote, so any of them could be forged. ${organizationSettingsHint(opts.surface ?? 'editor')}`,
                  span: hops[hops.length - 1]!.span,
                  data: { asksForSettings: true },
                },
          ]
        : [],
    };
  }
  for (const h of hops) h.trust = h.n >= boundary ? 'org' : 'outside';
  if (stop >= 0) {
    for (let k = stop; k >= 0; k--) {
      const hop = hops[k]!;
      if (matchesMarker(hop.by, markers)) {
        findings.push({
          code: 'hdr-org-hop-below-boundary',
          severity: 'warning',
          message: `This Received field claims ${hop.by} (your organisation) stamped it, but it sits below the first hop your servers really received: either the message left your organisation and came back (a forward, a mailing list), or this hop is forged.`,
          span: hop.span,
          data: { hop: hop.n, by: hop.by },
        });
      }
    }
  }
  const b = hops[boundary]!;
  const recognised = opts.auto ? (provider && !matchesMarker(b.by, markers) ? ` (recognised automatically: ${provider.name}'s own servers)` : ' (recognised automatically)') : '';
  return {
    boundary,
    markers: reported,
    how: `Hop ${boundary + 1} (${b.by ?? 'unknown server'}) is the first stamped by your organisation${recognised}; the ${boundary} hop${boundary === 1 ? '' : 's'} below it could be forged.`,
    findings,
  };
}

/**
 * Organisation markers: the configured ones plus those read from the headers (the topmost
 * authserv-id), and the hosting provider whose server stamped the topmost public hop.
 */
export function orgMarkers(
  org: OrganizationSettings,
  hops: Hop[],
  authResults: AuthResultsHeader[],
): { markers: string[]; auto: boolean; provider: HostedProvider | null; configured: string[] } {
  const configured = unique([...(org.authservIds ?? []), ...org.domains].map(normalizeDomain).filter(Boolean));
  const auto: string[] = [];
  const top = authResults.find((a) => a.kind === 'Authentication-Results');
  if (top?.authservId && /[a-z]/i.test(top.authservId)) auto.push(normalizeDomain(top.authservId));
  // The receiving provider: who stamped the topmost hop that is not a local stamp.
  let provider: HostedProvider | null = null;
  for (let k = hops.length - 1; k >= 0; k--) {
    if (isLocalish(hops[k]!) && !providerOf(hops[k]!.by)) continue;
    provider = providerOf(hops[k]!.by);
    break;
  }
  const markers = unique([...configured, ...auto]);
  // "Recognised automatically" only when the configured markers alone would not place the boundary.
  const configuredHit = hops.some((h) => matchesMarker(h.by, configured));
  return { markers, auto: (auto.length > 0 || provider !== null) && !configuredHit, provider, configured };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** The Authentication-Results to believe: the topmost from a configured authserv-id, else the topmost. */
export function pickTrustedAuthResults(all: AuthResultsHeader[], org: OrganizationSettings): { index: number | null; reason: string } {
  const ar = all.map((a, i) => ({ a, i })).filter((x) => x.a.kind === 'Authentication-Results');
  if (ar.length === 0) return { index: null, reason: 'The message has no Authentication-Results header.' };
  const ids = (org.authservIds ?? []).map(normalizeDomain).filter(Boolean);
  if (ids.length) {
    const hit = ar.find((x) => x.a.authservId && ids.some((id) => normalizeDomain(x.a.authservId!) === id || normalizeDomain(x.a.authservId!).endsWith('.' + id)));
    if (hit) return { index: hit.i, reason: `The topmost Authentication-Results from your authserv-id ${shownName(hit.a.authservId!)}.` };
    const top = ar[0]!;
    return {
      index: top.i,
      reason: `No Authentication-Results comes from your authserv-id (${ids.join(', ')}); the topmost one (${top.a.authservId ? shownName(top.a.authservId) : 'no authserv-id'}) is used instead.`,
    };
  }
  const top = ar[0]!;
  return {
    index: top.i,
    reason: top.a.authservId
      ? `The topmost Authentication-Results (${shownName(top.a.authservId)}), written by the last server that received the message.`
      : 'The topmost Authentication-Results (it has no authserv-id, as Microsoft 365 writes them).',
  };
}
