/**
 * Where the organisation's settings are given, said in the words of the surface that shows
 * the message: flags on the command line, setting ids in the editor. One source for the
 * text, so the CLI and the editor name the same three settings.
 */
export type Surface = 'cli' | 'editor';

/** The organisation settings: the CLI flag and the editor setting id of each. */
export const ORGANIZATION_SETTINGS = [
  { what: 'your domains', cli: '--org-domain', editor: 'mailsec.organization.domains', rc: 'organization.domains' },
  { what: 'the authserv-id your servers write', cli: '--authserv-id', editor: 'mailsec.organization.authservIds', rc: 'organization.authservIds' },
] as const;

/** "Set your domains (--org-domain) or …": the sentence that asks for the organisation's settings. */
export function organizationSettingsHint(surface: Surface): string {
  const parts = ORGANIZATION_SETTINGS.map((s) => `${s.what} (${surface === 'cli' ? s.cli : `setting ${s.editor}`})`);
  return `Set ${parts.join(' or ')}, or "organization" in .mailsecrc.json.`;
}
