/**
 * Building blocks of the header panel: tables on @vscode-elements, result pills, and rows
 * that reveal their source in the editor when clicked or activated with Enter/Space.
 * Every string passed in becomes a text node (webview/shared/dom.ts).
 */
import type { Span } from '../../src/core/findings';
import type { Tone } from '../../src/core/headers/viewTypes';
import { h, icon, type Child } from '../shared/dom';

export type Reveal = (span: Span) => void;

/** Props that make an element reveal `span` on click or Enter/Space. */
export function revealing(span: Span | null, reveal: Reveal, dataset: Record<string, string> = {}) {
  if (!span) return { dataset };
  const go = () => reveal(span);
  return {
    class: 'clickable',
    tabIndex: 0,
    role: 'button',
    title: 'Show in the editor',
    dataset,
    on: {
      click: go,
      keydown: (e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          go();
        }
      },
    },
  };
}

export function pill(text: string, tone: Tone): HTMLElement {
  return h('span', { class: `pill tone-${tone}` }, text);
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { id, class: 'section' }, h('h2', null, title), ...children);
}

export interface Column {
  title: string;
  /** A minimum width in px ("90px"); "auto" for the column that takes the rest; percentages are hints only. */
  width: string;
}

/**
 * A data table laid out by the browser (a plain <table>, not a component that fixes column
 * widths on first paint, which collapsed columns to one character in a narrow panel and
 * did not recover on resize). Columns keep their minimum widths, long values wrap, and in a
 * narrow panel a container query (webview/shared/theme.css, `table.data`) stacks each row
 * into labelled lines. `rows` are <tr> elements from `row`; each cell gets its column title
 * as its label.
 */
export function table(className: string, columns: Column[], rows: HTMLElement[]): HTMLElement {
  const head = columns.map((c) => {
    const th = h('th', { attrs: { scope: 'col' }, class: c.width === 'auto' ? 'wide' : '' }, c.title);
    const px = /^(\d+)px$/.exec(c.width);
    if (px) th.style.minWidth = `${Number(px[1])}px`;
    return th;
  });
  for (const r of rows) {
    [...r.children].forEach((td, i) => {
      (td as HTMLElement).dataset.label = columns[i]?.title ?? '';
      if (columns[i]?.width === 'auto') td.classList.add('wide');
    });
  }
  return h('div', { class: 'table-box grid' }, h('table', { class: `data ${className}` }, h('thead', null, h('tr', null, head)), h('tbody', null, rows)));
}

export function row(props: ReturnType<typeof revealing>, cells: Child[], extraClass = ''): HTMLElement {
  const cls = ['row', 'class' in props ? props.class : '', extraClass].filter(Boolean).join(' ');
  return h('tr', { ...props, class: cls }, cells.map((c) => h('td', { class: 'cell' }, h('span', { class: 'v' }, c))));
}

export function mono(text: string, extra = ''): HTMLElement {
  return h('span', { class: `mono wrap ${extra}`.trim() }, text);
}

export function severityIcon(severity: 'error' | 'warning' | 'info'): HTMLElement {
  const name = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'info';
  return h('span', { class: `sev-${severity} sev-icon` }, icon(name, severity));
}
