/**
 * The route, oldest hop first: time, delay with a bar (negative delays — clock skew —
 * drawn in the error colour, not hidden), from → by, protocol, and where the trust
 * boundary is: the first hop your organisation stamped; hops below it could be forged.
 */
import type { HeaderView, HopRow } from '../../src/core/headers/viewTypes';
import { bar, h } from '../shared/dom';
import { mono, pill, revealing, row, section, table, type Reveal } from './ui';

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

function boundaryRow(): HTMLElement {
  return row({ dataset: {} }, ['', '', '', h('span', { class: 'boundary-label wrap' }, '▲ stamped by your servers · ▼ written before them, could be forged'), '', ''], 'boundary-row');
}

export function routeSection(view: HeaderView, reveal: Reveal): HTMLElement {
  const r = view.route;
  const rows: HTMLElement[] = [];
  for (const hop of r.hops) {
    if (hop.boundary && hop.n > 1) rows.push(boundaryRow());
    rows.push(
      row(revealing(hop.span, reveal, { hop: String(hop.n) }), [
        String(hop.n),
        h('span', { class: 'mono' }, hop.time),
        h('span', { class: `delay${hop.negative ? ' negative' : ''}` }, bar(hop.bar / 100, hop.negative, delayLabel(hop.delaySeconds)), h('span', { class: 'delay-text mono' }, hop.delay)),
        h('span', { class: 'wrap' }, mono(hop.from), h('span', { class: 'muted' }, ' → '), mono(hop.by)),
        h('span', null, mono(hop.with), hop.id ? h('div', { class: 'muted hop-id' }, 'id ', mono(hop.id)) : null),
        trustPill(hop),
      ], `hop trust-${hop.trust}${hop.boundary ? ' boundary' : ''}`),
    );
  }
  return section(
    'route',
    'Route (oldest hop first)',
    r.hops.length
      ? table('route-table', [{ title: '#', width: '36px' }, { title: 'Received (UTC)', width: '200px' }, { title: 'Delay', width: '170px' }, { title: 'From → By', width: 'auto' }, { title: 'With / id', width: '16%' }, { title: 'Trust', width: '16%' }], rows)
      : h('p', { class: 'muted' }, 'No Received fields: the route is unknown.'),
    h('p', { class: 'wrap boundary-text' }, r.boundary),
    r.total ? h('p', { class: 'muted' }, `Transit: ${r.total}.`) : null,
    r.localStamps.map((l) => h('p', revealing(l.span, reveal), h('span', { class: 'muted' }, 'Not a hop: '), mono(l.text))),
  );
}
