/**
 * The header analysis as a reader sees it: every value already a display string, every
 * place in the source a span. The panel, the Markdown export and the tests all read this
 * one shape, so what the panel shows and what "Copy as Markdown" copies cannot differ.
 * Strings that come from the message have passed through `visible()`: control, bidi and
 * zero-width characters show as `<U+XXXX>` instead of acting on the display. They are
 * still attacker-written text: render them as text, never as markup.
 */
import type { Severity, Span } from '../findings';

export type Tone = 'pass' | 'fail' | 'warn' | 'neutral';

export interface ViewFinding {
  severity: Severity;
  code: string;
  message: string;
  span: Span;
}

export interface SummaryRow {
  label: string;
  /** The value, or `(none)` when the header is absent. */
  value: string;
  present: boolean;
  /** A remark beside the value ("outside your organisation", "in 3 s"). */
  note: string | null;
  span: Span | null;
}

export interface AuthRow {
  /** SPF, DKIM, DMARC, ARC, compauth. */
  method: string;
  result: string;
  tone: Tone;
  /** Alignment with the From domain, in words ("" when it does not apply). */
  alignment: string;
  details: string;
  span: Span | null;
}

export interface AuthHeaderRow {
  kind: string;
  instance: number | null;
  authservId: string;
  trusted: boolean;
  /** `spf=pass dkim=fail …` */
  results: string;
  span: Span;
}

export interface SignatureRow {
  domain: string;
  selector: string;
  algorithm: string;
  aligned: string;
  notes: string;
  span: Span;
}

export interface AuthView {
  validated: boolean;
  trustedReason: string;
  rows: AuthRow[];
  headers: AuthHeaderRow[];
  signatures: SignatureRow[];
}

export interface HopRow {
  /** 1 = the oldest hop. */
  n: number;
  from: string;
  by: string;
  with: string;
  id: string;
  time: string;
  delay: string;
  delaySeconds: number | null;
  /** Bar length, 0–100, relative to the longest delay of the route (absolute value). */
  bar: number;
  negative: boolean;
  trust: 'org' | 'outside' | 'unknown';
  /** The first hop stamped by the receiving organisation. */
  boundary: boolean;
  span: Span;
}

export interface RouteView {
  hops: HopRow[];
  boundary: string;
  total: string | null;
  localStamps: Array<{ text: string; span: Span }>;
}

export interface AntispamItemRow {
  key: string;
  label: string;
  value: string;
  meaning: string;
  documented: boolean;
  span: Span;
}

export interface AntispamGroup {
  header: string;
  span: Span;
  items: AntispamItemRow[];
}

export interface RuleRow {
  name: string;
  fires: boolean;
  explanation: string;
  disclaimer: string | null;
  /** "Would prepend" or, in Audit mode, "Audit: would record, not prepend". */
  actionLabel?: string | null;
  matches: Array<{ header: string; pattern: string; matched: string; span: Span | null }>;
}

export interface HeaderRow {
  /** Position in the block, 0 = topmost. */
  index: number;
  name: string;
  /** Decoded, unfolded value. */
  value: string;
  /** The value as written (unfolded), when decoding changed it. */
  encoded: string | null;
  span: Span;
}

export interface HeaderView {
  schema: 1;
  verdict: 'pass' | 'warn' | 'fail';
  /** "3 errors, 1 warning, 2 notes" or "No problems found". */
  headline: string;
  counts: { error: number; warning: number; info: number };
  /** Errors and warnings, most severe first. */
  reasons: ViewFinding[];
  /** Information findings (rule verdicts excepted: they have their own section). */
  notes: ViewFinding[];
  summary: SummaryRow[];
  auth: AuthView;
  route: RouteView;
  antispam: AntispamGroup[];
  rules: RuleRow[];
  headers: HeaderRow[];
}
