/**
 * The live-check results panel: a check running (with Cancel), its result (verdict, the
 * parsed record, each problem with its fix, the chain of DNS answers with TTLs and the
 * servers that answered, Copy as Markdown), or why there is none. After each view it
 * posts back what it rendered, read from its own DOM.
 */
import '../shared/elements';
import '../shared/theme.css';
import './live.css';
import { anyAnswer, checkTitle, resolverWords, sharedFailure, VERDICT_WORDS } from '../../src/core/checks/explain';
import type { ResolverInfo } from '../../src/core/checks/markdown';
import type { CheckResult } from '../../src/core/checks/types';
import type { VerifyResult } from '../../src/core/checks/verifyMessage';
import type { FromLivePanel, LiveView, RenderedReport, ToLivePanel } from '../../src/shared/liveChecks';
import { h, replace, type Child } from '../shared/dom';
import { onMessage, vscodeApi } from '../shared/vscodeApi';
import { verifyAuthView } from '../../src/core/checks/verifyView';
import { authContent } from '../headerAnalysis/authTables';
import { details } from './details';
import { answersTable, findingsList, recordBlock, section, t, verdictBanner } from './parts';

const api = vscodeApi<{ seq: number; view: LiveView }, FromLivePanel>();
const app = document.getElementById('app')!;

function resolverLine(r: ResolverInfo | undefined, prefix: string): Child {
  if (!r) return null;
  return h('p', { class: 'muted', dataset: { role: 'status' } }, `${prefix} ${r.servers.join(', ') || 'no server'} (from ${r.origin}).`);
}

/** "Answered by …" only when a server answered (a check no server answered says so). */
function answeredLine(r: ResolverInfo, dns: CheckResult['dns'], verdict: string): Child {
  return h('p', { class: 'muted', dataset: { role: 'status' } }, t(resolverWords(r, anyAnswer(dns) || verdict !== 'error')));
}

function toolbar(): HTMLElement {
  return h('div', { class: 'toolbar' },
    h('vscode-button', { attrs: { secondary: true, icon: 'copy' }, dataset: { role: 'copy' }, on: { click: () => api.postMessage({ type: 'copyMarkdown' }) } }, 'Copy as Markdown'),
    h('vscode-button', { attrs: { secondary: true, icon: 'pin' }, title: 'Keep this result open: the next check opens in a new panel beside it', dataset: { role: 'keep' }, on: { click: () => api.postMessage({ type: 'keep' }) } }, 'Keep Open'));
}

function checkBody(r: CheckResult, level: 'h2' | 'h3', shared = false): Child[] {
  const d = details(r);
  return [
    d.length ? section('Record', level, d) : null,
    shared ? h('p', { class: 'muted' }, 'No DNS server answered: see the explanation above.') : section('Problems and fixes', level, findingsList(r.findings)),
    r.dns.length ? section('DNS answers', level, answersTable(r.dns)) : null,
  ];
}

/** A verification in the header panel's layout and words (verifyView.ts, headerAnalysis/authTables.ts). */
function verifyBody(r: VerifyResult): Child[] {
  if (r.input === 'not-a-message') return [section('Problems and fixes', 'h2', findingsList(r.findings))];
  return [
    h('p', null, 'From: ', h('code', null, t(r.from.join(', ') || 'none'))),
    section('Authentication', 'h2', h('div', { class: 'auth' }, authContent(verifyAuthView(r)))),
    section('Problems and fixes', 'h2', findingsList(r.findings)),
    r.dns.length ? section('DNS answers', 'h2', answersTable(r.dns)) : null,
    r.authenticationResults ? section('Authentication-Results', 'h2', recordBlock(r.authenticationResults)) : null,
  ];
}

function render(view: LiveView): void {
  if (view.state === 'idle') {
    replace(app, h('h1', { dataset: { role: 'heading' } }, 'Live DNS checks'), h('p', { class: 'muted' }, 'Run Check DKIM, Check SPF, Check DMARC, Check MX, Check the Mail Domain or Verify Message Authentication from the command palette.'));
    return;
  }
  const heading = h('h1', { class: 'wrap', dataset: { role: 'heading' } }, t(view.title));
  switch (view.state) {
    case 'running':
      replace(app, heading,
        h('div', { class: 'running' }, h('vscode-progress-ring', null), h('span', null, 'Asking the DNS…'), h('vscode-button', { attrs: { secondary: true }, dataset: { role: 'cancel' }, on: { click: () => api.postMessage({ type: 'cancel' }) } }, 'Cancel')),
        resolverLine(view.resolver, 'Asking'));
      return;
    case 'cancelled':
      replace(app, heading, h('div', { class: 'banner' }, h('span', { dataset: { role: 'status' } }, 'Cancelled. The DNS queries were stopped; there is no result to show.')));
      return;
    case 'failed':
      replace(app, heading, h('div', { class: 'banner error' }, h('span', { class: 'wrap', dataset: { role: 'status' } }, t(view.message))), resolverLine(view.resolver, 'Asked'));
      return;
    case 'done': {
      const r = view.result;
      if (r.kind === 'verify') {
        replace(app, heading, verdictBanner(r.result.verdict, r.result.summary), toolbar(), answeredLine(view.resolver, r.result.dns, r.result.verdict), verifyBody(r.result));
      } else if (r.kind === 'domain') {
        const d = r.result;
        const shared = sharedFailure(d.results);
        replace(app, heading, verdictBanner(d.verdict, d.summary), toolbar(), answeredLine(view.resolver, d.results.flatMap((c) => c.dns), d.verdict),
          shared ? section('Could not check', 'h2', findingsList([shared.finding])) : null,
          d.results.map((c) => {
            const stopped = shared?.checks.includes(c.check) ?? false;
            return h('vscode-collapsible', { class: 'check', attrs: { heading: `${checkTitle(c.check)} — ${VERDICT_WORDS[c.verdict]}`, open: c.verdict !== 'pass' && !stopped } },
              h('div', { class: 'check-body' }, verdictBanner(c.verdict, c.summary), checkBody(c, 'h3', stopped)));
          }));
      } else {
        replace(app, heading, verdictBanner(r.result.verdict, r.result.summary), toolbar(), answeredLine(view.resolver, r.result.dns, r.result.verdict), checkBody(r.result, 'h2'));
      }
    }
  }
}

const texts = (selector: string): string[] => [...app.querySelectorAll(selector)].map((e) => (e.textContent ?? '').trim());

/** What is on screen, read back from the DOM. */
function report(view: LiveView): RenderedReport {
  const rows = [...app.querySelectorAll('[data-role="answer"]')].map((row) => [...row.children].map((c) => (c.textContent ?? '').trim()).join(' | '));
  return {
    state: view.state,
    heading: texts('[data-role="heading"]')[0] ?? '',
    verdict: texts('[data-role="verdict"]')[0],
    summary: texts('[data-role="summary"]')[0],
    answers: rows,
    findings: texts('[data-role="finding-code"]'),
    fixes: texts('[data-role="fix"]'),
    sections: texts('[data-role="section"]'),
    status: texts('[data-role="status"]')[0],
  };
}

function show(seq: number, view: LiveView): void {
  render(view);
  api.setState({ seq, view });
  api.postMessage({ type: 'rendered', seq, report: report(view) });
}

onMessage<ToLivePanel>((m) => {
  if (m.type === 'show') show(m.seq, m.view);
});

const saved = api.getState();
if (saved) show(saved.seq, saved.view);
else render({ state: 'idle' });
api.postMessage({ type: 'ready' });
