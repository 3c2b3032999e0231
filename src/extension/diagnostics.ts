import * as vscode from 'vscode';
import { docUrl, type Finding, type Severity } from '../core/findings';
import { LineIndex } from '../core/text/lineIndex';
import type { PlacedFinding, PlacedRange } from '../core/zone/editor/background';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Anything that maps offsets to positions: a LineIndex, or a vscode.TextDocument itself. */
export interface PositionSource {
  positionAt(offset: number): { line: number; character: number };
}

export function toRange(lines: PositionSource, span: { start: number; end: number }): vscode.Range {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

/**
 * A core Finding as a VS Code diagnostic: severity, range, source `mailsec`, the code
 * linked to its explanation, related places (also in other files).
 */
export function toDiagnostic(f: Finding, lines: PositionSource, uriFor: (file: string | undefined) => vscode.Uri, linesFor: (file: string | undefined) => PositionSource): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(lines, f.span), f.message, SEVERITY[f.severity]);
  d.source = 'mailsec';
  d.code = { value: f.code, target: vscode.Uri.parse(docUrl(f.code)) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriFor(r.file ?? f.file), toRange(linesFor(r.file ?? f.file), r.span)), r.message));
  }
  return d;
}

const docTargets = new Map<string, vscode.Uri>();
const placed = (r: PlacedRange): vscode.Range => new vscode.Range(r[0], r[1], r[2], r[3]);

/** A finding whose positions were computed elsewhere (the zone worker) as a diagnostic, like toDiagnostic. */
export function placedDiagnostic(f: PlacedFinding, uriFor: (file: string | undefined) => vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(placed(f.range), f.message, SEVERITY[f.severity]);
  d.source = 'mailsec';
  let target = docTargets.get(f.code);
  if (!target) docTargets.set(f.code, (target = vscode.Uri.parse(docUrl(f.code))));
  d.code = { value: f.code, target };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriFor(r.file), placed(r.range)), r.message));
  return d;
}

/** `source.fixAll.mailsec`: the fix-all kind of every mailsec code-action provider. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('mailsec');

/** Core text edits (spans into a document's text) as one WorkspaceEdit on that document. */
export function workspaceEdit(document: vscode.TextDocument, positions: PositionSource, edits: readonly { span: { start: number; end: number }; newText: string }[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(document.uri, toRange(positions, e.span), e.newText);
  return we;
}

/** The code of a mailsec diagnostic (`d.code` is `{ value, target }`). */
export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  if (d.source !== 'mailsec') return undefined;
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

export { LineIndex };
