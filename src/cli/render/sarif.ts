/**
 * Findings as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the file
 * code-scanning services read (`mailsec lint --format sarif`, `analyze`, `banned-passwords lint`).
 * One run, one rule per finding code with a help URI into docs/diagnostics.md, and exact regions:
 * 1-based lines and columns counted in UTF-16 code units (what VS Code and the text output show,
 * declared by `columnKind`), plus the character offset and length into the file.
 * Paths under the working folder are relative to %SRCROOT% (the working folder); others are
 * file:// URIs; standard input is `stdin`.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docUrl, type Finding, type Severity, type Span } from '../../core/findings';
import type { Positions } from '../../core/text/positionTable';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A finding with the file it is in. `path`: absolute path, or undefined for standard input. */
export interface SarifItem {
  path: string | undefined;
  lines: Positions;
  finding: Finding;
  /** Where each related place's file is, when it is another file (an $INCLUDE). */
  relatedLines?: (file: string) => Positions | undefined;
}

export interface SarifOptions {
  version: string;
  cwd: string;
  /** Files looked at, including those without findings (their artifacts are listed). */
  files?: (string | undefined)[];
}

type Json = Record<string, unknown>;

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

function artifactLocation(path: string | undefined, cwd: string): Json {
  if (path === undefined) return { uri: 'stdin' };
  const rel = relative(cwd, path);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(path).href };
}

function region(lines: Positions, span: Span): Json {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(Math.max(span.end, span.start));
  return {
    startLine: s.line + 1,
    startColumn: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    charOffset: span.start,
    charLength: Math.max(0, span.end - span.start),
  };
}

export function sarifLog(items: readonly SarifItem[], options: SarifOptions): Json {
  const rules: Json[] = [];
  const ruleIndex = new Map<string, number>();
  for (const { finding } of items) {
    if (ruleIndex.has(finding.code)) continue;
    ruleIndex.set(finding.code, rules.length);
    rules.push({ id: finding.code, helpUri: docUrl(finding.code), defaultConfiguration: { level: LEVEL[finding.severity] } });
  }
  const artifacts: Json[] = [];
  const seen = new Set<string>();
  for (const p of [...(options.files ?? []), ...items.map((i) => i.finding.file ?? i.path)]) {
    const key = p ?? '\0stdin';
    if (seen.has(key)) continue;
    seen.add(key);
    artifacts.push({ location: artifactLocation(p, options.cwd) });
  }
  const results = items.map(({ path, lines, finding, relatedLines }) => {
    const related = (finding.related ?? []).flatMap((r, i) => {
      const file = r.file ?? finding.file ?? path;
      const li = r.file && r.file !== (finding.file ?? path) ? relatedLines?.(r.file) : lines;
      if (!li) return [];
      return [{ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: artifactLocation(file, options.cwd), region: region(li, r.span) } }];
    });
    return {
      ruleId: finding.code,
      ruleIndex: ruleIndex.get(finding.code),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.file ?? path, options.cwd), region: region(lines, finding.span) } }],
      ...(related.length ? { relatedLocations: related } : {}),
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mailsec', version: options.version, informationUri: 'https://github.com/mailsec/mailsec', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd.endsWith(sep) ? options.cwd : options.cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        artifacts,
        results,
      },
    ],
  };
}
