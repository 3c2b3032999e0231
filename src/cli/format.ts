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
import type { Finding } from '../core/findings';
import type { Positions } from '../core/text/positionTable';

/** `file:line:col severity code message` — one finding per line, 1-based line and column. */
export function formatFindingLine(file: string, lines: Positions, f: Finding): string {
  const p = lines.positionAt(f.span.start);
  return `${file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${oneLine(f.message)}`;
}

/** A message folded onto one line (newlines and the spaces around them become one space). */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** A finding as JSON with 1-based positions. */
export function findingJson(lines: Positions, f: Finding): Record<string, unknown> {
  const s = lines.positionAt(f.span.start);
  const e = lines.positionAt(f.span.end);
  return {
    severity: f.severity,
    code: f.code,
    message: f.message,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    ...(f.data ? { data: f.data } : {}),
  };
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning" style totals (only the non-zero ones; "no problems" when none). */
export function summarizeFindings(findings: readonly Finding[]): string {
  const { errors, warnings, infos } = countBySeverity(findings);
  const parts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : '', infos ? plural(infos, 'info') : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no problems';
}
