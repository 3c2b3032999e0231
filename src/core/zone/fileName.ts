/**
 * What a file says about a zone: whether it is a zone file at all — the one definition the
 * editor (package.json's dns-zone language, which a test keeps equal to ZONE_FILES) and
 * `mailsec lint <folder>` share — and which origin it probably has (`db.example.com`,
 * `example.com.zone`) when the file has no $ORIGIN.
 */

/**
 * The names VS Code opens as DNS zones (package.json contributes.languages, kept equal by
 * test/unit/meta/manifest.test.ts). Exact names are BIND's own files; `db.*` only inside
 * bind/, named/ or zones/ folders, so db.py, db.json or db.sqlite3 elsewhere keep their language.
 */
export const ZONE_FILES = {
  extensions: ['.zone', '.zonefile'],
  filenames: ['db.local', 'db.127', 'db.0', 'db.255', 'db.empty', 'db.root', 'named.root', 'named.ca', 'named.localhost', 'named.loopback', 'named.empty', 'root.hints'],
  filenamePatterns: ['**/bind/**/db.*', '**/named/**/db.*', '**/zones/**/db.*', '*.zone.signed'],
} as const;

/** VS Code's glob subset used above ('**' + '/', '*', '?') as a test of a path with / separators; a pattern with a slash matches the whole path. */
function globMatcher(pattern: string): (path: string) => boolean {
  const source = pattern
    .toLowerCase()
    .split(/(\*\*\/|\*|\?)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^(?:.*/)?${source}$`);
  return pattern.includes('/') ? (path) => re.test(path.toLowerCase()) : (path) => re.test(path.slice(path.lastIndexOf('/') + 1).toLowerCase());
}
const PATTERNS = ZONE_FILES.filenamePatterns.map(globMatcher);

/** True when the path alone makes it a zone file (exact name, name pattern or extension), as in VS Code. */
export function isZoneFilePath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const name = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
  return (
    ZONE_FILES.filenames.some((f) => f === name) ||
    PATTERNS.some((matches) => matches(p)) ||
    ZONE_FILES.extensions.some((e) => name.endsWith(e))
  );
}

/**
 * Whether a file is a zone file, as the editor decides: by its path, else by its first line
 * (`head`: the first bytes of the file, 512 are plenty). Binary content (a NUL byte, as in
 * SQLite or Berkeley DB files) never is, whatever its name.
 */
export function isZoneFile(path: string, head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  if (isZoneFilePath(path)) return true;
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  return looksLikeZone(text.split(/\r?\n/, 1)[0] ?? '');
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
