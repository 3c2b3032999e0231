/**
 * Writes sign-in logs the way Entra admin center, Microsoft Graph and Log
 * Analytics export them, from simple rows, for the tests and the benchmark.
 */
export interface FakeSignin {
  time: string; // ISO UTC
  upn: string;
  display?: string;
  clientApp: string;
  errorCode: number;
  ip: string;
  country?: string;
  city?: string;
  userAgent?: string;
  app?: string;
}

const REASONS: Record<number, string> = {
  0: '',
  50126: 'Error validating credentials due to invalid username or password.',
  50053: 'The account is locked, you\'ve tried to sign in too many times with an incorrect user ID or password.',
  53003: 'Access has been blocked by Conditional Access policies.',
  50076: 'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.',
};

/** The Entra admin center CSV download columns ("Application ID " really ends with a space). */
export const PORTAL_COLUMNS = [
  'Date (UTC)', 'Request ID', 'User agent', 'Correlation ID', 'User ID', 'User', 'Username', 'User type', 'Application', 'Application ID ',
  'Resource', 'IP address', 'Location', 'Status', 'Sign-in error code', 'Failure reason', 'Client app', 'Browser', 'Operating System',
];

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function portalValue(r: FakeSignin, column: string, i: number): string {
  switch (column) {
    case 'Date (UTC)': return r.time;
    case 'Request ID': return `req-${i}`;
    case 'User agent': return r.userAgent ?? '';
    case 'Correlation ID': return `corr-${i}`;
    case 'User ID': return `id-${r.upn}`;
    case 'User': return r.display ?? r.upn.split('@')[0]!;
    case 'Username': return r.upn;
    case 'User type': return 'Member';
    case 'Application': return r.app ?? 'Office 365 Exchange Online';
    case 'Application ID ': return '00000002-0000-0ff1-ce00-000000000000';
    case 'Resource': return 'Office 365 Exchange Online';
    case 'IP address': return r.ip;
    case 'Location': return [r.city ?? 'Paris', 'Region, with comma', r.country ?? 'FR'].join(', ');
    case 'Status': return r.errorCode === 0 ? 'Success' : 'Failure';
    case 'Sign-in error code': return String(r.errorCode);
    case 'Failure reason': return r.errorCode === 0 ? 'Other.' : (REASONS[r.errorCode] ?? 'Other.');
    case 'Client app': return r.clientApp;
    case 'Browser': return '';
    case 'Operating System': return '';
    default: return '';
  }
}

export interface CsvOptions {
  columns?: readonly string[];
  eol?: '\n' | '\r\n';
  bom?: boolean;
  delimiter?: string;
}

