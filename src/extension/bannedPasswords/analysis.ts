import type * as vscode from 'vscode';
import type { BannedListLint } from '../../core/bannedPasswords/lint';
import { LineIndex } from '../../core/text/lineIndex';

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the first banned-password list, not at activation */
const lint = () => require('../../core/bannedPasswords/lint') as typeof import('../../core/bannedPasswords/lint');

export const BANNED_LANGUAGE = 'banned-passwords';

interface Cached {
  version: number;
  lint: BannedListLint;
  lines: LineIndex;
}

/** One lint per document version, shared by the diagnostics, the quick-fixes and the evaluate command. */
export class BannedListCache {
  private readonly cache = new Map<string, Cached>();

  get(document: vscode.TextDocument): Cached {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit;
    const text = document.getText();
    const entry = { version: document.version, lint: lint().lintBannedPasswordList(text), lines: new LineIndex(text) };
    this.cache.set(key, entry);
    return entry;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}
