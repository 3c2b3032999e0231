/** The domain a user typed, in the form DNS asks for: A-labels, lower case, no trailing dot. */
import { domainToASCII } from 'node:url';

export function normalizeDomain(input: string): string {
  const raw = input.trim().replace(/\.$/, '');
  if (!raw) throw new Error('The domain is empty.');
  if (/[\s@/\\:]/.test(raw)) throw new Error(`'${input}' is not a domain name (give a name like example.com, not an address or URL).`);
  // Underscore labels (_dmarc, _domainkey) are valid DNS names but not host names: keep them as typed.
  const ascii = raw.split('.').map((label) => (/^[\x21-\x7e]*$/.test(label) ? label.toLowerCase() : domainToASCII(label) || '')).join('.');
  const labels = ascii.split('.');
  if (labels.some((l) => l.length === 0 || l.length > 63) || ascii.length > 253) throw new Error(`'${input}' is not a valid domain name (empty label, a label over 63 characters, or over 253 in all).`);
  return ascii;
}
