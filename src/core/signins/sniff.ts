/**
 * Does a file look like a sign-in export? Decided from its first bytes only (the menus ask
 * for every .csv/.json in the workspace; a log may be gigabytes): the CSV header row, or the
 * keys (and Log Analytics column names) in the first part of a JSON document. A sign-in
 * export names the user, a time, and at least one of client app, error code, status,
 * application or IP address; settings.json, package.json or an arbitrary table do not.
 */
import { fieldsIn, normalizeKey, type SigninField } from './fields';

/** How much of a file the sniffer reads. */
export const SNIFF_BYTES = 8192;

const SUPPORTING: readonly SigninField[] = ['clientApp', 'errorCode', 'status', 'app', 'ip'];

function enough(keys: Iterable<string>): boolean {
  const found = fieldsIn([...keys].map(normalizeKey));
  return found.has('user') && found.has('time') && SUPPORTING.some((f) => found.has(f));
}

/** Splits one CSV header line on its delimiter (comma, semicolon or tab), quotes removed. */
function headerCells(line: string): string[] {
  const delimiter = [',', ';', '\t'].map((d) => [d, line.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  return line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

export function looksLikeSigninExport(head: string): boolean {
  const text = head.slice(0, SNIFF_BYTES).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    const keys = new Set<string>();
    // "key": … and Log Analytics' {"name": "UserPrincipalName", "type": …} columns
    for (const m of start.matchAll(/"([^"\\]{1,80})"\s*:/g)) keys.add(m[1]!);
    for (const m of start.matchAll(/"name"\s*:\s*"([^"\\]{1,80})"/g)) keys.add(m[1]!);
    return enough(keys);
  }
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  return enough(headerCells(firstLine));
}
