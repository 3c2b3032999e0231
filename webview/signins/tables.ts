/** Table helpers for the sign-in report: every cell is text (log values are attacker-influenced). */
import { h, visibleText, type Child } from '../shared/dom';

export interface Column<T> {
  title: string;
  cell: (row: T) => Child;
  numeric?: boolean;
}

export function table<T>(id: string, rows: readonly T[], columns: Column<T>[], empty: string): HTMLElement {
  if (!rows.length) return h('p', { class: 'muted', id }, empty);
  return h(
    'vscode-table',
    { id, attrs: { zebra: true, 'bordered-rows': true, resizable: true } },
    h('vscode-table-header', { attrs: { slot: 'header' } }, columns.map((c) => h('vscode-table-header-cell', null, c.title))),
    h(
      'vscode-table-body',
      { attrs: { slot: 'body' } },
      rows.map((r) => h('vscode-table-row', null, columns.map((c) => h('vscode-table-cell', { class: c.numeric ? 'num' : 'text' }, c.cell(r))))),
    ),
  );
}

/** A log value as shown: controls and bidi overrides made visible, an empty user agent named. */
export function logText(value: string | undefined, empty = '(empty)'): string {
  return value ? visibleText(value) : empty;
}

export const joined = (xs: readonly ({ value: string } | string)[]): string => xs.map((x) => logText(typeof x === 'string' ? x : x.value)).join(', ');

export function day(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC') : '–';
}
