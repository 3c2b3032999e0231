/**
 * `.mailsecrc.json`, the project settings file the CLI and the extension both read:
 *
 *   { "organization": { "domains": ["contoso.com"], "displayNames": ["Jean Dupont"], "authservIds": ["mx.contoso.com"] } }
 *
 * Only the text is handled here (no file system), so the CLI (node:fs) and the extension
 * (vscode.workspace.fs, also in virtual workspaces) read it with the same checks and the
 * same error messages.
 */
import type { OrganizationSettings } from '../headers/types';

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

function stringList(value: unknown, where: string, path: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ConfigError(path, `${where} must be a list of strings, e.g. ["contoso.com"].`);
  }
  return value as string[];
}

/** Checks the text of a config file; `path` only names the file in error messages. */
export function parseConfig(text: string, path: string): MailsecConfig {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(path, `not valid JSON (${(e as Error).message})`);
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

/** Settings from the file plus those given on the command line (added, duplicates removed). */
export function mergeOrganization(base: OrganizationSettings, extra: Partial<OrganizationSettings>): OrganizationSettings {
  const merge = (a: string[] | undefined, b: string[] | undefined) => [...new Set([...(a ?? []), ...(b ?? [])])];
  return {
    domains: merge(base.domains, extra.domains),
    displayNames: merge(base.displayNames, extra.displayNames),
    authservIds: merge(base.authservIds, extra.authservIds),
  };
}

export const ORGANIZATION_KEYS = ['domains', 'displayNames', 'authservIds'] as const;
export type OrganizationKey = (typeof ORGANIZATION_KEYS)[number];

/** Where each list of the organisation came from (for the panel and the log). */
export type OrganizationOrigin = Record<OrganizationKey, 'setting' | 'file' | 'none'>;

/**
 * The editor's organisation: each list the user set in the settings (at any level)
 * replaces the same list of `.mailsecrc.json`; a list not set comes from the file, so a
 * team that keeps its domains in the file gets the answers `mailsec analyze` gives.
 * `settings` holds only the lists that are explicitly set.
 */
export function resolveOrganization(
  settings: Partial<OrganizationSettings>,
  file: OrganizationSettings | null,
): { organization: OrganizationSettings; origin: OrganizationOrigin } {
  const organization: OrganizationSettings = { domains: [], displayNames: [], authservIds: [] };
  const origin = {} as OrganizationOrigin;
  for (const key of ORGANIZATION_KEYS) {
    const own = settings[key];
    const fromFile = file?.[key];
    if (own !== undefined) {
      organization[key] = [...own];
      origin[key] = 'setting';
    } else if (fromFile?.length) {
      organization[key] = [...fromFile];
      origin[key] = 'file';
    } else {
      origin[key] = 'none';
    }
  }
  return { organization, origin };
}

/**
 * Where to look for `.mailsecrc.json` from a folder given as a URI path (`/a/b`, or
 * `/c:/x` on Windows): the folder itself, then each parent, as the CLI walks. Paths use `/`.
 */
export function configCandidates(folderPath: string): string[] {
  const parts = folderPath.split('/').filter(Boolean);
  const out: string[] = [];
  for (let n = parts.length; n >= 0; n--) out.push('/' + [...parts.slice(0, n), CONFIG_NAME].join('/'));
  return out;
}
