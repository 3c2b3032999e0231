/**
 * Where each fact of a sign-in lives in the formats we read. Column names and
 * JSON keys are compared after normalising (lower case, letters and digits
 * only, a trailing "[UTC]"-style unit dropped), so "Client app", "ClientAppUsed",
 * "clientAppUsed" and "TimeGenerated [UTC]" all find their field.
 *
 * - Entra admin center CSV download (interactive and non-interactive): "Date (UTC)",
 *   "User", "Username", "Application", "IP address", "Location" ("City, State, CC"),
 *   "Status", "Sign-in error code", "Failure reason", "Client app", "User agent", ...
 * - Entra admin center JSON download and Microsoft Graph auditLogs/signIns:
 *   createdDateTime, userPrincipalName, userDisplayName, appDisplayName, ipAddress,
 *   clientAppUsed, userAgent, status.errorCode, status.failureReason,
 *   location.countryOrRegion, isInteractive.
 * - Log Analytics SigninLogs / AADNonInteractiveUserSignInLogs (JSON or CSV export):
 *   TimeGenerated, UserPrincipalName, UserDisplayName, AppDisplayName, IPAddress,
 *   ClientAppUsed, UserAgent, ResultType, ResultDescription, Location (country code),
 *   LocationDetails (JSON: countryOrRegion), Status (JSON), IsInteractive.
 * - Azure Monitor diagnostic records: `properties` holds the Graph-style fields.
 */

export type SigninField =
  | 'time'
  | 'user'
  | 'userDisplayName'
  | 'clientApp'
  | 'errorCode'
  | 'status'
  | 'failureReason'
  | 'ip'
  | 'country'
  | 'userAgent'
  | 'app'
  | 'interactive';

/** Normalised names, most specific first. */
export const FIELD_ALIASES: Record<SigninField, readonly string[]> = {
  time: ['dateutc', 'createddatetime', 'timegenerated', 'date', 'time', 'timestamp'],
  user: ['username', 'userprincipalname', 'upn'],
  userDisplayName: ['user', 'userdisplayname', 'identity'],
  clientApp: ['clientapp', 'clientappused'],
  errorCode: ['signinerrorcode', 'statuserrorcode', 'errorcode', 'resulttype'],
  status: ['status', 'result', 'statusresult'],
  failureReason: ['failurereason', 'statusfailurereason', 'resultdescription'],
  ip: ['ipaddress', 'calleripaddress', 'clientip'],
  country: ['locationcountryorregion', 'locationdetailscountryorregion', 'countryorregion', 'country', 'location'],
  userAgent: ['useragent'],
  app: ['application', 'appdisplayname'],
  interactive: ['isinteractive'],
};

const normalizedKeys = new Map<string, string>();

/** A column name or JSON key, normalised (cached: the same keys come back on every record). */
export function normalizeKey(name: string): string {
  let key = normalizedKeys.get(name);
  if (key === undefined) {
    key = normalizeKeyUncached(name);
    if (normalizedKeys.size < 10_000) normalizedKeys.set(name, key);
  }
  return key;
}

function normalizeKeyUncached(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s*\[[^\]]*\]\s*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Flattens a JSON record into normalised key -> value (nested objects joined: status.errorCode -> statuserrorcode). */
export function flattenRecord(record: Record<string, unknown>, into = new Map<string, unknown>(), prefix = '', depth = 0): Map<string, unknown> {
  for (const [k, v] of Object.entries(record)) {
    const key = prefix + normalizeKey(k);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (depth < 2) flattenRecord(v as Record<string, unknown>, into, key, depth + 1);
    } else if (!into.has(key)) {
      into.set(key, v);
    }
  }
  return into;
}

/** Azure Monitor diagnostic records carry the sign-in under `properties`; its fields win over the envelope's. */
export function unwrapDiagnosticRecord(record: Record<string, unknown>): Map<string, unknown> {
  const props = record['properties'];
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    const map = flattenRecord(props as Record<string, unknown>);
    const envelope = { ...record };
    delete envelope['properties'];
    return flattenRecord(envelope, map);
  }
  return flattenRecord(record);
}

/** Expands JSON-in-a-string columns (Log Analytics exports LocationDetails and Status that way). */
export function expandJsonStrings(map: Map<string, unknown>): void {
  for (const key of ['locationdetails', 'status', 'location']) {
    const v = map.get(key);
    if (typeof v === 'string' && v.startsWith('{')) {
      try {
        const parsed = JSON.parse(v) as unknown;
        if (parsed && typeof parsed === 'object') {
          map.delete(key);
          flattenRecord(parsed as Record<string, unknown>, map, key, 1);
        }
      } catch {
        // not JSON after all: keep the text
      }
    }
  }
}

/** The field's value under the first alias present. */
export function pick(map: Map<string, unknown>, field: SigninField): unknown {
  for (const alias of FIELD_ALIASES[field]) {
    if (map.has(alias)) {
      const v = map.get(alias);
      if (v !== undefined && v !== null && !(typeof v === 'object')) return v;
    }
  }
  return undefined;
}

/** Which fields a set of normalised column names provides (CSV header, or keys seen in JSON). */
export function fieldsIn(keys: Iterable<string>): Map<SigninField, string> {
  const set = new Set(keys);
  const found = new Map<SigninField, string>();
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [SigninField, readonly string[]][]) {
    const alias = aliases.find((a) => set.has(a));
    if (alias) found.set(field, alias);
  }
  return found;
}
