import { analyzeHeaders } from '../../core/headers/analyze';
import { headerViewToMarkdown } from '../../core/headers/markdown';
import type { HeaderAnalysis } from '../../core/headers/types';
import { buildHeaderView } from '../../core/headers/view';
import type { HeaderView } from '../../core/headers/viewTypes';
import { LineIndex } from '../../core/text/lineIndex';
import type { HeaderSource, OrganizationNote } from '../../shared/headerPanelMessages';
import type { Organization } from './organization';

/** One analysis shown in a panel: what was analysed, the analysis and its view. */
export interface HeaderSession {
  analysisId: number;
  source: HeaderSource;
  analysis: HeaderAnalysis;
  view: HeaderView;
  organization: Organization;
}

let nextId = 1;

/**
 * Analyses the source. The text kept for the panel (its state, reveal) ends where the body
 * starts: an .eml with attachments stays a few kilobytes in the webview, not megabytes.
 */
export function analyzeSource(source: HeaderSource, organization: Organization, now = Date.now()): HeaderSession {
  const analysis = analyzeHeaders(source.text, { org: organization.organization, now });
  const kept = analysis.bodyOffset !== null ? { ...source, text: source.text.slice(0, analysis.bodyOffset) } : source;
  return { analysisId: nextId++, source: kept, analysis, view: buildHeaderView(analysis), organization };
}

export function panelState(s: HeaderSession): { analysisId: number; view: HeaderView; source: HeaderSource; organization: OrganizationNote } {
  return { analysisId: s.analysisId, view: s.view, source: s.source, organization: s.organization.note };
}

/** The Markdown report, with line numbers of the document (a selection starts at its first line). */
export function sessionMarkdown(s: HeaderSession): string {
  const lines = new LineIndex(s.source.text);
  const first = s.source.selection?.startLine ?? 1;
  return headerViewToMarkdown(s.view, { source: s.source.label, lineOf: (offset) => lines.positionAt(offset).line + first });
}

/** The JSON export: the shape `mailsec analyze --format json` prints, plus where the text came from. */
export function sessionJson(s: HeaderSession): string {
  const { source } = s;
  return (
    JSON.stringify(
      {
        file: source.label,
        uri: source.uri,
        selection: source.selection,
        baseOffset: source.base,
        organization: s.organization.organization,
        config: s.organization.note.configFile,
        ...s.analysis,
      },
      null,
      2,
    ) + '\n'
  );
}
