/**
 * `.mailsecrc.json`: project settings found by walking up from a file's folder, so a
 * team can keep its domains, protected names and authserv-ids beside its zone files or
 * saved messages. Command-line options add to what the file says. The checks of the
 * text are in src/core/config/mailsecrc.ts (the extension reads the same file).
 *
 *   { "organization": { "domains": ["contoso.com"], "displayNames": ["Jean Dupont"], "authservIds": ["mx.contoso.com"] } }
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_NAME, ConfigError, parseConfig, type MailsecConfig } from '../core/config/mailsecrc';

export { CONFIG_NAME, ConfigError, mergeOrganization, type MailsecConfig } from '../core/config/mailsecrc';

/** The nearest `.mailsecrc.json` in `startDir` or a parent folder, or null. */
export function findConfig(startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Reads and checks a config file. */
export function readConfig(path: string): MailsecConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, `cannot be read (${(e as Error).message})`);
  }
  return parseConfig(text, path);
}

/** Finds and reads the config for a folder; an empty organisation when there is none. */
export function loadConfig(startDir: string): { config: MailsecConfig; path: string | null } {
  const path = findConfig(startDir);
  if (!path) return { config: { organization: { domains: [], displayNames: [], authservIds: [] } }, path: null };
  return { config: readConfig(path), path };
}