export function toPortalCsv(rows: readonly FakeSignin[], o: CsvOptions = {}): string {
  const cols = o.columns ?? PORTAL_COLUMNS;
  const eol = o.eol ?? '\r\n';
  const d = o.delimiter ?? ',';
  const field = (s: string) => (d === ',' ? csvField(s) : /["\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [cols.map(field).join(d), ...rows.map((r, i) => cols.map((c) => field(portalValue(r, c, i))).join(d))];
  return (o.bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

export function graphObject(r: FakeSignin, i: number): Record<string, unknown> {
  return {
    id: `sig-${i}`,
    createdDateTime: r.time,
    userDisplayName: r.display ?? r.upn.split('@')[0],
    userPrincipalName: r.upn,
    userId: `id-${r.upn}`,
    appId: '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: r.app ?? 'Office 365 Exchange Online',
    ipAddress: r.ip,
    clientAppUsed: r.clientApp,
    userAgent: r.userAgent ?? '',
    isInteractive: true,
    status: { errorCode: r.errorCode, failureReason: REASONS[r.errorCode] ?? 'Other.', additionalDetails: null },
    location: { city: r.city ?? 'Paris', state: 'Region', countryOrRegion: r.country ?? 'FR', geoCoordinates: { altitude: null, latitude: 48.8, longitude: 2.3 } },
    appliedConditionalAccessPolicies: [],
  };
}

export function toGraphJson(rows: readonly FakeSignin[], layout: 'array' | 'page' | 'ndjson' | 'pretty' = 'page'): string {
  const objs = rows.map(graphObject);
  if (layout === 'ndjson') return objs.map((o) => JSON.stringify(o)).join('\n') + '\n';
  if (layout === 'array') return JSON.stringify(objs, null, 2);
  if (layout === 'pretty') return objs.map((o) => JSON.stringify(o, null, 2)).join('\n');
  return JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value: objs, '@odata.nextLink': 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=abc' });
}

/** A Log Analytics "Export to CSV" of a SigninLogs query: "TimeGenerated [UTC]" in US format, JSON columns as strings. */
export function toLogAnalyticsCsv(rows: readonly FakeSignin[]): string {
  const cols = ['TenantId', 'TimeGenerated [UTC]', 'ResultType', 'ResultDescription', 'UserPrincipalName', 'UserDisplayName', 'AppDisplayName', 'ClientAppUsed', 'IPAddress', 'LocationDetails', 'UserAgent', 'Status', 'IsInteractive'];
  const us = (iso: string) => {
    const d = new Date(iso);
    const h = d.getUTCHours();
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} ${h < 12 ? 'AM' : 'PM'}`;
  };
  const lines = [cols.map(csvField).join(',')];
  for (const r of rows) {
    const values = [
      'tenant',
      us(r.time),
      String(r.errorCode),
      REASONS[r.errorCode] ?? '',
      r.upn,
      r.display ?? r.upn.split('@')[0]!,
      r.app ?? 'Office 365 Exchange Online',
      r.clientApp,
      r.ip,
      JSON.stringify({ city: r.city ?? 'Paris', state: 'Region', countryOrRegion: r.country ?? 'FR', geoCoordinates: { latitude: 48.8 } }),
      r.userAgent ?? '',
      JSON.stringify({ errorCode: r.errorCode, failureReason: REASONS[r.errorCode] ?? '' }),
      'True',
    ];
    lines.push(values.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Log Analytics rows as JSON (PascalCase columns, LocationDetails as an object). */
export function toLogAnalyticsJson(rows: readonly FakeSignin[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      TimeGenerated: r.time,
      ResultType: String(r.errorCode),
      ResultDescription: REASONS[r.errorCode] ?? '',
      UserPrincipalName: r.upn,
      UserDisplayName: r.display ?? r.upn.split('@')[0],
      AppDisplayName: r.app ?? 'Office 365 Exchange Online',
      ClientAppUsed: r.clientApp,
      IPAddress: r.ip,
      Location: r.country ?? 'FR',
      LocationDetails: { city: r.city ?? 'Paris', countryOrRegion: r.country ?? 'FR' },
      UserAgent: r.userAgent ?? '',
      Type: 'SigninLogs',
    })),
  );
}

/** Splits text into chunks of `size` UTF-8 bytes as Buffers (so multi-byte characters get cut). */
export function byteChunks(text: string, size: number): Buffer[] {
  const all = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.subarray(i, i + size));
  return out;
}

/** A small deterministic random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function minutesAfter(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60000).toISOString().replace('.000Z', 'Z');
}

/** A small tenant: modern sign-ins, two users on IMAP/SMTP, an attacker spraying, one account brute-forced. */
export function scenario(): FakeSignin[] {
  const t0 = '2025-03-10T08:00:00Z';
  const rows: FakeSignin[] = [];
  for (let i = 0; i < 30; i++) {
    rows.push({ time: minutesAfter(t0, i * 7), upn: `user${i % 15}@contoso.com`, clientApp: i % 2 ? 'Browser' : 'Mobile Apps and Desktop clients', errorCode: 0, ip: '198.51.100.10', country: 'FR', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' });
  }
  for (let d = 0; d < 3; d++) {
    rows.push({ time: minutesAfter(t0, d * 1440 + 5), upn: 'printer@contoso.com', display: 'Scan, to mail', clientApp: 'Authenticated SMTP', errorCode: 0, ip: '198.51.100.20', country: 'FR', userAgent: '' });
    rows.push({ time: minutesAfter(t0, d * 1440 + 9), upn: 'old.phone@contoso.com', clientApp: 'IMAP4', errorCode: 0, ip: '198.51.100.30', country: 'FR', userAgent: 'iOS/12.5 (16H62) dataaccessd/1.0' });
  }
  // password spray: one address, 12 users, one wrong password each, over an afternoon; one user's password works
  for (let i = 0; i < 12; i++) {
    rows.push({ time: minutesAfter(t0, 300 + i * 13), upn: `user${i}@contoso.com`, clientApp: 'Other clients', errorCode: 50126, ip: '203.0.113.66', country: 'RU', city: 'Moscow', userAgent: 'BAV2ROPC' });
  }
  rows.push({ time: minutesAfter(t0, 500), upn: 'user3@contoso.com', clientApp: 'Other clients', errorCode: 53003, ip: '203.0.113.66', country: 'RU', city: 'Moscow', userAgent: 'BAV2ROPC' });
  // brute force: 25 failures against one account within 40 minutes, from two addresses
  for (let i = 0; i < 25; i++) {
    rows.push({ time: minutesAfter(t0, 600 + i * 1.5), upn: 'ceo@contoso.com', clientApp: 'IMAP4', errorCode: i % 5 === 4 ? 50053 : 50126, ip: i % 2 ? '192.0.2.7' : '192.0.2.8', country: 'CN', userAgent: 'python-requests/2.31.0' });
  }
  return rows;
}

/**
 * A Log Analytics query-API answer (`az monitor log-analytics query -o json` keeps only rows;
 * the REST API and the portal's JSON export give this): {"tables":[{"name","columns","rows"}]},
 * dynamic columns as JSON text, ResultType a string, as the SigninLogs schema has them.
 */
export function toLogAnalyticsQueryApi(rows: readonly FakeSignin[], pretty = false): string {
  const columns = [
    ['TenantId', 'string'], ['TimeGenerated', 'datetime'], ['ResultType', 'string'], ['ResultDescription', 'string'], ['UserPrincipalName', 'string'],
    ['UserDisplayName', 'string'], ['AppDisplayName', 'string'], ['ClientAppUsed', 'string'], ['IPAddress', 'string'], ['LocationDetails', 'dynamic'],
    ['UserAgent', 'string'], ['Status', 'dynamic'], ['IsInteractive', 'bool'],
  ].map(([name, type]) => ({ name, type }));
  const data = rows.map((r) => [
    'tenant', r.time, String(r.errorCode), REASONS[r.errorCode] ?? '', r.upn, r.display ?? r.upn.split('@')[0]!, r.app ?? 'Office 365 Exchange Online', r.clientApp, r.ip,
    JSON.stringify({ city: r.city ?? 'Paris', countryOrRegion: r.country ?? 'FR' }), r.userAgent ?? '', JSON.stringify({ errorCode: r.errorCode, failureReason: REASONS[r.errorCode] ?? '' }), true,
  ]);
  return JSON.stringify({ tables: [{ name: 'PrimaryResult', columns, rows: data }] }, null, pretty ? 2 : undefined);
}
