/**
 * DMARC aggregate and TLS reports. Every value in a report (reporter names, domains, selectors,
 * addresses) is written by a stranger: the page shows it as text nodes only, through the shared DOM
 * builder. Per domain: the readiness verdict, the volume over time, the legitimate sources the next
 * policy step would hit with their fixes (a button where the zone file is in the workspace), and a
 * sortable, filterable source table whose rows open to the records behind them.
 */
import '../shared/elements';
import '../shared/theme.css';
import './reports.css';
import { h, replace, visibleText, type Child } from '../shared/dom';
import { onMessage, vscodeApi } from '../shared/vscodeApi';
import type { DomainSummary, SourceSummary } from '../../src/core/reports/analysis';
import type { Readiness, SourceFix } from '../../src/core/reports/readiness';
import type { ReportsView } from '../../src/core/reports/render';
import type { FixTarget, ReportsFromWebview, ReportsPanelData, ReportsRendered, ReportsToWebview } from '../../src/shared/reportsPanel';

interface State {
  sort: { key: SortKey; descending: boolean };
  filter: string;
  open: string[];
}

type SortKey = 'ip' | 'service' | 'category' | 'messages' | 'dmarcPass' | 'spfAligned' | 'dkimAligned';

const api = vscodeApi<State, ReportsFromWebview>();
const app = document.getElementById('app')!;
const state: State = api.getState() ?? { sort: { key: 'messages', descending: true }, filter: '', open: [] };
let data: ReportsPanelData | undefined;

