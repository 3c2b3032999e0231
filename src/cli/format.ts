/**
 * The one line format every linting command prints (`mailsec lint`,
 * `mailsec banned-passwords lint`, ...), so editors' problem matchers and CI
 * logs read them all alike:
 *
 *   file:line:column severity code message
 *
 * Lines and columns are 1-based; columns count UTF-16 code units (what VS Code
 * shows). The message is folded onto one line.
 */
import type { Finding, Severity } from '../core/findings';
import type { LineIndex } from '../core/text/lineIndex';

/** `file:line:col severity code message` for a finding of the text `lineIndex` was built from. */
export function formatFindingLine(file: string, lineIndex: LineIndex, finding: Finding): string {
  const pos = lineIndex.positionAt(finding.span.start);
  return `${file}:${pos.line + 1}:${pos.character + 1} ${finding.severity} ${finding.code} ${oneLine(finding.message)}`;
}

export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** "2 errors, 1 warning" style totals (only the non-zero ones; "no problems" when none). */
export function summarizeFindings(findings: readonly Finding[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'no problems';
}
