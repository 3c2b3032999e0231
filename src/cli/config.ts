/**
 * `.mailsecrc.json`: project settings found by walking up from a file's folder, so a
 * team can keep its domains, protected names and authserv-ids beside its zone files or
 * saved messages. Command-line options add to what the file says.
 *
 *   { "organization": { "domains": ["contoso.com"], "displayNames": ["Jean Dupont"], "authservIds": ["mx.contoso.com"] } }
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { OrganizationSettings } from '../core/headers/types';

export const CONFIG_NAME = '.mailsecrc.json';

export interface MailsecConfig {
  organization: OrganizationSettings;
}

/** A config file that exists but cannot be used; the message names the file and the problem. */
export class ConfigError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ConfigError';
  }
}

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

function stringList(value: unknown, where: string, path: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ConfigError(path, `${where} must be a list of strings, e.g. ["contoso.com"].`);
  }
  return value as string[];
}

/** Reads and checks a config file. */
export function readConfig(path: string): MailsecConfig {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(path, e instanceof SyntaxError ? `not valid JSON (${e.message})` : `cannot be read (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(path, 'must contain a JSON object.');
  const org = (data as Record<string, unknown>)['organization'];
  if (org !== undefined && (typeof org !== 'object' || org === null || Array.isArray(org))) {
    throw new ConfigError(path, '"organization" must be an object with domains, displayNames and authservIds.');
  }
  const o = (org ?? {}) as Record<string, unknown>;
  return {
    organization: {
      domains: stringList(o['domains'], 'organization.domains', path),
      displayNames: stringList(o['displayNames'], 'organization.displayNames', path),
      authservIds: stringList(o['authservIds'], 'organization.authservIds', path),
    },
  };
}

/** Finds and reads the config for a folder; an empty organisation when there is none. */
export function loadConfig(startDir: string): { config: MailsecConfig; path: string | null } {
  const path = findConfig(startDir);
  if (!path) return { config: { organization: { domains: [], displayNames: [], authservIds: [] } }, path: null };
  return { config: readConfig(path), path };
}

/** Settings from the file plus those given on the command line (added, duplicates removed). */
export function mergeOrganization(base: OrganizationSettings, extra: Partial<OrganizationSettings>): OrganizationSettings {
  const merge = (a: string[] | undefined, b: string[] | undefined) => [...new Set([...(a ?? []), ...(b ?? [])])];
  return {
    domains: merge(base.domains, extra.domains),
    displayNames: merge(base.displayNames, extra.displayNames),
    authservIds: merge(base.authservIds, extra.authservIds),
  };
}
