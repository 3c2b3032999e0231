/**
 * Findings as GitHub Actions workflow commands (`--format github`), which the runner shows as
 * annotations on the pull request:
 *
 *   ::error file=zones/db.example.com,line=3,col=5,endLine=3,endColumn=9,title=txt-string-too-long::message
 *
 * Escaping follows the runner's rules (@actions/core `toCommandValue`/`escapeData`/`escapeProperty`):
 * in the message % CR LF become %25 %0D %0A; in property values also : and , become %3A %2C.
 * Infos are `notice` annotations.
 */
import type { Finding, Severity } from '../../core/findings';
import type { Positions } from '../../core/text/positionTable';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line (no newline). `file` as shown to the user (relative to the working folder). */
export function githubAnnotation(file: string, lines: Positions, f: Finding): string {
  const s = lines.positionAt(f.span.start);
  const e = lines.positionAt(Math.max(f.span.end, f.span.start));
  const props = [
    `file=${escapeProperty(file)}`,
    `line=${s.line + 1}`,
    `col=${s.character + 1}`,
    `endLine=${e.line + 1}`,
    `endColumn=${e.character + 1}`,
    `title=${escapeProperty(f.code)}`,
  ];
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
}
