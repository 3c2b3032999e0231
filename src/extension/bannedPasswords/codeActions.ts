import * as vscode from 'vscode';
import type { TextEditFix } from '../../core/bannedPasswords/lint';
import type { Finding } from '../../core/findings';
import { applyEdits } from '../../core/text/edits';
import { FIX_ALL_KIND, diagnosticCode, toRange, workspaceEdit } from '../diagnostics';
import { BANNED_LANGUAGE, type BannedListCache } from './analysis';

/**
 * Findings whose preferred fix removes a proven-redundant line: what "remove all redundant
 * terms" applies. A term one edit from another is not redundant (lint.ts) and has no fix.
 */
const REDUNDANT = new Set(['banned-duplicate-term', 'banned-term-normalizes-to-another']);

function fixesOf(f: Finding): TextEditFix[] {
  const fixes = f.data?.['fixes'];
  return Array.isArray(fixes) ? (fixes as TextEditFix[]) : [];
}

/** The preferred fixes of the findings with these codes, without overlaps (checked by applyEdits). */
function combined(text: string, findings: Finding[], codes: ReadonlySet<string>): TextEditFix[] {
  const edits: TextEditFix[] = [];
  let end = -1;
  for (const f of [...findings].filter((x) => codes.has(x.code)).sort((a, b) => (fixesOf(a)[0]?.span.start ?? 0) - (fixesOf(b)[0]?.span.start ?? 0))) {
    const fix = fixesOf(f)[0];
    if (!fix || fix.span.start < end) continue;
    edits.push(fix);
    end = fix.span.end;
  }
  applyEdits(text, edits); // throws on overlap: a bug, not a user error
  return edits;
}

/**
 * Quick-fixes from each finding's `data.fixes` (the first one preferred), one
 * "remove all redundant terms" action for duplicates and covered terms, and
 * `source.fixAll.mailsec` applying that plus the whitespace trims.
 */
export class BannedListCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly cache: BannedListCache) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const { lint, lines } = this.cache.get(document);
    const text = lines.text;
    if (context.only && (context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only))) {
      const edits = combined(text, lint.findings, new Set([...REDUNDANT, 'banned-term-whitespace']));
      if (!edits.length) return [];
      const a = new vscode.CodeAction('Remove redundant terms and trim spaces', FIX_ALL_KIND);
      a.edit = workspaceEdit(document, lines, edits);
      return [a];
    }
    const start = lines.offsetAt({ line: range.start.line, character: range.start.character });
    const end = lines.offsetAt({ line: range.end.line, character: range.end.character });
    const ours = context.diagnostics.filter((d) => diagnosticCode(d) !== undefined);
    const actions: vscode.CodeAction[] = [];
    let redundantHere = false;
    for (const f of lint.findings) {
      if (f.span.start > end || f.span.end < start) continue;
      const diagnostics = ours.filter((d) => diagnosticCode(d) === f.code && d.range.intersection(toRange(lines, f.span)) !== undefined);
      fixesOf(f).forEach((fix, k) => {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = workspaceEdit(document, lines, [fix]);
        a.diagnostics = diagnostics;
        a.isPreferred = k === 0;
        actions.push(a);
      });
      if (REDUNDANT.has(f.code)) redundantHere = true;
    }
    const redundant = lint.findings.filter((f) => REDUNDANT.has(f.code));
    if (redundantHere && redundant.length > 1) {
      const a = new vscode.CodeAction(`Remove all ${redundant.length} duplicate and redundant terms`, vscode.CodeActionKind.QuickFix);
      a.edit = workspaceEdit(document, lines, combined(text, lint.findings, REDUNDANT));
      a.diagnostics = ours.filter((d) => REDUNDANT.has(diagnosticCode(d) ?? ''));
      actions.push(a);
    }
    return actions;
  }
}

export function registerBannedCodeActions(context: vscode.ExtensionContext, cache: BannedListCache): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: BANNED_LANGUAGE }, new BannedListCodeActions(cache), { providedCodeActionKinds: BannedListCodeActions.kinds }),
  );
}
