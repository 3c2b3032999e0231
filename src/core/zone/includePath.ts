import { dirname, isAbsolute, resolve } from 'node:path';

/**
 * Where a relative `$INCLUDE` path points. RFC 1035 leaves it open; BIND (named and
 * named-checkzone) resolves it from its working directory — named.conf's `directory` —
 * for every level of nesting, while the editor reads it beside the including file (which
 * is what a zone kept next to its includes means). `base` set gives BIND's answer.
 */
export function resolveIncludePath(path: string, from: string | undefined, base?: string): string {
  if (isAbsolute(path)) return path;
  if (base !== undefined) return resolve(base, path);
  return resolve(from ? dirname(from) : '.', path);
}

/** The hover text for an $INCLUDE path: how mailsec and BIND each find the file. */
export function includePathNote(path: string): string {
  if (isAbsolute(path)) return `\`${path}\` is absolute: mailsec and BIND read the same file.`;
  return (
    `mailsec reads \`${path}\` relative to the file that includes it. ` +
    "BIND (`named`, `named-checkzone`) resolves a relative `$INCLUDE` path from its working directory — named.conf's `directory` option — instead. " +
    'To check the zone as BIND will load it, run `mailsec lint --include-base <that directory>`.'
  );
}
