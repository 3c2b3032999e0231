/** Verdict banner, summary, authentication, transport rules and notes of the header panel. */
import type { HeaderView, ViewFinding } from '../../src/core/headers/viewTypes';
import type { OrganizationNote } from '../../src/shared/headerPanelMessages';
import { h, icon } from '../shared/dom';
import { authContent } from './authTables';
import { mono, pill, revealing, row, section, severityIcon, table, type Reveal } from './ui';

const VERDICT = {
  pass: { title: 'Pass', icon: 'pass', text: 'Nothing suspicious: the sender was validated and no problems were found.' },
  warn: { title: 'Warning', icon: 'warning', text: 'Something deserves a look before you trust this message.' },
  fail: { title: 'Fail', icon: 'error', text: 'Do not trust this message as it stands.' },
} as const;

function findingItem(f: ViewFinding, i: number, reveal: Reveal, kind: 'reason' | 'note'): HTMLElement {
  return h('li', { ...revealing(f.span, reveal, { [kind]: String(i) }), class: `finding clickable sev-row-${f.severity}` }, severityIcon(f.severity), h('span', { class: 'finding-text' }, h('span', { class: 'code mono' }, f.code), ' ', h('span', { class: 'message wrap' }, f.message)));
}

export function verdictBanner(view: HeaderView, org: OrganizationNote, reveal: Reveal): HTMLElement {
  const v = VERDICT[view.verdict];
  const orgLine = org.problem
    ? h('p', { class: 'org sev-warning' }, org.problem)
    : h(
        'p',
        { class: 'org muted' },
        org.domains.length ? `Your organisation: ${org.domains.join(', ')}` : 'No organisation domains are set (mailsec.organization.domains or .mailsecrc.json): every sender counts as external.',
        org.displayNames ? ` · ${org.displayNames} protected display name(s)` : '',
        org.authservIds.length ? ` · authserv-id ${org.authservIds.join(', ')}` : '',
        org.configFile ? ` · from ${org.configFile}` : '',
      );
  return h(
    'div',
    { id: 'verdict', class: `banner verdict ${view.verdict}`, role: 'status' },
    h('div', { class: 'verdict-head' }, h('span', { class: `verdict-icon sev-${view.verdict === 'pass' ? 'pass' : view.verdict === 'warn' ? 'warning' : 'error'}` }, icon(v.icon, v.title)), h('strong', { class: 'verdict-title' }, v.title), h('span', { class: 'verdict-headline' }, ` — ${view.headline}`)),
    h('p', { class: 'verdict-text' }, v.text),
    view.reasons.length ? h('ol', { class: 'findings reasons' }, view.reasons.map((f, i) => findingItem(f, i, reveal, 'reason'))) : null,
    orgLine,
  );
}

export function summarySection(view: HeaderView, reveal: Reveal): HTMLElement {
  return section(
    'summary',
    'Summary',
    table(
      'summary-table',
      [{ title: 'Field', width: '120px' }, { title: 'Value', width: 'auto' }, { title: 'Note', width: '30%' }],
      view.summary.map((r, i) => row(revealing(r.span, reveal, { summary: String(i) }), [h('span', { class: 'label' }, r.label), r.present ? mono(r.value) : h('span', { class: 'muted' }, r.value), r.note ? h('span', { class: 'muted wrap' }, r.note) : ''])),
    ),
  );
}

export function authSection(view: HeaderView, reveal: Reveal): HTMLElement {
  return section('authentication', 'Authentication', authContent(view.auth, reveal));
}

export function rulesSection(view: HeaderView, reveal: Reveal): HTMLElement {
  return section(
    'rules',
    'Transport rules (Exchange Online)',
    h('p', { class: 'muted' }, 'What the two mail-flow rules mailsec generates for your organisation would do with this message.'),
    view.rules.map((r) =>
      h(
        'div',
        { class: `rule ${r.fires ? 'fires' : 'quiet'}` },
        h('div', { class: 'rule-head' }, pill(r.fires ? 'fires' : 'quiet', r.fires ? 'warn' : 'neutral'), ' ', h('strong', null, r.name)),
        h('p', { class: 'wrap' }, r.explanation),
        r.disclaimer ? h('div', { class: 'disclaimer' }, h('div', { class: 'muted' }, `${r.actionLabel ?? 'Would prepend'}:`), h('div', { class: 'wrap' }, r.disclaimer)) : null,
        r.matches.length
          ? h(
              'ul',
              { class: 'matches' },
              r.matches.map((m) => h('li', revealing(m.span, reveal), h('span', null, `${m.header}: `), mono(m.matched), h('span', { class: 'muted' }, ` (${m.pattern})`))),
            )
          : null,
      ),
    ),
  );
}

export function notesSection(view: HeaderView, reveal: Reveal): HTMLElement | null {
  if (!view.notes.length) return null;
  return section('notes', 'Notes', h('ol', { class: 'findings notes' }, view.notes.map((f, i) => findingItem(f, i, reveal, 'note'))));
}
