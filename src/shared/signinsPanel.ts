/**
 * Messages between the sign-in report panel (webview/signins) and the extension
 * (src/extension/signins/panel.ts), defined once for both sides.
 */
import type { SigninReport } from '../core/signins/report';

export const SIGNINS_VIEW_TYPE = 'mailsec.signinReport';

/** What the panel shows: the report, the file it came from, and the tenant-wide advice link. */
export type SigninsToWebview = { type: 'report'; file: string; report: SigninReport; guideUrl: string };

/** What the panel rendered, read back from its DOM (the integration tests check it). */
export interface SigninsRendered {
  file: string;
  signIns: number;
  legacySignIns: number;
  legacyUsers: string[];
  sprayIps: string[];
  bruteForceUsers: string[];
  failedIps: string[];
  scriptedAgents: string[];
  chartDays: number;
  chartSeries: string[];
  findings: string[];
  mentionsConditionalAccess: boolean;
}

export type SigninsFromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; rendered: SigninsRendered }
  | { type: 'export'; format: 'csv' | 'markdown' }
  | { type: 'authPolicy'; users: string[] }
  | { type: 'openGuide' };

export const SIGNINS_FROM_WEBVIEW: readonly SigninsFromWebview['type'][] = ['ready', 'rendered', 'export', 'authPolicy', 'openGuide'];
