/**
 * Client apps as Entra's sign-in logs name them (the "Client app" column,
 * `clientAppUsed`). Legacy authentication is every client app except "Browser"
 * and "Mobile Apps and Desktop clients". The legacy protocols are listed in
 * Microsoft's "Block legacy authentication with Conditional Access"
 * (learn.microsoft.com/entra/identity/conditional-access/block-legacy-authentication):
 * Authenticated SMTP, Autodiscover, Exchange ActiveSync, Exchange Online PowerShell,
 * Exchange Web Services, IMAP4, MAPI over HTTP, Offline Address Book, Outlook Anywhere
 * (RPC over HTTP), Outlook Service, POP3, Reporting Web Services, Universal Outlook,
 * Other clients. A value we do not know is still legacy by that rule, and is
 * reported under its own name, marked unrecognised.
 */

export type ClientAppCategory = 'modern' | 'legacy' | 'none';

export interface ClientAppClass {
  /** The name to show: the canonical spelling for a known value, else the value as logged. */
  name: string;
  category: ClientAppCategory;
  /** False for a value this version of mailsec does not know (shown, never dropped). */
  recognised: boolean;
}

const MODERN = ['Browser', 'Mobile Apps and Desktop clients'];
const LEGACY = [
  'Exchange ActiveSync',
  'IMAP4',
  'POP3',
  'Authenticated SMTP',
  'Exchange Web Services',
  'MAPI Over HTTP',
  'Outlook Anywhere (RPC over HTTP)',
  'Offline Address Book',
  'Exchange Online PowerShell',
  'AutoDiscover',
  'Reporting Web Services',
  'Universal Outlook',
  'Outlook Service',
  'Other clients',
];
/** Spellings seen in the wild for the same protocols. */
const ALIASES: Record<string, string> = {
  imap: 'IMAP4',
  pop: 'POP3',
  smtp: 'Authenticated SMTP',
  'smtp auth': 'Authenticated SMTP',
  eas: 'Exchange ActiveSync',
  'exchange activesync (eas)': 'Exchange ActiveSync',
  ews: 'Exchange Web Services',
  'mapi/http': 'MAPI Over HTTP',
  'outlook anywhere': 'Outlook Anywhere (RPC over HTTP)',
  'other client': 'Other clients',
  'mobile apps and desktop client': 'Mobile Apps and Desktop clients',
};

const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const KNOWN = new Map<string, ClientAppClass>();
for (const n of MODERN) KNOWN.set(key(n), { name: n, category: 'modern', recognised: true });
for (const n of LEGACY) KNOWN.set(key(n), { name: n, category: 'legacy', recognised: true });
for (const [alias, n] of Object.entries(ALIASES)) KNOWN.set(alias, KNOWN.get(key(n))!);

export const NO_CLIENT_APP = '(no client app)';

export function classifyClientApp(value: string | undefined): ClientAppClass {
  const v = value?.trim() ?? '';
  if (!v) return { name: NO_CLIENT_APP, category: 'none', recognised: true };
  return KNOWN.get(key(v)) ?? { name: v, category: 'legacy', recognised: false };
}

export const LEGACY_CLIENT_APPS: readonly string[] = LEGACY;
/**
 * Every spelling (lower case, single spaces) that classifyClientApp calls modern: the names
 * and their aliases. Anything else that is not empty is legacy — the KQL detections use this
 * list so that they classify exactly as the local engine does.
 */
export const MODERN_CLIENT_APP_SPELLINGS: readonly string[] = [...KNOWN].filter(([, c]) => c.category === 'modern').map(([k]) => k);
export const MODERN_CLIENT_APPS: readonly string[] = MODERN;
