/**
 * What a file name says about a zone: whether it is a zone file at all (for folders
 * given to `mailsec lint`), and which origin it probably has (`db.example.com`,
 * `example.com.zone`) when the file has no $ORIGIN.
 */

/** `*.zone`, `*.zonefile`, `db.*` always; `*.db` only when the first line looks like a zone. */
export function isZoneFileName(baseName: string): 'yes' | 'maybe' | 'no' {
  const b = baseName.toLowerCase();
  if (b.endsWith('.zone') || b.endsWith('.zonefile') || b.startsWith('db.')) return 'yes';
  if (b.endsWith('.db')) return 'maybe';
  return 'no';
}

/** The same test as the language's `firstLine` pattern in package.json. */
export const ZONE_FIRST_LINE = /^(\$ORIGIN|\$TTL|\$INCLUDE|;|\S+\s+(\d+[wdhmsWDHMS]?\s+)?(IN\s+)?SOA\b|@\s)/;

export function looksLikeZone(firstLine: string): boolean {
  return ZONE_FIRST_LINE.test(firstLine);
}

/** `db.example.com` → `example.com.`; `example.com.zone` → `example.com.`; otherwise undefined. */
export function originFromFileName(baseName: string): string | undefined {
  let b = baseName;
  if (/^db\./i.test(b)) b = b.slice(3);
  else b = b.replace(/\.(zone|zonefile|db)$/i, '');
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/.test(b)) return undefined;
  return b.toLowerCase() + '.';
}
