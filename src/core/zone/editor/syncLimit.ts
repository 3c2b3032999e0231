/**
 * The files VS Code keeps from extensions, and what the user is told about one. A module of its
 * own: the notice is loaded at start-up when a tab has no document, and must not bring the zone
 * analysis with it.
 */

/** VS Code hands no text model larger than this to extensions (the workbench's _MODEL_SYNC_LIMIT). */
export const EDITOR_SYNC_LIMIT_BYTES = 50 * 1024 * 1024;

/** What a user is told, once, about a zone file open in a tab that VS Code kept from extensions. */
export function tooLargeForEditorMessage(path: string, bytes: number): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return `${name} is ${(bytes / 1048576).toFixed(0)} MB: VS Code does not hand files over 50 MB to extensions, so mailsec cannot check it in the editor. Run \`mailsec lint ${path}\` in a terminal to check it.`;
}
