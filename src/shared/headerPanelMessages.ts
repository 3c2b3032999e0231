/**
 * The header-analysis panel's messages, both ways: one discriminated union per direction,
 * imported by the extension (src/extension/headers/panel.ts) and by the webview
 * (webview/headerAnalysis/main.ts). Spans are offsets into the analysed text; the
 * extension maps them to the document (the analysis may be of a selection).
 */
import type { Span } from '../core/findings';
import type { HeaderView } from '../core/headers/viewTypes';

export const HEADER_PANEL_VIEW_TYPE = 'mailsec.headerAnalysis';
/** The bundle name: webview/headerAnalysis/main.ts → dist/webview/headerAnalysis.js. */
export const HEADER_PANEL_SCRIPT = 'headerAnalysis';

/** What was analysed. */
export interface HeaderSource {
  /** "message.eml", "lines 4–31 of notes.txt". */
  label: string;
  /** The document (`Uri.toString()`), or null when the panel was given text only. */
  uri: string | null;
  /** Offset in the document where the analysed text starts (0 for a whole document). */
  base: number;
  /** The analysed text (kept so the panel can be restored and reveal its spans after a reload). */
  text: string;
  /** 1-based lines of the selection, or null for the whole document. */
  selection: { startLine: number; endLine: number } | null;
}

/** Where the organisation settings came from, shown under the verdict. */
export interface OrganizationNote {
  domains: string[];
  displayNames: number;
  authservIds: string[];
  /** `.mailsecrc.json` that supplied lists not set in the settings, or null. */
  configFile: string | null;
  /** A problem reading the settings, in words, or null. */
  problem: string | null;
}

/** The panel's state (webview `setState`), also what the serializer receives after a reload. */
export interface HeaderPanelState {
  analysisId: number;
  view: HeaderView;
  source: HeaderSource;
  organization: OrganizationNote;
  /** The text of the header filter box. */
  filter: string;
}

/** An element of the panel the extension asks the webview to click, as a user would (tests). */
export type ClickTarget =
  | { kind: 'header'; index: number }
  | { kind: 'reason'; index: number }
  | { kind: 'hop'; n: number }
  | { kind: 'summary'; label: string }
  | { kind: 'button'; id: 'copyMarkdown' | 'exportJson' };

export type ToHeaderPanel =
  | { type: 'show'; state: Omit<HeaderPanelState, 'filter'> }
  | { type: 'notice'; text: string; tone: 'info' | 'warning' }
  | { type: 'click'; target: ClickTarget }
  | { type: 'filter'; text: string };

/** What the panel shows, posted after every render (tests and the extension's log read it). */
export interface RenderedReport {
  analysisId: number;
  verdict: string;
  /** The banner's text (verdict and headline). */
  banner: string;
  /** Section headings, in order. */
  sections: string[];
  counts: {
    reasons: number;
    summaryRows: number;
    authRows: number;
    authHeaders: number;
    hops: number;
    antispamItems: number;
    rules: number;
    rulesFiring: number;
    notes: number;
    headers: number;
    headersShown: number;
  };
  filter: string;
  /** The verdict banner is inside the viewport. */
  bannerInView: boolean;
  /** True when the panel drew from its saved state (hidden and shown again, or reloaded). */
  restored: boolean;
}

export type FromHeaderPanel =
  | { type: 'ready'; analysisId: number | null }
  | { type: 'reveal'; analysisId: number; span: Span }
  | { type: 'copyMarkdown'; analysisId: number }
  | { type: 'exportJson'; analysisId: number }
  | { type: 'rendered'; report: RenderedReport };

export const FROM_HEADER_PANEL_TYPES: readonly FromHeaderPanel['type'][] = ['ready', 'reveal', 'copyMarkdown', 'exportJson', 'rendered'];

/** A span the webview sent, checked: whole numbers inside the analysed text. */
export function isSpanWithin(span: unknown, length: number): span is Span {
  if (typeof span !== 'object' || span === null) return false;
  const { start, end } = span as { start?: unknown; end?: unknown };
  return Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (start as number) <= (end as number) && (end as number) <= length;
}

/**
 * The source saved in a panel's state, checked, for the serializer after a window reload
 * (the state comes back from the webview, so nothing in it is taken on trust); null when
 * the state is not a header panel's.
 */
export function restoredSource(state: unknown): HeaderSource | null {
  if (typeof state !== 'object' || state === null) return null;
  const src = (state as { source?: unknown }).source as Partial<HeaderSource> | undefined;
  if (typeof src !== 'object' || src === null) return null;
  const { label, uri, base, text, selection } = src;
  if (typeof label !== 'string' || typeof text !== 'string' || !Number.isInteger(base) || (base as number) < 0) return null;
  if (uri !== null && typeof uri !== 'string') return null;
  const sel =
    typeof selection === 'object' && selection !== null && Number.isInteger(selection.startLine) && Number.isInteger(selection.endLine) && selection.startLine >= 1 && selection.endLine >= selection.startLine
      ? { startLine: selection.startLine, endLine: selection.endLine }
      : null;
  return { label, uri: uri ?? null, base: base as number, text, selection: sel };
}
