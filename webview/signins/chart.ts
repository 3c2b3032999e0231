/**
 * "Attempts per day by client app": stacked columns built from plain elements (heights as
 * CSSOM properties, which the CSP allows), coloured from VS Code's chart theme colours,
 * with a legend and a label on every column for screen readers and hovers.
 */
import { h } from '../shared/dom';
import type { DailyChart } from '../../src/core/signins/chart';

export function chartView(chart: DailyChart): HTMLElement {
  if (chart.days.length === 0) return h('p', { class: 'muted' }, 'The log has no readable times, so there is no chart.');
  const legend = h(
    'div',
    { class: 'legend', role: 'list' },
    chart.series.map((s, k) => h('span', { class: 'legend-item', role: 'listitem' }, h('span', { class: `swatch series-${k}` }), `${s.name}${s.category === 'legacy' ? ' (legacy)' : ''}: ${s.total}`)),
  );
  const columns = chart.days.map((d) => {
    const label = `${d.day}: ${d.total} attempt${d.total === 1 ? '' : 's'}${d.failures ? `, ${d.failures} failed` : ''}${d.counts.some(Boolean) ? ' — ' + chart.series.map((s, k) => (d.counts[k] ? `${s.name} ${d.counts[k]}` : '')).filter(Boolean).join(', ') : ''}`;
    const stack = h('div', { class: 'stack' });
    d.counts.forEach((n, k) => {
      if (!n) return;
      const seg = h('div', { class: `segment series-${k}` });
      seg.style.height = `${(n / Math.max(1, chart.max)) * 100}%`;
      stack.appendChild(seg);
    });
    return h('div', { class: 'column', title: label, role: 'img', attrs: { 'aria-label': label }, dataset: { day: d.day } }, stack, h('span', { class: 'day-label' }, d.day.slice(5)));
  });
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, `Attempts per day by client app (UTC; the tallest day: ${chart.max})`),
    legend,
    h('div', { class: 'columns', id: 'chart-columns' }, columns),
  );
}
