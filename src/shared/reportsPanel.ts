/**
 * Messages between the DMARC/TLS reports panel (webview/reports) and the extension
 * (src/extension/reports/panel.ts), defined once for both sides.
 */
import type { ReportsView } from '../core/reports/render';

export const REPORTS_VIEW_TYPE = 'mailsec.dmarcReports';

/** A fix the panel may offer as a button: index into the domain's affected sources and their fixes. */
export interface FixTarget {
  domain: string;
  source: string;
  fix: number;
}

export interface ReportsPanelData {
  title: string;
  view: ReportsView;
  /** Fixes that can be applied to a zone file in the workspace, with the file they change. */
  applicable: (FixTarget & { file: string })[];
}

export type ReportsToWebview = { type: 'view'; data: ReportsPanelData };

/** What the panel rendered, read back from its DOM (the integration tests check it). */
export interface ReportsRendered {
  domains: string[];
  verdicts: string[];
  affectedSources: string[];
  sourceRows: number;
  chartDays: number;
  fixButtons: number;
}

export type ReportsFromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; rendered: ReportsRendered }
  | { type: 'applyFix'; target: FixTarget };

export const REPORTS_FROM_WEBVIEW: readonly ReportsFromWebview['type'][] = ['ready', 'rendered', 'applyFix'];
