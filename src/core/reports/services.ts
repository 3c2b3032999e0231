/**
 * Sending services recognised in aggregate reports, from the DKIM d= domains they sign with, the
 * envelope (SPF) domains they bounce to, and their senders' PTR names. `spfInclude` is the include
 * each service documents for its customers' SPF records; `spfLookups` what that include costs
 * against the 10-lookup limit (itself plus the lookups nested in it), where known.
 */
export interface SendingService {
  name: string;
  /** Domains (and their subdomains) the service signs with, or bounces to, or names its hosts in. */
  domains: string[];
  spfInclude?: string;
  spfLookups?: number;
  /** True when the service can sign with the customer's own domain (a selector to publish or CNAME). */
  customDkim: boolean;
}

export const sendingServices: readonly SendingService[] = [
  { name: 'Google Workspace / Gmail', domains: ['google.com', 'googlemail.com', 'gappssmtp.com'], spfInclude: '_spf.google.com', spfLookups: 4, customDkim: true },
  { name: 'Microsoft 365 / Exchange Online', domains: ['onmicrosoft.com', 'outlook.com', 'protection.outlook.com', 'office365.com'], spfInclude: 'spf.protection.outlook.com', spfLookups: 2, customDkim: true },
  { name: 'Amazon SES', domains: ['amazonses.com'], spfInclude: 'amazonses.com', spfLookups: 1, customDkim: true },
  { name: 'SendGrid', domains: ['sendgrid.net', 'sendgrid.com'], spfInclude: 'sendgrid.net', spfLookups: 1, customDkim: true },
  { name: 'Mailchimp / Mandrill', domains: ['mcsv.net', 'mcdlv.net', 'mailchimpapp.net', 'mandrillapp.com', 'rsgsv.net'], spfInclude: 'servers.mcsv.net', customDkim: true },
  { name: 'Mailgun', domains: ['mailgun.org', 'mailgun.net'], spfInclude: 'mailgun.org', customDkim: true },
  { name: 'Salesforce', domains: ['salesforce.com', 'exacttarget.com', 'force.com'], spfInclude: '_spf.salesforce.com', customDkim: true },
  { name: 'Zendesk', domains: ['zendesk.com'], spfInclude: 'mail.zendesk.com', customDkim: true },
  { name: 'Postmark', domains: ['mtasv.net', 'postmarkapp.com'], spfInclude: 'spf.mtasv.net', customDkim: true },
  { name: 'SparkPost', domains: ['sparkpostmail.com'], spfInclude: 'sparkpostmail.com', customDkim: true },
  { name: 'Zoho Mail', domains: ['zoho.com', 'zohomail.com', 'zoho.eu'], spfInclude: 'zoho.com', customDkim: true },
  { name: 'HubSpot', domains: ['hubspotemail.net', 'hubspot.com', 'hs-analytics.net'], customDkim: true },
  { name: 'Mimecast', domains: ['mimecast.com', 'mimecast-offshore.com'], customDkim: true },
  { name: 'Proofpoint', domains: ['pphosted.com', 'ppe-hosted.com'], customDkim: true },
  { name: 'Yahoo', domains: ['yahoo.com', 'yahoodns.net'], customDkim: false },
];

function under(name: string, domain: string): boolean {
  return name === domain || name.endsWith('.' + domain);
}

/** The service a domain (DKIM d=, envelope domain, PTR name) belongs to, if it is a known one. */
export function serviceOf(domain: string | undefined): SendingService | undefined {
  if (!domain) return undefined;
  const d = domain.toLowerCase().replace(/\.$/, '');
  return sendingServices.find((s) => s.domains.some((x) => under(d, x)));
}

export { under as isAtOrBelow };
