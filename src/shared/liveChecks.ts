/**
 * Messages between the extension and the live-check results panel (webview/live), one
 * union each way, used by both sides. Results are the core's plain-data CheckResult /
 * VerifyResult; every string in them may come from the DNS or a message (attacker text)
 * and is rendered as text nodes only.
 */
import type { DomainCheckResult } from '../core/checks/domain';
import type { ResolverInfo } from '../core/checks/markdown';
import type { CheckResult } from '../core/checks/types';
import type { VerifyResult } from '../core/checks/verifyMessage';

export type LiveResult =
  | { kind: 'check'; result: CheckResult }
  | { kind: 'domain'; result: DomainCheckResult }
  | { kind: 'verify'; file: string; result: VerifyResult };

/** What the panel shows: a check running, its result, or why there is none. */
export type LiveView =
  | { state: 'idle' }
  | { state: 'running'; title: string; resolver?: ResolverInfo }
  | { state: 'cancelled'; title: string }
  | { state: 'failed'; title: string; message: string; resolver?: ResolverInfo }
  | { state: 'done'; title: string; resolver: ResolverInfo; result: LiveResult };

/** What the webview reports it rendered, read back from its DOM (for tests and diagnostics). */
export interface RenderedReport {
  state: LiveView['state'];
  heading: string;
  /** The verdict as shown (PASS, WARN, FAIL, COULD NOT CHECK); absent when there is no result. */
  verdict?: string;
  summary?: string;
  /** Each row of the DNS answers tables: "name | type | answer | ttl | server". */
  answers: string[];
  /** The finding codes shown, in order. */
  findings: string[];
  /** The fixes shown (as the editor words them), in order. */
  fixes: string[];
  /** Section headings shown, in order. */
  sections: string[];
  /** The status line (resolver, cancellation, error). */
  status?: string;
}

export type ToLivePanel = { type: 'show'; seq: number; view: LiveView };

export type FromLivePanel =
  | { type: 'ready' }
  | { type: 'rendered'; seq: number; report: RenderedReport }
  | { type: 'copyMarkdown' }
  | { type: 'cancel' }
  /** Keep this result open: the next check opens a new panel beside it. */
  | { type: 'keep' };

export const FROM_LIVE_PANEL_TYPES: readonly FromLivePanel['type'][] = ['ready', 'rendered', 'copyMarkdown', 'cancel', 'keep'];
