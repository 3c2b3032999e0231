import type * as vscode from 'vscode';
import type { OrganizationSettings } from '../../core/headers/types';
import { organizationFor } from '../headers/organization';

/**
 * The organisation (domains, protected display names, authserv-ids) for the Microsoft 365
 * commands: the same as the header panel's — `mailsec.organization.*` settings, and for
 * each list not set there the nearest `.mailsecrc.json` (the file the CLI reads).
 */
export async function readOrganization(scope?: vscode.Uri): Promise<OrganizationSettings> {
  return (await organizationFor(scope)).organization;
}
