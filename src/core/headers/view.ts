/**
 * `buildHeaderView(analysis)`: the analysis turned into what a reader sees (see
 * viewTypes.ts). Pure and deterministic; the panel renders it, the Markdown export
 * prints it, and both are tested on the same values.
 */
import { maxOf } from '../arrays';
import type { Finding } from '../findings';
import { formatDuration } from './hops';
import { formatAddress, formatDelay, formatUtc } from './present';
import type { HeaderAnalysis, MailAddress } from './types';
import { visible } from './unicode';
import { antispamView, authView, rulesView } from './viewAuth';
import type { HeaderView, HopRow, RouteView, SummaryRow, ViewFinding } from './viewTypes';

export type * from './viewTypes';

const v = (s: string | null | undefined): string => visible(s ?? '');

/** Rule verdicts are findings too, but the panel shows them in their own section. */
const RULE_CODES = new Set(['hdr-rule-sender-not-validated', 'hdr-rule-internal-display-name']);

function finding(f: Finding): ViewFinding {
  return { severity: f.severity, code: f.code, message: v(f.message), span: f.span };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function headline(counts: HeaderView['counts']): string {
  if (counts.error + counts.warning + counts.info === 0) return 'No problems found';
  return [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'note')].join(', ');
}

function addressRow(label: string, list: MailAddress[], a: HeaderAnalysis, note: string | null = null): SummaryRow {
  const field = a.headers.find((h) => h.lname === label.toLowerCase());
  if (!list.length) {
    return field
      ? { label, value: v(field.decoded) || '(empty)', present: true, note, span: field.valueSpan }
      : { label, value: '(none)', present: false, note: null, span: null };
  }
  return { label, value: v(list.map(formatAddress).join(', ')), present: true, note, span: field?.valueSpan ?? list[0]!.span };
}

function summaryView(a: HeaderAnalysis): SummaryRow[] {
  const s = a.summary;
  const field = (lname: string) => a.headers.find((h) => h.lname === lname);
  const plain = (label: string, lname: string, value: string | null, note: string | null = null): SummaryRow => {
    const f = field(lname);
    return value !== null && f ? { label, value: v(value) || '(empty)', present: true, note, span: f.valueSpan } : { label, value: '(none)', present: false, note: null, span: null };
  };
  const rows: SummaryRow[] = [];
  rows.push(addressRow('From', a.addresses.from, a, s.fromAddress ? (s.senderIsInternal ? 'inside your organisation' : 'outside your organisation') : null));
  if (a.addresses.sender.length) rows.push(addressRow('Sender', a.addresses.sender, a));
  rows.push(addressRow('Reply-To', a.addresses.replyTo, a));
  rows.push(addressRow('Return-Path', a.addresses.returnPath, a));
  rows.push(addressRow('To', a.addresses.to, a));
  if (a.addresses.cc.length) rows.push(addressRow('Cc', a.addresses.cc, a));
  rows.push(plain('Subject', 'subject', s.subject));
  const dateField = field('date');
  rows.push(
    s.date
      ? { label: 'Date', value: formatUtc(s.date.epochMs), present: true, note: `as written: ${v(s.date.text)}`, span: dateField?.valueSpan ?? null }
      : plain('Date', 'date', dateField ? dateField.unfolded : null, dateField ? 'not a readable date' : null),
  );
  rows.push(plain('Message-ID', 'message-id', s.messageId));
  return rows;
}

function routeView(a: HeaderAnalysis): RouteView {
  const longest = maxOf(a.hops.map((h) => Math.abs(h.delaySeconds ?? 0)), 0);
  const hops: HopRow[] = a.hops.map((h) => {
    const from = [h.from ?? h.fromHost ?? '', h.fromIp ? `[${h.fromIp}]` : ''].filter(Boolean).join(' ') || '(local)';
    const d = h.delaySeconds;
    const bar = d === null || longest === 0 ? 0 : Math.max(d === 0 ? 0 : 1, Math.round((Math.abs(d) / longest) * 100));
    return {
      n: h.n + 1,
      from: v(from),
      by: v(h.by ?? h.byIp ?? '?'),
      with: v(h.with),
      id: v(h.id),
      time: h.time ? formatUtc(h.time.epochMs) : 'no readable date',
      delay: formatDelay(d),
      delaySeconds: d,
      bar,
      negative: d !== null && d < 0,
      trust: h.trust,
      boundary: h.n === a.trustBoundary.hop,
      span: h.span,
    };
  });
  return {
    hops,
    boundary: v(a.trustBoundary.how),
    total: a.summary.totalDelaySeconds !== null ? `${formatDuration(a.summary.totalDelaySeconds)} from the first hop to the last` : null,
    localStamps: a.localStamps.map((l) => ({ text: v(l.text), span: l.span })),
  };
}

export function buildHeaderView(a: HeaderAnalysis): HeaderView {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of a.findings) counts[f.severity]++;
  return {
    schema: 1,
    verdict: a.verdict,
    headline: headline(counts),
    counts,
    reasons: a.reasons.map(finding),
    notes: a.findings.filter((f) => f.severity === 'info' && !RULE_CODES.has(f.code)).map(finding),
    summary: summaryView(a),
    auth: authView(a),
    route: routeView(a),
    antispam: antispamView(a),
    rules: rulesView(a),
    headers: a.headers.map((h) => ({ index: h.index, name: v(h.name), value: v(h.decoded), encoded: h.decoded !== h.unfolded ? v(h.unfolded) : null, span: h.span })),
  };
}
