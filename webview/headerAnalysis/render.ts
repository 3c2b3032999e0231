/** Draws the whole panel from its state and describes what it drew (RenderedReport). */
import type { HeaderPanelState, RenderedReport } from '../../src/shared/headerPanelMessages';
import { h, replace } from '../shared/dom';
import { routeSection } from './route';
import { authSection, notesSection, rulesSection, summarySection, verdictBanner } from './sections';
import { antispamSection, headersSection, type HeadersTable } from './tables';
import type { Reveal } from './ui';

export interface PanelActions {
  reveal: Reveal;
  copyMarkdown(): void;
  exportJson(): void;
  filterChanged(text: string): void;
}

export interface Drawn {
  headers: HeadersTable;
}

export function drawPanel(app: HTMLElement, state: HeaderPanelState, actions: PanelActions): Drawn {
  const { view, source } = state;
  const headers = headersSection(view, actions.reveal, state.filter, actions.filterChanged);
  replace(
    app,
    h(
      'header',
      { class: 'top' },
      h('div', { class: 'title' }, h('h1', null, 'Email header analysis'), h('div', { class: 'muted source wrap' }, source.label)),
      h(
        'div',
        { class: 'actions' },
        h('vscode-button', { id: 'copyMarkdown', attrs: { secondary: true, icon: 'copy' }, on: { click: actions.copyMarkdown } }, 'Copy as Markdown'),
        h('vscode-button', { id: 'exportJson', attrs: { secondary: true, icon: 'json' }, on: { click: actions.exportJson } }, 'Export JSON'),
      ),
    ),
    h('div', { id: 'notice', class: 'notice', role: 'status', attrs: { 'aria-live': 'polite' } }),
    verdictBanner(view, state.organization, actions.reveal),
    summarySection(view, actions.reveal),
    authSection(view, actions.reveal),
    routeSection(view, actions.reveal),
    antispamSection(view, actions.reveal),
    rulesSection(view, actions.reveal),
    notesSection(view, actions.reveal),
    headers.element,
  );
  return { headers };
}

export function describePanel(app: HTMLElement, state: HeaderPanelState, restored: boolean): RenderedReport {
  const count = (selector: string) => app.querySelectorAll(selector).length;
  const banner = app.querySelector('#verdict');
  const rect = banner?.getBoundingClientRect();
  return {
    analysisId: state.analysisId,
    verdict: state.view.verdict,
    banner: banner?.querySelector('.verdict-head')?.textContent ?? '',
    sections: [...app.querySelectorAll('section > h2')].map((e) => e.textContent ?? ''),
    counts: {
      reasons: count('#verdict .reasons > li'),
      summaryRows: count('#summary tbody tr'),
      authRows: count('.auth-table tbody tr'),
      authHeaders: count('.auth-headers-table tbody tr'),
      hops: count('.route-table tr.hop'),
      antispamItems: count('.antispam-table tbody tr'),
      rules: count('#rules .rule'),
      rulesFiring: count('#rules .rule.fires'),
      notes: count('#notes li'),
      headers: count('.headers-table tbody tr'),
      headersShown: count('.headers-table tbody tr:not(.filtered-out)'),
    },
    filter: state.filter,
    bannerInView: !!rect && rect.height > 0 && rect.top >= 0 && rect.top < window.innerHeight,
    restored,
  };
}
