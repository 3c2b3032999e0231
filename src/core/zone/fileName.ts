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

/**
 * The language's `firstLine` pattern from package.json (a test keeps them equal): `$ORIGIN`,
 * `$TTL`, `$INCLUDE`, `$GENERATE`, an SOA line, or a `;` comment that mentions a zone, BIND,
 * DNS, SOA, DiG or name servers — not a bare `;`, which Lisp, assembler and INI files start with.
 */
export const ZONE_FIRST_LINE = /^(?:\$(?:ORIGIN|TTL|INCLUDE|GENERATE|origin|ttl|include|generate)(?![^\s;])|(?:@|[^\s;$"()]\S*)[ \t]+(?:(?:[0-9][0-9A-Za-z]*|IN|in|CH|ch|HS|hs|CS|cs)[ \t]+){0,2}(?:SOA|soa)(?![^\s;(])|;.*(?:\b(?:[Zz]one|ZONE|BIND|DNS|SOA)\b|<<>> ?DiG|\$ORIGIN|\b[Nn]ame ?[Ss]ervers?\b|\bNAME ?SERVERS?\b|\bDomain:))/;

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
