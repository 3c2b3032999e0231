/**
 * The header-analysis panel. It receives the analysis as a view (src/core/headers/view.ts),
 * draws it with text nodes only, keeps it in the webview state (so it comes back when the
 * panel is hidden and shown, or after a reload), and tells the extension what to reveal,
 * copy or export. Messages: src/shared/headerPanelMessages.ts.
 */
import '../shared/elements';
import '../shared/theme.css';
import './panel.css';
import type { ClickTarget, FromHeaderPanel, HeaderPanelState, ToHeaderPanel } from '../../src/shared/headerPanelMessages';
import { h, replace } from '../shared/dom';
import { onMessage, vscodeApi } from '../shared/vscodeApi';
import { describePanel, drawPanel, type Drawn } from './render';

const api = vscodeApi<HeaderPanelState, FromHeaderPanel>();
const app = document.getElementById('app')!;
let state: HeaderPanelState | undefined = api.getState();
let drawn: Drawn | undefined;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

function report(restored: boolean): void {
  if (state) api.postMessage({ type: 'rendered', report: describePanel(app, state, restored) });
}

function draw(restored: boolean): void {
  if (!state) {
    replace(app, h('p', { class: 'muted' }, 'Waiting for the analysis…'));
    return;
  }
  const current = state;
  drawn = drawPanel(app, current, {
    reveal: (span) => api.postMessage({ type: 'reveal', analysisId: current.analysisId, span }),
    copyMarkdown: () => api.postMessage({ type: 'copyMarkdown', analysisId: current.analysisId }),
    exportJson: () => api.postMessage({ type: 'exportJson', analysisId: current.analysisId }),
    filterChanged: (text) => {
      current.filter = text;
      api.setState(current);
      report(false);
    },
  });
  api.setState(current);
  // Report after layout and once the codicon font has loaded, so the report (and a
  // screenshot taken on it) describes what the user sees.
  requestAnimationFrame(() => {
    void document.fonts.ready.then(() => requestAnimationFrame(() => report(restored)));
  });
}

function notice(text: string, tone: 'info' | 'warning'): void {
  const el = document.getElementById('notice');
  if (!el) return;
  replace(el, h('span', { class: tone === 'warning' ? 'sev-warning' : 'muted' }, text));
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => replace(el), 6000);
}

function selectorFor(t: ClickTarget): string {
  switch (t.kind) {
    case 'header':
      return `[data-header-index="${Number(t.index)}"]`;
    case 'reason':
      return `[data-reason="${Number(t.index)}"]`;
    case 'hop':
      return `[data-hop="${Number(t.n)}"]`;
    case 'summary':
      return `[data-summary="${state ? state.view.summary.findIndex((r) => r.label === t.label) : -1}"]`;
    case 'button':
      return `#${t.id === 'copyMarkdown' ? 'copyMarkdown' : 'exportJson'}`;
  }
}

onMessage<ToHeaderPanel>((m) => {
  switch (m.type) {
    case 'show':
      state = { ...m.state, filter: state?.filter ?? '' };
      draw(false);
      break;
    case 'notice':
      notice(m.text, m.tone);
      break;
    case 'filter':
      if (state && drawn) {
        state.filter = m.text;
        const field = app.querySelector('vscode-textfield.filter') as (HTMLElement & { value: string }) | null;
        if (field) field.value = m.text;
        drawn.headers.filter(m.text);
        api.setState(state);
        report(false);
      }
      break;
    case 'click': {
      const el = app.querySelector<HTMLElement>(selectorFor(m.target));
      el?.scrollIntoView({ block: 'center' });
      el?.click();
      break;
    }
  }
});

if (state) draw(true);
else draw(false);
api.postMessage({ type: 'ready', analysisId: state?.analysisId ?? null });