const t = (s: string | undefined) => visibleText(s ?? '');
const pct = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1)}%` : '–');
const day = (epoch?: number) => (epoch === undefined ? '–' : new Date(epoch * 1000).toISOString().slice(0, 10));

function save(): void {
  api.setState(state);
}

function fixLines(f: SourceFix): Child {
  if (f.kind === 'dkim') return h('span', null, 'DKIM: ', t(f.advice));
  const lookups = f.lookupsAfter === undefined ? '' : ` — ${f.lookupsAtLeast ? 'at least ' : ''}${f.lookupsAfter} DNS lookups after the change${f.overLimit ? ' (over the limit of 10)' : ''}`;
  return h('span', { class: f.overLimit ? 'over-limit' : '' }, 'SPF: add ', h('code', null, t(f.term)), ` to ${t(f.name)}${lookups}`, f.after && f.after !== f.before ? h('pre', { class: 'record' }, `${t(f.name)} TXT "${t(f.after)}"`) : null);
}

function affected(domain: string, r: Readiness): HTMLElement | null {
  if (!r.affected.length) return null;
  return h(
    'section',
    { class: 'affected' },
    h('h3', null, `Legitimate sources the next step would hit (${r.affectedMessages} messages)`),
    h(
      'ul',
      { class: 'affected-list' },
      r.affected.map((a) =>
        h(
          'li',
          { dataset: { ip: a.source.ip } },
          h('div', { class: 'affected-head' }, h('code', null, t(a.source.ip)), a.source.service ? ` ${t(a.source.service)}` : '', ` — ${a.messages} failing message(s)`),
          h('div', { class: 'muted' }, t(a.source.reason)),
          a.fixes.length
            ? h(
                'ul',
                { class: 'fixes' },
                a.fixes.map((f, i) => {
                  const target: FixTarget = { domain, source: a.source.ip, fix: i };
                  const where = data?.applicable.find((x) => x.domain === domain && x.source === a.source.ip && x.fix === i);
                  return h('li', null, fixLines(f), where ? h('vscode-button', { class: 'apply-fix', dataset: { ip: a.source.ip }, on: { click: () => api.postMessage({ type: 'applyFix', target }) } }, `Apply to ${where.file}`) : null);
                }),
              )
            : h('div', { class: 'muted' }, 'No fix known: if this source is yours, authorise it in SPF or sign its mail with DKIM.'),
        ),
      ),
    ),
  );
}

function chart(d: DomainSummary): HTMLElement {
  const max = Math.max(1, ...d.days.map((x) => x.messages));
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, `Messages per day (UTC), passing and failing DMARC; the busiest day: ${max}`),
    h('div', { class: 'legend' }, h('span', { class: 'legend-item' }, h('span', { class: 'swatch pass' }), 'pass'), h('span', { class: 'legend-item' }, h('span', { class: 'swatch fail' }), 'fail')),
    h(
      'div',
      { class: 'columns' },
      d.days.map((x) => {
        const label = `${x.day}: ${x.messages} messages, ${x.dmarcPass} pass DMARC`;
        const pass = h('div', { class: 'segment pass' });
        pass.style.height = `${(x.dmarcPass / max) * 100}%`;
        const fail = h('div', { class: 'segment fail' });
        fail.style.height = `${((x.messages - x.dmarcPass) / max) * 100}%`;
        return h('div', { class: 'column', title: label, role: 'img', attrs: { 'aria-label': label }, dataset: { day: x.day } }, h('div', { class: 'stack' }, pass, fail), h('span', { class: 'day-label' }, x.day.slice(5)));
      }),
    ),
  );
}

function details(s: SourceSummary): HTMLElement {
  const kv = (o: Record<string, number>) => Object.entries(o).map(([k, n]) => `${k} ${n}`).join(', ') || '–';
  const row = (k: string, v: Child) => h('div', { class: 'kv' }, h('span', { class: 'k' }, k), h('span', { class: 'v' }, v));
  return h(
    'div',
    { class: 'details' },
    row('Why', t(s.reason)),
    row('DKIM', s.dkim.map((x) => `${t(x.domain)}${x.selectors.length ? ` (s=${x.selectors.map(t).join(', ')})` : ''}: ${x.pass} pass, ${x.fail} fail`).join('; ') || 'no signature'),
    row('SPF', s.spf.map((x) => `${t(x.domain)}: ${x.pass} pass, ${x.fail} fail`).join('; ') || '–'),
    row('Header From', s.headerFrom.map(t).join(', ') || '–'),
    row('Envelope From', s.envelopeFrom.map(t).join(', ') || '–'),
    row('Dispositions', kv(s.dispositions)),
    row('Overrides', kv(s.overrides)),
    row('Reported by', s.reporters.map(t).join(', ')),
  );
}

const COLUMNS: { key: SortKey; title: string; value: (s: SourceSummary) => string | number; numeric?: boolean; show?: (s: SourceSummary) => string }[] = [
  { key: 'ip', title: 'Source', value: (s) => s.ip },
  { key: 'service', title: 'Service', value: (s) => s.service ?? '' },
  { key: 'category', title: 'Category', value: (s) => s.category },
  { key: 'messages', title: 'Messages', value: (s) => s.messages, numeric: true },
  { key: 'dmarcPass', title: 'DMARC pass', value: (s) => (s.messages ? s.dmarcPass / s.messages : 0), numeric: true, show: (s) => pct(s.dmarcPass, s.messages) },
  { key: 'spfAligned', title: 'SPF aligned', value: (s) => (s.messages ? s.spfAligned / s.messages : 0), numeric: true, show: (s) => pct(s.spfAligned, s.messages) },
  { key: 'dkimAligned', title: 'DKIM aligned', value: (s) => (s.messages ? s.dkimAligned / s.messages : 0), numeric: true, show: (s) => pct(s.dkimAligned, s.messages) },
];

const MAX_ROWS = 500;

function sourceTable(d: DomainSummary): HTMLElement {
  const col = COLUMNS.find((c) => c.key === state.sort.key) ?? COLUMNS[3]!;
  const f = state.filter.trim().toLowerCase();
  const rows = d.sources
    .filter((s) => !f || [s.ip, s.service ?? '', s.category, ...s.dkim.map((x) => x.domain), ...s.headerFrom].some((x) => x.toLowerCase().includes(f)))
    .sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return state.sort.descending ? -c : c;
    });
  const head = h(
    'tr',
    null,
    COLUMNS.map((c) =>
      h(
        'th',
        { class: c.numeric ? 'num' : '', attrs: { 'aria-sort': c.key === state.sort.key ? (state.sort.descending ? 'descending' : 'ascending') : 'none' } },
        h('button', { class: 'sort', dataset: { key: c.key }, on: { click: () => { state.sort = { key: c.key, descending: c.key === state.sort.key ? !state.sort.descending : Boolean(c.numeric) }; save(); render(); } } }, c.title, c.key === state.sort.key ? (state.sort.descending ? ' ▾' : ' ▴') : ''),
      ),
    ),
  );
  const body: HTMLElement[] = [];
  for (const s of rows.slice(0, MAX_ROWS)) {
    const key = `${d.domain} ${s.ip}`;
    const isOpen = state.open.includes(key);
    body.push(
      h(
        'tr',
        { class: `source cat-${s.category}${isOpen ? ' open' : ''}`, tabIndex: 0, dataset: { ip: s.ip }, attrs: { 'aria-expanded': isOpen ? 'true' : 'false' }, on: { click: () => toggle(key), keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(key); } } } },
        COLUMNS.map((c) => h('td', { class: c.numeric ? 'num' : 'text', attrs: { 'data-label': c.title } }, c.show ? c.show(s) : t(String(c.value(s))))),
      ),
    );
    if (isOpen) body.push(h('tr', { class: 'detail-row' }, h('td', { attrs: { colspan: COLUMNS.length } }, details(s))));
  }
  const more = rows.length > MAX_ROWS ? h('p', { class: 'muted' }, `Showing ${MAX_ROWS} of ${rows.length} sources; filter to find the others, or use mailsec reports --format csv.`) : null;
  return h('div', { class: 'sources' }, h('table', { class: 'source-table', dataset: { domain: d.domain } }, h('thead', null, head), h('tbody', null, body)), more);
}

function toggle(key: string): void {
  state.open = state.open.includes(key) ? state.open.filter((k) => k !== key) : [...state.open, key].slice(-50);
  save();
  render();
}

function domainSection(d: DomainSummary, r: Readiness): HTMLElement {
  const verdict = r.ready ? 'ready' : r.next ? 'not-yet' : 'done';
  const p = d.policy;
  return h(
    'section',
    { class: 'domain', dataset: { domain: d.domain } },
    h('h2', null, t(d.domain)),
    h('p', { class: `verdict verdict-${verdict}` }, h('strong', null, verdict === 'ready' ? 'Ready' : verdict === 'not-yet' ? 'Not yet' : 'Done'), ' — ', t(r.summary)),
    h('p', { class: 'muted' }, `${d.messages} messages, DMARC pass ${pct(d.dmarcPass, d.messages)}; policy p=${p.p ?? '?'}${p.sp ? `, sp=${p.sp}` : ''}${p.np ? `, np=${p.np}` : ''}${p.pct !== undefined && p.pct !== 100 ? `, pct=${p.pct}` : ''}; ${d.reports} report(s) from ${d.reporters.map(t).join(', ')}; ${day(d.first)} to ${day(d.last)}`),
    chart(d),
    affected(d.domain, r),
    h('h3', null, `Sources (${d.sources.length})`),
    sourceTable(d),
  );
}

function tlsSection(view: ReportsView): HTMLElement | null {
  if (!view.tls.length) return null;
  return h(
    'section',
    { class: 'tls' },
    h('h2', null, 'TLS reports (SMTP TLS Reporting)'),
    view.tls.map((d) =>
      h(
        'div',
        { class: 'tls-domain', dataset: { domain: d.domain } },
        h('h3', null, `${t(d.domain)} — ${d.policyTypes.map(t).join(', ')}`),
        h('p', null, `${d.successfulSessions} successful, ${d.failedSessions} failed TLS session(s) in ${d.reports} report(s).`),
        d.byMx.length
          ? h('table', { class: 'tls-table' }, h('thead', null, h('tr', null, h('th', null, 'Receiving MX'), h('th', { class: 'num' }, 'Failed'), h('th', null, 'Failure types'))), h('tbody', null, d.byMx.map((m) => h('tr', null, h('td', { class: 'text', attrs: { 'data-label': 'Receiving MX' } }, t(m.mx)), h('td', { class: 'num', attrs: { 'data-label': 'Failed' } }, m.failedSessions), h('td', { class: 'text', attrs: { 'data-label': 'Failure types' } }, Object.entries(m.failures).map(([k, n]) => `${t(k)} ${n}`).join(', '))))))
          : null,
      ),
    ),
  );
}

function render(): void {
  if (!data) return;
  const view = data.view;
  const filter = h('vscode-textfield', { id: 'filter', attrs: { placeholder: 'Filter sources (address, service, category, DKIM domain)', value: state.filter } });
  filter.addEventListener('input', () => {
    state.filter = (filter as HTMLElement & { value: string }).value;
    save();
    for (const { summary } of view.domains) {
      const old = document.querySelector(`table.source-table[data-domain="${CSS.escape(summary.domain)}"]`)?.parentElement;
      old?.replaceWith(sourceTable(summary));
    }
  });
  replace(
    app,
    h('header', null, h('h1', null, 'DMARC and TLS reports'), h('p', { class: 'muted' }, `${view.files} file(s): ${view.aggregateReports} aggregate report(s), ${view.tlsReports} TLS report(s)${view.duplicates ? `, ${view.duplicates} duplicate(s) counted once` : ''}.`)),
    view.problems.length ? h('details', { class: 'problems' }, h('summary', null, `${view.problems.length} file(s) not read`), h('ul', null, view.problems.map((p) => h('li', null, h('code', null, t(p.name)), ': ', t(p.message))))) : null,
    view.domains.length ? filter : null,
    view.domains.map(({ summary, readiness }) => domainSection(summary, readiness)),
    tlsSection(view),
    view.domains.length + view.tls.length === 0 ? h('p', null, 'No DMARC or TLS report was found.') : null,
  );
  api.postMessage({ type: 'rendered', rendered: readBack() });
}

function readBack(): ReportsRendered {
  const all = <T extends Element>(sel: string) => [...document.querySelectorAll<T>(sel)];
  return {
    domains: all('section.domain').map((e) => (e as HTMLElement).dataset.domain ?? ''),
    verdicts: all('.verdict').map((e) => e.textContent ?? ''),
    affectedSources: all('.affected-list > li').map((e) => (e as HTMLElement).dataset.ip ?? ''),
    sourceRows: all('tr.source').length,
    chartDays: all('.column').length,
    fixButtons: all('.apply-fix').length,
  };
}

onMessage<ReportsToWebview>((m) => {
  if (m.type !== 'view') return;
  data = m.data;
  render();
});
api.postMessage({ type: 'ready' });
