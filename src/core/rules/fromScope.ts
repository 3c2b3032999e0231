/**
 * Exchange's `-FromScope` for a received message: is the sender "InOrganization" or
 * "NotInOrganization" as a mail flow rule sees it?
 *
 * New-TransportRule (learn.microsoft.com/powershell/module/exchangepowershell/new-transportrule),
 * -FromScope: "InOrganization: The message was sent or received over an authenticated
 * connection AND the sender meets at least one of the following criteria: The sender is
 * a mailbox, mail user, group, or mail-enabled public folder in the organization, OR the
 * sender's email address is in an accepted domain that's configured as an authoritative
 * domain or an internal relay domain in the organization."
 *
 * So a From address in an accepted domain is not enough: the connection must have been
 * authenticated. Exchange records how it authenticated the message in
 * `X-MS-Exchange-Organization-AuthAs` (Internal, Partner, Anonymous, External), with
 * `-AuthSource` (the server that decided) and `-MessageDirectionality` (Originating for
 * mail submitted inside the organisation, Incoming for mail from outside). Only AuthAs
 * Internal (or, without AuthAs, Originating) is inside; an anonymous sender using the
 * organisation's own domain is outside, which is what lets the rules catch own-domain
 * spoofs.
 *
 * Accepted domains match exactly: `contoso.com` does not cover `sub.contoso.com`
 * (Exchange's accepted domains do not either). An entry `*.contoso.com` covers the
 * domain and all its subdomains, as an accepted domain with a wildcard does.
 *
 * Pure: the caller says which headers it trusts (Exchange removes X-MS-Exchange-Organization-*
 * fields arriving from outside, so they count only when Exchange received the message).
 */
import { clipped } from '../text/visible';
import { shownName } from '../zone/names';

export type FromScope = 'InOrganization' | 'NotInOrganization';

export interface FromScopeReading {
  scope: FromScope;
  /** Why, in words ("AuthAs is Anonymous: …"). */
  reason: string;
  /** What decided: the AuthAs value, the directionality, or the domain alone. */
  basis: 'auth-as' | 'directionality' | 'domain';
}

export interface FromScopeInput {
  /** Domain of the From address (lower case), or null. */
  fromDomain: string | null;
  /** The organisation's accepted domains (`*.example.com` covers its subdomains). */
  acceptedDomains: readonly string[];
  /** Header fields, name and (unfolded) value. */
  headers: ReadonlyArray<{ name: string; value: string }>;
  /** Whether the X-MS-Exchange-Organization-* fields were written by the organisation's Exchange. */
  trustOrganizationHeaders: boolean;
  /**
   * Without trusted AuthAs: did SPF/DKIM/DMARC validate the From domain (null: no trusted
   * Authentication-Results)? An unvalidated sender in an accepted domain did not come over
   * an authenticated connection of the organisation.
   */
  senderValidated?: boolean | null;
}

const norm = (d: string) => d.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');

/** Is `domain` one of the accepted domains (exactly, or under a `*.` entry)? */
export function isAcceptedDomain(domain: string | null | undefined, accepted: readonly string[]): boolean {
  if (!domain) return false;
  const d = norm(domain);
  if (!d) return false;
  return accepted.some((raw) => {
    const a = norm(raw);
    if (a.startsWith('*.')) {
      const parent = a.slice(2);
      return !!parent && (d === parent || d.endsWith('.' + parent));
    }
    return !!a && d === a;
  });
}

function header(headers: FromScopeInput['headers'], name: string): string | undefined {
  const h = headers.find((x) => x.name.toLowerCase() === name);
  return h?.value.trim();
}

/** How a mail flow rule's -FromScope sees this message's sender. */
export function readFromScope(input: FromScopeInput): FromScopeReading {
  const accepted = isAcceptedDomain(input.fromDomain, input.acceptedDomains);
  const domainWords = input.fromDomain
    ? accepted
      ? `the From domain ${shownName(input.fromDomain)} is an accepted domain`
      : `the From domain ${shownName(input.fromDomain)} is not an accepted domain${input.acceptedDomains.length ? '' : ' (no accepted domains are configured)'}`
    : 'the message has no From domain';
  if (input.trustOrganizationHeaders) {
    const authAs = header(input.headers, 'x-ms-exchange-organization-authas');
    const source = header(input.headers, 'x-ms-exchange-organization-authsource');
    const direction = header(input.headers, 'x-ms-exchange-organization-messagedirectionality');
    const by = source ? ` (decided by ${clipped(source, 80)})` : '';
    if (authAs) {
      if (authAs.toLowerCase() === 'internal') {
        return { scope: 'InOrganization', basis: 'auth-as', reason: `Exchange authenticated the sender as internal (X-MS-Exchange-Organization-AuthAs: ${clipped(authAs, 40)}${by})` };
      }
      return {
        scope: 'NotInOrganization',
        basis: 'auth-as',
        reason: `Exchange did not authenticate the sender as internal (X-MS-Exchange-Organization-AuthAs: ${clipped(authAs, 40)}${by}), so the sender is outside the organisation${accepted ? ` even though ${domainWords}` : ''}`,
      };
    }
    if (direction) {
      const originating = direction.toLowerCase() === 'originating';
      return {
        scope: originating && accepted ? 'InOrganization' : 'NotInOrganization',
        basis: 'directionality',
        reason: `X-MS-Exchange-Organization-MessageDirectionality is ${clipped(direction, 40)} and ${domainWords}`,
      };
    }
  }
  const Domain = `${domainWords[0]!.toUpperCase()}${domainWords.slice(1)}`;
  if (accepted && input.senderValidated === false) {
    return {
      scope: 'NotInOrganization',
      basis: 'domain',
      reason: `${Domain}, but the message is not authenticated as coming from it and the header has no X-MS-Exchange-Organization-AuthAs written by your Exchange: an unauthenticated sender is outside the organisation`,
    };
  }
  return {
    scope: accepted ? 'InOrganization' : 'NotInOrganization',
    basis: 'domain',
    reason: `${Domain}; the header has no X-MS-Exchange-Organization-AuthAs written by your Exchange, so this assumes the connection was ${accepted ? 'authenticated' : 'not authenticated'}`,
  };
}
