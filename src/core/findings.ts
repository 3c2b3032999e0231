/**
 * The one shape every analyser in the core reports: zone lint, mail-record
 * validation, header analysis, live checks. Adapters turn it into VS Code
 * diagnostics, CLI lines or JSON; nothing else needs to know where it came from.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Half-open range of UTF-16 offsets into the analysed text (`text.slice(start, end)`). */
export interface Span {
  start: number;
  end: number;
}

export interface RelatedInfo {
  message: string;
  span: Span;
  /** Absolute path when the related place is in another file (an $INCLUDE). */
  file?: string;
}

export interface Finding {
  /** Stable identifier, kebab-case, documented in docs/diagnostics.md (e.g. `txt-string-too-long`). */
  code: string;
  severity: Severity;
  /** One or two sentences in the user's words: what is wrong and, where it helps, what to do. */
  message: string;
  span: Span;
  /** Absolute path when the finding belongs to another file than the one analysed (an $INCLUDE). */
  file?: string;
  related?: RelatedInfo[];
  /** Machine-readable details a quick-fix or a JSON consumer can use (lengths, counts, names). */
  data?: Record<string, unknown>;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Most severe first, then by position. */
export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.span.start - b.span.start || a.code.localeCompare(b.code);
}

/** Sorts by position in the text (the order a linter prints in). */
export function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.code.localeCompare(b.code);
}

export const DOCS_BASE = 'https://github.com/mailsec/mailsec/blob/main/docs/diagnostics.md';

/** The explanation page of a finding code (an anchor in docs/diagnostics.md). */
export function docUrl(code: string): string {
  return `${DOCS_BASE}#${code}`;
}
