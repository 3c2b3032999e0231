/** Anti-spam fields with their meanings, and every header field in a filterable table. */
import type { AntispamItemRow, HeaderView } from '../../src/core/headers/viewTypes';
import { h } from '../shared/dom';
import { mono, revealing, row, section, table, type Reveal } from './ui';

export function antispamSection(view: HeaderView, reveal: Reveal): HTMLElement {
  if (!view.antispam.length) {
    return section('antispam', 'Anti-spam fields', h('p', { class: 'muted' }, 'No Microsoft 365 / Exchange anti-spam fields (X-Forefront-Antispam-Report, X-Microsoft-Antispam, X-MS-Exchange-Organization-SCL …).'));
  }
  const meaning = (i: AntispamItemRow) => h('span', { class: 'wrap' }, i.meaning, i.documented ? '' : h('span', { class: 'muted' }, ' (not documented by Microsoft)'));
  // Fields holding one value (X-MS-Exchange-Organization-SCL: 1) share one table; fields
  // made of KEY:VALUE pairs get a table each.
  const single = view.antispam.filter((g) => g.items.length === 1 && g.items[0]!.key === g.header);
  const multi = view.antispam.filter((g) => !single.includes(g));
  return section(
    'antispam',
    'Anti-spam fields',
    multi.map((g) => [
      h('h3', revealing(g.span, reveal), g.header),
      table(
        'antispam-table',
        [{ title: 'Key', width: '90px' }, { title: 'Name', width: '22%' }, { title: 'Value', width: '22%' }, { title: 'Meaning', width: 'auto' }],
        g.items.map((i) => row(revealing(i.span, reveal), [mono(i.key), i.label, mono(i.value), meaning(i)], i.documented ? '' : 'undocumented')),
      ),
    ]),
    single.length
      ? [
          h('h3', null, 'Single-value fields'),
          table(
            'antispam-table',
            [{ title: 'Field', width: '34%' }, { title: 'Value', width: '18%' }, { title: 'Meaning', width: 'auto' }],
            single.map((g) => g.items[0]!).map((i) => row(revealing(i.span, reveal), [mono(i.key), mono(i.value), meaning(i)], i.documented ? '' : 'undocumented')),
          ),
        ]
      : null,
  );
}

export interface HeadersTable {
  element: HTMLElement;
  /** Shows only rows whose name or value contains `text` (case-insensitive); returns how many are shown. */
  filter(text: string): number;
}

export function headersSection(view: HeaderView, reveal: Reveal, initialFilter: string, onFilter: (text: string) => void): HeadersTable {
  const rows = view.headers.map((x) => ({
    haystack: `${x.name}: ${x.value} ${x.encoded ?? ''}`.toLowerCase(),
    element: row(revealing(x.span, reveal, { headerIndex: String(x.index) }), [String(x.index + 1), mono(x.name, 'header-name'), h('span', null, mono(x.value), x.encoded ? h('div', { class: 'encoded muted' }, 'as written: ', mono(x.encoded)) : null)]),
  }));
  const count = h('span', { class: 'muted filter-count' });
  const apply = (text: string): number => {
    const needle = text.trim().toLowerCase();
    let shown = 0;
    for (const r of rows) {
      const show = !needle || r.haystack.includes(needle);
      r.element.classList.toggle('filtered-out', !show);
      if (show) shown++;
    }
    count.textContent = needle ? `${shown} of ${rows.length} fields` : `${rows.length} fields`;
    return shown;
  };
  const field = h('vscode-textfield', { class: 'filter', attrs: { placeholder: 'Filter by name or value', 'aria-label': 'Filter header fields', value: initialFilter } });
  field.addEventListener('input', () => {
    const text = (field as HTMLElement & { value: string }).value;
    apply(text);
    onFilter(text);
  });
  const element = section(
    'headers',
    'All header fields',
    h('div', { class: 'toolbar' }, field, count),
    table('headers-table', [{ title: '#', width: '44px' }, { title: 'Name', width: '22%' }, { title: 'Value (decoded)', width: 'auto' }], rows.map((r) => r.element)),
  );
  apply(initialFilter);
  return { element, filter: apply };
}
