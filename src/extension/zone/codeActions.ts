import * as vscode from 'vscode';
import { applyEdits, type TextEdit } from '../../core/text/edits';
import { dkimOwnerParts } from '../../core/zone/fixes/dkimCname';
import { allQualifierEdit, quoteValueEdit, trailingDotEdit } from '../../core/zone/fixes/simple';
import { splitTxtEdits } from '../../core/zone/fixes/splitTxt';
import { recordAt } from '../../core/zone/query';
import type { Finding } from '../../core/findings';
import { FIX_ALL_KIND, diagnosticCode, toRange, workspaceEdit } from '../diagnostics';
import type { ZoneAnalysisCache } from './analysisCache';
import type { BackgroundZones } from './background';
import { zoneTimings } from './timings';
import { ZONE_LANGUAGE } from './diagnostics';
import { MOVE_DKIM_COMMAND } from './moveDkim';

/**
 * Quick-fixes chosen by diagnostic code: split long TXT strings (preferred), move a DKIM
 * key behind a CNAME, add a trailing dot, quote a value that a `;` cut short, turn an SPF
 * "+all"/"?all" into "~all" (preferred) or "-all"; and
 * `source.fixAll.mailsec` for the fixes that need no choice.
 */
export class ZoneCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(
    private readonly cache: ZoneAnalysisCache,
    private readonly background?: BackgroundZones,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // A large document's analysis lives in the zone worker: no quick-fixes there (README).
    if (this.background?.isLarge(document)) return [];
    return zoneTimings.measure('code actions', () => this.actions(document, range, context));
  }

  private actions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const { analysis, lines } = this.cache.get(document);
    const text = analysis.text;
    const actions: vscode.CodeAction[] = [];
    const wantsFixAll = context.only?.contains(FIX_ALL_KIND) || (context.only && FIX_ALL_KIND.contains(context.only));
    if (wantsFixAll) {
      const fixAll = this.fixAll(document, lines, analysis.findings);
      if (fixAll) actions.push(fixAll);
      return actions;
    }
    const start = lines.offsetAt({ line: range.start.line, character: range.start.character });
    const end = lines.offsetAt({ line: range.end.line, character: range.end.character });
    const findings = analysis.findings.filter((f) => f.file === undefined && f.span.start <= end && start <= f.span.end);
    const diagnostics = context.diagnostics.filter((d) => diagnosticCode(d) !== undefined);
    const diagFor = (f: Finding): vscode.Diagnostic[] => diagnostics.filter((d) => diagnosticCode(d) === f.code && d.range.intersection(toRange(lines, f.span)) !== undefined);
    const done = new Set<string>();
    for (const f of findings) {
      const rec = recordAt(analysis, f.span.start);
      switch (f.code) {
        case 'txt-string-too-long': {
          if (!rec || done.has(`split:${rec.entry.start}`)) break;
          done.add(`split:${rec.entry.start}`);
          const a = new vscode.CodeAction('Split into 255-byte strings', vscode.CodeActionKind.QuickFix);
          a.edit = workspaceEdit(document, lines, splitTxtEdits(rec));
          a.diagnostics = diagFor(f);
          a.isPreferred = true;
          actions.push(a);
          this.addMoveDkim(actions, document, rec.owner, rec.entry.start, diagFor(f), done);
          break;
        }
        case 'txt-long-for-web-forms':
          if (rec) this.addMoveDkim(actions, document, rec.owner, rec.entry.start, diagFor(f), done);
          break;
        case 'zone-missing-trailing-dot': {
          const absolute = String(f.data?.['absolute'] ?? '');
          const a = new vscode.CodeAction(`Add the trailing dot: ${absolute}`, vscode.CodeActionKind.QuickFix);
          a.edit = workspaceEdit(document, lines, [trailingDotEdit(f)]);
          a.diagnostics = diagFor(f);
          a.isPreferred = f.data?.['certain'] === true;
          actions.push(a);
          break;
        }
        case 'spf-plus-all':
        case 'spf-neutral-all': {
          for (const [q, title] of [['~', 'Change to "~all" (softfail: mark mail from other servers, the safe first step)'], ['-', 'Change to "-all" (fail: reject mail from other servers)']] as const) {
            const edit = allQualifierEdit(text, f, q);
            if (!edit) continue;
            const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
            a.edit = workspaceEdit(document, lines, [edit]);
            a.diagnostics = diagFor(f);
            a.isPreferred = q === '~';
            actions.push(a);
          }
          break;
        }
        case 'txt-semicolon-comment': {
          const a = new vscode.CodeAction('Quote the whole value (the ; is then part of it)', vscode.CodeActionKind.QuickFix);
          a.edit = workspaceEdit(document, lines, [quoteValueEdit(text, f)]);
          a.diagnostics = diagFor(f);
          a.isPreferred = true;
          actions.push(a);
          break;
        }
      }
    }
    return actions;
  }

  private addMoveDkim(actions: vscode.CodeAction[], document: vscode.TextDocument, owner: string, recordStart: number, diagnostics: vscode.Diagnostic[], done: Set<string>): void {
    if (!dkimOwnerParts(owner) || done.has(`cname:${recordStart}`)) return;
    done.add(`cname:${recordStart}`);
    const a = new vscode.CodeAction('Move DKIM key behind a CNAME (for hosts that reject long TXT values)…', vscode.CodeActionKind.QuickFix);
    a.command = { command: MOVE_DKIM_COMMAND, title: a.title, arguments: [document.uri, recordStart] };
    a.diagnostics = diagnostics;
    actions.push(a);
  }

  /** Split every over-long string and add every certain trailing dot, in one edit. */
  private fixAll(document: vscode.TextDocument, lines: Parameters<typeof toRange>[0], findings: Finding[]): vscode.CodeAction | undefined {
    const { analysis } = this.cache.get(document);
    const edits: TextEdit[] = [];
    const seen = new Set<number>();
    for (const f of findings) {
      if (f.file !== undefined) continue;
      if (f.code === 'txt-string-too-long') {
        const rec = recordAt(analysis, f.span.start);
        if (rec && !seen.has(rec.entry.start)) {
          seen.add(rec.entry.start);
          edits.push(...splitTxtEdits(rec));
        }
      } else if (f.code === 'zone-missing-trailing-dot' && f.data?.['certain'] === true) {
        edits.push(trailingDotEdit(f));
      }
    }
    if (!edits.length) return undefined;
    try {
      applyEdits(analysis.text, edits); // refuses overlapping edits
    } catch {
      return undefined;
    }
    const a = new vscode.CodeAction('Fix all mailsec zone problems that need no choice', FIX_ALL_KIND);
    a.edit = workspaceEdit(document, lines, edits);
    return a;
  }
}

export function registerZoneCodeActions(context: vscode.ExtensionContext, cache: ZoneAnalysisCache, background: BackgroundZones): void {
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider({ language: ZONE_LANGUAGE }, new ZoneCodeActions(cache, background), { providedCodeActionKinds: ZoneCodeActions.kinds }));
}
