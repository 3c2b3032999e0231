/**
 * Building blocks of the live-check panel: verdict banner, findings with their fixes,
 * the chain of DNS answers, tables and record blocks. Every string from a result is
 * attacker-written (DNS answers, message headers): it goes in as a text node through
 * dom.h(), with invisible characters made visible.
 */
import { fixText } from '../../src/core/checks/advice';
import { answerRows, VERDICT_WORDS, type Fact } from '../../src/core/checks/explain';
import type { CheckFinding, DnsEvidence, Verdict } from '../../src/core/checks/types';
import { h, icon, visibleText, type Child } from '../shared/dom';

export const t = (s: string | undefined): string => visibleText(s ?? '');

const VERDICT_ICON: Record<Verdict, string> = { pass: 'pass', warn: 'warning', fail: 'error', error: 'question' };

export function verdictBanner(verdict: Verdict, summary: string): HTMLElement {
  return h('div', { class: `banner ${verdict}` },
    h('span', { class: `verdict sev-${verdict === 'pass' ? 'pass' : verdict === 'warn' ? 'warning' : verdict === 'fail' ? 'error' : 'info'}` }, icon(VERDICT_ICON[verdict]), ' ', h('strong', { dataset: { role: 'verdict' } }, VERDICT_WORDS[verdict])),
    ' ',
    h('span', { class: 'wrap', dataset: { role: 'summary' } }, t(summary)));
}

export function section(title: string, level: 'h2' | 'h3', ...content: Child[]): HTMLElement {
  return h('section', null, h(level, { dataset: { role: 'section' } }, title), ...content);
}

const SEV_ICON = { error: 'error', warning: 'warning', info: 'info' } as const;

export function findingsList(findings: readonly CheckFinding[]): HTMLElement {
  if (!findings.length) return h('p', { class: 'muted' }, 'No problems found.');
  return h('ul', { class: 'findings' }, findings.map((f) =>
    h('li', { class: `finding sev-${f.severity}` },
      h('div', { class: 'finding-head' }, icon(SEV_ICON[f.severity], f.severity), ' ', h('code', { dataset: { role: 'finding-code' } }, f.code), f.name ? h('span', { class: 'muted' }, ' · ', t(f.name)) : null),
      h('div', { class: 'finding-message wrap' }, t(f.message)),
      f.record !== undefined && f.span.end > f.span.start ? h('div', { class: 'finding-at' }, h('span', { class: 'muted' }, 'At: '), h('code', { class: 'wrap' }, t(f.record.slice(f.span.start, f.span.end)))) : null,
      h('div', { class: 'finding-fix' }, h('span', { class: 'fix-label' }, 'Fix: '), h('span', { class: 'wrap', dataset: { role: 'fix' } }, t(fixText(f, 'editor')))))));
}

/**
 * A data table laid out by the browser (a plain <table>, not a component that fixes column
 * widths on first paint): long values wrap, `nowrap` columns (types, TTLs) never break, and
 * in a narrow panel a container query stacks each row into labelled lines. `role` marks the
 * rows for the rendered report; `columns` gives each column's class ("nowrap", "wide").
 */
export function table(headers: string[], rows: Child[][], role?: string, columns?: string[]): HTMLElement {
  const cls = (i: number) => columns?.[i] ?? '';
  return h('div', { class: 'table-box' },
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, headers.map((x, i) => h('th', { class: cls(i), attrs: { scope: 'col' } }, x)))),
      h('tbody', null, rows.map((r) => h('tr', role ? { dataset: { role } } : null, r.map((c, i) => h('td', { class: `cell ${cls(i)}`.trim(), dataset: { label: headers[i] ?? '' } }, h('span', { class: 'v' }, c))))))));
}

/** The chain of DNS answers: every CNAME followed, each record with its TTL, the server that gave it. */
export function answersTable(dns: readonly DnsEvidence[]): HTMLElement {
  const rows = dns.flatMap((e) => answerRows(e)).map((r) => [
    h('code', { class: 'wrap' }, t(r.name)),
    r.type,
    r.kind === 'record' || r.kind === 'cname' ? h('code', { class: 'wrap' }, t(r.answer)) : h('span', { class: r.kind === 'error' ? 'sev-error wrap' : 'muted wrap' }, t(r.answer)),
    r.ttl === undefined ? '' : String(r.ttl),
    t(r.server),
  ]);
  return table(['Name', 'Type', 'Answer', 'TTL', 'Server'], rows, 'answer', ['name', 'nowrap', 'wide', 'nowrap', 'server']);
}

export function facts(list: readonly Fact[]): HTMLElement {
  return h('div', { class: 'kv' }, list.flatMap((f) => [h('span', { class: 'k' }, f.label), h('span', { class: 'wrap' }, t(f.value))]));
}

export function recordBlock(value: string): HTMLElement {
  return h('pre', { class: 'record wrap' }, t(value));
}
