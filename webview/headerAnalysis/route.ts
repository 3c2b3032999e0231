/**
 * The route, oldest hop first: time, delay with a bar (negative delays — clock skew —
 * drawn in the error colour, not hidden), from → by, protocol, and where the trust
 * boundary is: the first hop your organisation stamped; hops below it could be forged.
 *
 * A plain <table> laid out by the browser (not a component that fixes column widths on
 * first paint): host names break after dots, every column keeps a minimum width, and
 * when the section is narrower than the table needs (a side panel, a phone-sized
 * webview) a container query stacks each hop into a card of labelled lines. The layout
 * is CSS only, so resizing the panel lays it out again.
 */
import type { HeaderView, HopRow } from '../../src/core/headers/viewTypes';
import { bar, h, type Child } from '../shared/dom';
import { pill, revealing, section, type Reveal } from './ui';

/** The bar's accessible label, from the number (no text of the message goes into an attribute). */
function delayLabel(seconds: number | null): string {
  if (seconds === null) return 'delay unknown';
  return seconds < 0 ? `${-seconds} seconds before the previous hop: clock skew` : `${seconds} seconds after the previous hop`;
}

function trustPill(hop: HopRow): HTMLElement {
  if (hop.boundary) return pill('trust boundary', 'pass');
  if (hop.trust === 'org') return pill('your organisation', 'neutral');
  if (hop.trust === 'outside') return pill('could be forged', 'warn');
  return pill('unknown', 'neutral');
}

/**
 * A host name that may break after each dot and hyphen (and, for a label longer than the
 * cell, anywhere inside it): `<wbr>` elements, no markup from the message.
 */
export function host(name: string): HTMLElement {
  const parts: Child[] = [];
  for (const piece of name.split(/(?<=[.-])/)) {
    if (parts.length) parts.push(h('wbr'));
    parts.push(piece);
  }
  return h('span', { class: 'mono host' }, parts);
}

const COLUMNS = ['#', 'Received (UTC)', 'Delay', 'From → By', 'With / id', 'Trust'] as const;

function cell(label: (typeof COLUMNS)[number], className: string, ...children: Child[]): HTMLElement {
  return h('td', { class: className, dataset: { label } }, ...children);
}

function hopRow(hop: HopRow, reveal: Reveal): HTMLElement {
  const props = revealing(hop.span, reveal, { hop: String(hop.n) });
  const clickable = 'class' in props ? props.class : '';
  return h('tr', { ...props, class: ['hop', `trust-${hop.trust}`, hop.boundary ? 'boundary' : '', clickable].filter(Boolean).join(' ') },
    cell('#', 'c-n', String(hop.n)),
    cell('Received (UTC)', 'c-time', h('span', { class: 'mono' }, hop.time)),
    cell('Delay', 'c-delay', h('span', { class: `delay${hop.negative ? ' negative' : ''}` }, bar(hop.bar / 100, hop.negative, delayLabel(hop.delaySeconds)), h('span', { class: 'delay-text mono' }, hop.delay))),
    cell('From → By', 'c-hosts', h('div', { class: 'from' }, host(hop.from)), h('div', { class: 'by' }, h('span', { class: 'muted arrow' }, '→ '), host(hop.by))),
    cell('With / id', 'c-with', h('span', { class: 'mono wrap' }, hop.with), hop.id ? h('div', { class: 'muted hop-id' }, 'id ', h('span', { class: 'mono wrap' }, hop.id)) : null),
    cell('Trust', 'c-trust', trustPill(hop)),
  );
}

function boundaryRow(): HTMLElement {
  return h('tr', { class: 'boundary-row' }, h('td', { attrs: { colspan: COLUMNS.length } }, h('span', { class: 'boundary-label wrap' }, '▲ stamped by your servers · ▼ written before them, could be forged')));
}

export function routeSection(view: HeaderView, reveal: Reveal): HTMLElement {
  const r = view.route;
  const rows: HTMLElement[] = [];
  for (const hop of r.hops) {
    if (hop.boundary && hop.n > 1) rows.push(boundaryRow());
    rows.push(hopRow(hop, reveal));
  }
  return section(
    'route',
    'Route (oldest hop first)',
    r.hops.length
      ? h('div', { class: 'route-box' }, h('table', { class: 'route-table' }, h('thead', null, h('tr', null, COLUMNS.map((c) => h('th', { attrs: { scope: 'col' } }, c)))), h('tbody', null, rows)))
      : h('p', { class: 'muted' }, 'No Received fields: the route is unknown.'),
    h('p', { class: 'wrap boundary-text' }, r.boundary),
    r.total ? h('p', { class: 'muted' }, `Transit: ${r.total}.`) : null,
    r.localStamps.map((l) => h('p', revealing(l.span, reveal), h('span', { class: 'muted' }, 'Not a hop: '), h('span', { class: 'mono wrap' }, l.text))),
  );
}
