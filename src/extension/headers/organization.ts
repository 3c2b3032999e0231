import * as vscode from 'vscode';
import { ConfigError, configCandidates, parseConfig, resolveOrganization, type MailsecConfig } from '../../core/config/mailsecrc';
import { normalizeOrg } from '../../core/headers/analyze';
import type { OrganizationSettings } from '../../core/headers/types';
import type { OrganizationNote } from '../../shared/headerPanelMessages';

/** The settings, by the names the user sees (also checked by the manifest test). */
const SETTINGS = {
  domains: 'organization.domains',
  displayNames: 'organization.displayNames',
  authservIds: 'organization.authservIds',
} as const;

function explicitlySet(config: vscode.WorkspaceConfiguration, key: string): boolean {
  const i = config.inspect(key);
  return !!i && [i.globalValue, i.workspaceValue, i.workspaceFolderValue, i.globalLanguageValue, i.workspaceLanguageValue, i.workspaceFolderLanguageValue].some((v) => v !== undefined);
}

function stringList(config: vscode.WorkspaceConfiguration, key: string): string[] {
  const v = config.get<unknown>(key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The folder to start looking for `.mailsecrc.json`: the document's, else the first workspace folder. */
function startFolder(uri: vscode.Uri | undefined): vscode.Uri | undefined {
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  if (uri && !uri.scheme.startsWith('untitled') && (folder || uri.scheme === 'file')) return vscode.Uri.joinPath(uri, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** The nearest `.mailsecrc.json` from the document's folder upwards (as `mailsec analyze` finds it). */
async function findConfigFile(uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const start = startFolder(uri);
  if (!start) return undefined;
  for (const path of configCandidates(start.path)) {
    const candidate = start.with({ path });
    try {
      const stat = await vscode.workspace.fs.stat(candidate);
      if (stat.type & vscode.FileType.File) return candidate;
    } catch {
      // not there: keep walking up
    }
  }
  return undefined;
}

async function readConfigFile(file: vscode.Uri): Promise<MailsecConfig> {
  const label = vscode.workspace.asRelativePath(file, false);
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file));
  } catch (e) {
    throw new ConfigError(label, `cannot be read (${(e as Error).message})`);
  }
  return parseConfig(text, label);
}

export interface Organization {
  organization: OrganizationSettings;
  note: OrganizationNote;
}

/**
 * The organisation for analysing a document: `mailsec.organization.*` settings (resource
 * scope: the document's folder settings apply), and for each list not set there, the one
 * of the nearest `.mailsecrc.json`, the file `mailsec analyze` reads — so the editor and
 * the CLI give the same answer.
 */
export async function organizationFor(uri: vscode.Uri | undefined): Promise<Organization> {
  const config = vscode.workspace.getConfiguration('mailsec', uri);
  const settings: Partial<OrganizationSettings> = {};
  for (const [key, name] of Object.entries(SETTINGS) as [keyof typeof SETTINGS, string][]) {
    if (explicitlySet(config, name)) settings[key] = stringList(config, name);
  }
  let file: OrganizationSettings | null = null;
  let configFile: string | null = null;
  let problem: string | null = null;
  const found = await findConfigFile(uri);
  if (found) {
    try {
      file = (await readConfigFile(found)).organization;
      configFile = vscode.workspace.asRelativePath(found, false);
    } catch (e) {
      problem = e instanceof ConfigError ? `${e.message} It was ignored; only the mailsec.organization settings apply.` : String(e);
    }
  }
  const { organization, origin } = resolveOrganization(settings, file);
  const normalized = normalizeOrg(organization);
  const usedFile = Object.values(origin).includes('file');
  return {
    organization: normalized,
    note: { domains: normalized.domains, displayNames: normalized.displayNames.length, authservIds: normalized.authservIds ?? [], configFile: usedFile ? configFile : null, problem },
  };
}

/** Does a configuration change concern the organisation? */
export function affectsOrganization(e: vscode.ConfigurationChangeEvent): boolean {
  return Object.values(SETTINGS).some((name) => e.affectsConfiguration(`mailsec.${name}`));
}
