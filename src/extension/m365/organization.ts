import * as vscode from 'vscode';
import type { OrganizationSettings } from '../../core/headers/types';

/**
 * The organisation (domains, protected display names, authserv-ids) from the settings
 * `mailsec.organization.*`. The header panel reads the same keys; this is the one place
 * the Microsoft 365 commands read them.
 */
export function readOrganization(scope?: vscode.Uri): OrganizationSettings {
  const config = vscode.workspace.getConfiguration('mailsec', scope);
  const list = (key: string): string[] => {
    const v = config.get<unknown>(key);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  return { domains: list('organization.domains'), displayNames: list('organization.displayNames'), authservIds: list('organization.authservIds') };
}
