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
  width: string;
}

/**
 * A @vscode-elements table. `rows` are <vscode-table-row> elements (see `row`). The table is
 * given a fixed height from its row count, so it never scrolls inside the page.
 */
export function table(className: string, columns: Column[], rows: HTMLElement[]): HTMLElement {
  return h(
    'vscode-table',
    { class: `grid ${className}`, attrs: { zebra: true, 'bordered-rows': true, columns: JSON.stringify(columns.map((c) => c.width)) } },
    h('vscode-table-header', { attrs: { slot: 'header' } }, columns.map((c) => h('vscode-table-header-cell', null, c.title))),
    h('vscode-table-body', { attrs: { slot: 'body' } }, rows),
  );
}

export function row(props: ReturnType<typeof revealing>, cells: Child[], extraClass = ''): HTMLElement {
  const cls = ['row', 'class' in props ? props.class : '', extraClass].filter(Boolean).join(' ');
  return h('vscode-table-row', { ...props, class: cls }, cells.map((c) => h('vscode-table-cell', null, c)));
}

export function mono(text: string, extra = ''): HTMLElement {
  return h('span', { class: `mono wrap ${extra}`.trim() }, text);
}

export function severityIcon(severity: 'error' | 'warning' | 'info'): HTMLElement {
  const name = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'info';
  return h('span', { class: `sev-${severity} sev-icon` }, icon(name, severity));
}
