import * as vscode from 'vscode';
import type { HeaderSource } from '../../shared/headerPanelMessages';
import { wasRevealed } from './revealed';

/** Languages whose documents the command reads from the editor (others: say so). */
export const HEADER_INPUT_LANGUAGES = ['email-headers', 'plaintext'];

export interface HeaderInput {
  document: vscode.TextDocument;
  source: HeaderSource;
}

export type InputResult = { input: HeaderInput } | { error: string };

function nameOf(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false);
}

/**
 * What "Analyze Email Header" analyses: the selection of the active editor when the
 * command is about that editor's document and something is selected (other than what a
 * header panel selected), else the whole document (a file from the explorer is opened first).
 */
export async function headerInput(arg: unknown): Promise<InputResult> {
  const active = vscode.window.activeTextEditor;
  let document: vscode.TextDocument | undefined;
  if (arg instanceof vscode.Uri) {
    try {
      document = await vscode.workspace.openTextDocument(arg);
    } catch (e) {
      return { error: `Cannot open ${vscode.workspace.asRelativePath(arg, false)} to analyse its header: ${(e as Error).message}` };
    }
  } else {
    document = active?.document;
  }
  if (!document) {
    return { error: 'Open an email header first: an .eml file, or paste the header into an editor (Gmail "Show original", Outlook "View message source"), then run Analyze Email Header.' };
  }
  const editor = active?.document === document ? active : undefined;
  const selection = editor && !editor.selection.isEmpty && !wasRevealed(document, editor.selection) ? editor.selection : null;
  const name = nameOf(document);
  const range = selection ?? new vscode.Range(0, 0, document.lineCount, 0);
  const text = document.getText(range);
  if (!text.trim()) {
    return { error: selection ? 'The selection is empty: select the header block, or clear the selection to analyse the whole document.' : `${name} is empty: paste the message header into it (Gmail "Show original", Outlook "View message source") and run Analyze Email Header again.` };
  }
  const startLine = range.start.line + 1;
  const endLine = selection ? (selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1) : document.lineCount;
  return {
    input: {
      document,
      source: {
        label: selection ? `lines ${startLine}–${endLine} of ${name}` : name,
        uri: document.uri.toString(),
        base: document.offsetAt(range.start),
        text,
        selection: selection ? { startLine, endLine } : null,
      },
    },
  };
}

/** The error to show when the text holds no header field, in the user's words. */
export function noHeadersMessage(source: HeaderSource): string {
  const what = source.selection ? `The selection (${source.label})` : source.label;
  return `${what} holds no email header fields. Expected "Name: value" lines such as "Received: from …", "From: …" or "Authentication-Results: …" — paste the header as your mail client shows it (Gmail "Show original", Outlook "View message source" or the message's "Internet headers")${source.selection ? ', or clear the selection to analyse the whole document' : ''}.`;
}
