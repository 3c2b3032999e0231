import type { Finding } from '../core/findings';
import type { LineIndex } from '../core/text/lineIndex';

/** `file:line:col severity code message` — one finding per line, 1-based line and column. */
export function formatFindingLine(file: string, lines: LineIndex, f: Finding): string {
  const p = lines.positionAt(f.span.start);
  return `${file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${f.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** A finding as JSON with 1-based positions. */
export function findingJson(lines: LineIndex, f: Finding): Record<string, unknown> {
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
