/**
 * The legacy-authentication sign-in report. Everything from the log (users, addresses,
 * user agents, client apps, countries) is put on the page as text nodes by the shared DOM
 * builder; the page posts back what it rendered, the users chosen for the authentication
 * policy script, and export requests.
 */
import '../shared/elements';
import '../shared/theme.css';
import './signins.css';
import { h, replace, type Child } from '../shared/dom';
import { onMessage, vscodeApi } from '../shared/vscodeApi';
import { dailyChart } from '../../src/core/signins/chart';
import type { SigninReport } from '../../src/core/signins/report';
import type { SigninsFromWebview, SigninsRendered, SigninsToWebview } from '../../src/shared/signinsPanel';
import { chartView } from './chart';
import { day, joined, logText, table } from './tables';

interface State {
  selected: string[];
}

const api = vscodeApi<State, SigninsFromWebview>();
const app = document.getElementById('app')!;
let selected = new Set<string>(api.getState()?.selected ?? []);

const SCHEMA: Record<string, string> = { 'entra-admin-center': 'Entra admin center', graph: 'Microsoft Graph', 'log-analytics': 'Log Analytics', other: 'unrecognised layout' };

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { id }, h('h2', null, title), ...children);
}

function button(label: string, onClick: () => void, id?: string, secondary = false): HTMLElement {
  return h('vscode-button', { id, attrs: { secondary }, on: { click: onClick } }, label);
}

function saveSelection(): void {
  api.setState({ selected: [...selected] });
  const b = document.getElementById('auth-policy');
  if (b) b.textContent = `Generate Authentication Policy Script (${selected.size})`;
}

/** A user with a box that chooses them for the authentication policy script (legacy users and accounts under attack). */
function userCell(user: string, displayName: string | undefined, why: string): HTMLElement {
  const box = h('vscode-checkbox', { attrs: { checked: selected.has(user) }, dataset: { user }, title: `Choose ${user} for the authentication policy script (${why})` });
  box.addEventListener('change', () => {
    if ((box as HTMLElement & { checked: boolean }).checked) selected.add(user);
    else selected.delete(user);
    document.querySelectorAll<HTMLElement & { checked: boolean }>('vscode-checkbox[data-user]').forEach((b) => {
      if (b !== box && b.dataset['user'] === user) b.checked = selected.has(user);
    });
    saveSelection();
  });
  return h('span', { class: 'user-cell' }, box, h('span', { class: 'user' }, logText(user)), displayName ? h('span', { class: 'muted' }, ` ${logText(displayName)}`) : null);
}

/** Who can be chosen: users on legacy authentication and accounts under attack. */
function choosable(report: SigninReport): Set<string> {
  return new Set([...report.legacyUsers.map((u) => u.user), ...report.bruteForce.map((b) => b.user), ...report.passwordSpray.flatMap((s) => s.passwordAccepted.map((a) => a.user))]);
}

function legacyUsers(report: SigninReport): HTMLElement {
  const rows = report.legacyUsers;
  const tableEl = table(
    'legacy-users',
    rows,
    [
      { title: 'User', cell: (u) => userCell(u.user, u.displayName, 'still on legacy authentication') },
      { title: 'Successful legacy sign-ins', cell: (u) => u.signIns, numeric: true },
      { title: 'Client apps', cell: (u) => joined(u.clientApps) },
      { title: 'User agents', cell: (u) => joined(u.userAgents) },
      { title: 'Last seen', cell: (u) => day(u.last) },
    ],
    'No user signed in successfully with legacy authentication: blocking it should break no one in this log.',
  );
  const more = report.legacyUserCount > rows.length ? h('p', { class: 'muted' }, `Showing the ${rows.length} busiest of ${report.legacyUserCount} users; export the report for all of them.`) : null;
  const toolbar = rows.length || report.bruteForce.length
    ? h(
        'div',
        { class: 'toolbar' },
        button(`Generate Authentication Policy Script (${selected.size})`, () => api.postMessage({ type: 'authPolicy', users: [...selected] }), 'auth-policy'),
        button('Select all', () => {
          selected = new Set(rows.map((u) => u.user));
          document.querySelectorAll<HTMLElement & { checked: boolean }>('#legacy-users vscode-checkbox').forEach((b) => (b.checked = true));
          saveSelection();
        }, 'select-all', true),
        button('Clear', () => {
          selected.clear();
          document.querySelectorAll<HTMLElement & { checked: boolean }>('#legacy-users vscode-checkbox').forEach((b) => (b.checked = false));
          saveSelection();
        }, 'select-none', true),
      )
    : null;
  return section(
    'legacy',
    `Users still signing in with legacy authentication (${report.legacyUserCount})`,
    h('p', { class: 'muted' }, 'Their clients stop working when legacy authentication is blocked: move them to modern authentication first. Choose users — here, or accounts under attack below — for an Exchange Online authentication policy that refuses Basic authentication for them.'),
    toolbar,
    tableEl,
    more,
  );
}

function attacks(report: SigninReport): HTMLElement {
  return section(
    'attacks',
    'Password spraying and brute force',
    h('h3', null, `Password spraying: one address against ${report.thresholds.sprayMinUsers} or more users`),
    table('spray', report.passwordSpray, [
      { title: 'IP address', cell: (s) => logText(s.ip) },
      { title: 'Users', cell: (s) => s.users, numeric: true },
      { title: 'Attempts', cell: (s) => s.attempts, numeric: true },
      { title: 'Countries', cell: (s) => joined(s.countries) },
      { title: 'User agents', cell: (s) => joined(s.userAgents) },
      { title: 'Password accepted for', cell: (s) => (s.passwordAccepted.length ? h('span', { class: 'sev-error' }, s.passwordAccepted.map((a) => logText(a.user)).join(', ')) : '–') },
    ], 'No address failed against that many users.'),
    h('h3', null, `Brute force: ${report.thresholds.bruteForceMinFailures} or more failures against one user within ${report.thresholds.bruteForceWindowMinutes} minutes, or ${report.thresholds.bruteForceDailyMinFailures} or more in one day`),
    table('brute-force', report.bruteForce, [
      { title: 'User', cell: (b) => userCell(b.user, b.displayName, 'under attack') },
      { title: 'Failures in the window', cell: (b) => b.failures, numeric: true },
      { title: 'From', cell: (b) => day(b.windowStart) },
      { title: 'Failures in a day', cell: (b) => b.dailyFailures, numeric: true },
      { title: 'All failures', cell: (b) => b.totalFailures, numeric: true },
      { title: 'IP addresses', cell: (b) => joined(b.ips) },
      { title: 'Password accepted from', cell: (b) => (b.passwordAccepted.length ? h('span', { class: 'sev-error' }, b.passwordAccepted.map((a) => logText(a.ip)).join(', ')) : '–') },
    ], 'No account had that many failures in a window.'),
  );
}

function failed(report: SigninReport): HTMLElement {
  const f = report.failedLegacy;
  return section(
    'failed',
    'Failed legacy sign-ins',
    h('h3', null, `By IP address (${f.ipCount})`),
    table('failed-ips', f.byIp, [
      { title: 'IP address', cell: (r) => logText(r.ip) },
      { title: 'Attempts', cell: (r) => r.attempts, numeric: true },
      { title: 'Users', cell: (r) => r.users, numeric: true },
      { title: 'Countries', cell: (r) => joined(r.countries) },
      { title: 'User agents', cell: (r) => joined(r.userAgents) },
      { title: 'Last seen', cell: (r) => day(r.last) },
    ], 'No failed legacy sign-in has an IP address.'),
    h('h3', null, `By country or region (${f.countryCount})`),
    table('failed-countries', f.byCountry, [
      { title: 'Country', cell: (r) => logText(r.key) },
      { title: 'Attempts', cell: (r) => r.attempts, numeric: true },
      { title: 'Users', cell: (r) => r.users, numeric: true },
      { title: 'Addresses', cell: (r) => r.ips, numeric: true },
    ], 'No failed legacy sign-in has a country.'),
    h('h3', null, `By user agent (${f.userAgentCount})`),
    table('failed-agents', f.byUserAgent, [
      { title: 'User agent', cell: (r) => logText(r.key) },
      { title: 'Attempts', cell: (r) => r.attempts, numeric: true },
      { title: 'Users', cell: (r) => r.users, numeric: true },
      { title: 'Addresses', cell: (r) => r.ips, numeric: true },
    ], 'No failed legacy sign-in has a user agent.'),
    h('h3', null, 'Scripted user agents (scripts and attack tools, any outcome)'),
    table('scripted', report.scriptedUserAgents, [
      { title: 'User agent', cell: (a) => logText(a.userAgent) },
      { title: 'Kind', cell: (a) => a.kind },
      { title: 'Sign-ins', cell: (a) => a.signIns, numeric: true },
      { title: 'Succeeded', cell: (a) => a.success, numeric: true },
      { title: 'Legacy', cell: (a) => a.legacy, numeric: true },
      { title: 'Users', cell: (a) => a.users, numeric: true },
    ], 'No scripted user agent was seen.'),
  );
}

function render(file: string, report: SigninReport, guideUrl: string): void {
  const t = report.totals;
  const period = report.period.first ? `${day(report.period.first)} to ${day(report.period.last)}` : 'no readable times';
  const findings = report.findings.filter((f) => f.code !== 'signin-missing-field' || f.severity !== 'info');
  replace(
    app,
    h('h1', null, 'Legacy authentication sign-in report'),
    h(
      'div',
      { class: 'kv' },
      h('span', { class: 'k' }, 'Log'), h('span', { class: 'wrap', id: 'file' }, file),
      h('span', { class: 'k' }, 'Format'), h('span', null, `${report.source.kind.toUpperCase()}, ${SCHEMA[report.source.schema] ?? report.source.schema}`),
      h('span', { class: 'k' }, 'Period'), h('span', null, period),
      h('span', { class: 'k' }, 'Sign-ins'), h('span', { id: 'total-signins' }, String(t.signIns)),
      h('span', { class: 'k' }, 'Legacy authentication'), h('span', { id: 'legacy-signins' }, `${t.legacy} (${t.legacySuccess} succeeded, ${t.legacyFailure} failed)`),
    ),
    h(
      'div',
      { class: 'banner', id: 'ca-advice' },
      h('strong', null, 'Tenant-wide: '),
      'a Conditional Access policy that blocks legacy authentication (client apps "Exchange ActiveSync clients" and "Other clients", grant "Block access") is the route Microsoft recommends. The authentication policy script below works per user, for Exchange protocols. ',
      button("Microsoft's guide", () => api.postMessage({ type: 'openGuide' }), 'open-guide', true),
      h('span', { class: 'muted wrap' }, ` ${guideUrl}`),
    ),
    h(
      'div',
      { class: 'toolbar' },
      button('Export CSV', () => api.postMessage({ type: 'export', format: 'csv' }), 'export-csv', true),
      button('Export Markdown', () => api.postMessage({ type: 'export', format: 'markdown' }), 'export-md', true),
    ),
    findings.length
      ? section('findings', 'Findings', h('ul', { class: 'findings' }, findings.map((f) => h('li', { class: `sev-${f.severity}` }, h('code', null, f.code), ' ', f.message))))
      : null,
    legacyUsers(report),
    attacks(report),
    section('chart-section', 'Attempts per day', chartView(dailyChart(report.perDay))),
    failed(report),
    section('client-apps', 'Client apps', table('client-apps-table', report.clientApps, [
      { title: 'Client app', cell: (c) => `${logText(c.clientApp)}${c.recognised ? '' : ' (unrecognised)'}` },
      { title: 'Kind', cell: (c) => c.category },
      { title: 'Sign-ins', cell: (c) => c.signIns, numeric: true },
      { title: 'Succeeded', cell: (c) => c.success, numeric: true },
      { title: 'Failed', cell: (c) => c.failure, numeric: true },
      { title: 'Users', cell: (c) => c.users, numeric: true },
    ], 'No sign-ins.')),
    section('recommendations', 'What to do', h('ul', null, report.recommendations.map((r) => h('li', { class: 'wrap' }, r)))),
  );
  api.postMessage({ type: 'rendered', rendered: readBack() });
}

/** What the page shows, read from the DOM. */
function readBack(): SigninsRendered {
  const text = (sel: string) => document.querySelector(sel)?.textContent ?? '';
  const firstCells = (id: string) =>
    [...document.querySelectorAll(`#${id} vscode-table-row`)].map((r) => (r.querySelector('vscode-table-cell .user') ?? r.querySelector('vscode-table-cell'))?.textContent ?? '');
  return {
    file: text('#file'),
    signIns: Number(text('#total-signins')),
    legacySignIns: Number(text('#legacy-signins').split(' ')[0]),
    legacyUsers: firstCells('legacy-users'),
    sprayIps: firstCells('spray'),
    bruteForceUsers: firstCells('brute-force'),
    failedIps: firstCells('failed-ips'),
    scriptedAgents: firstCells('scripted'),
    chartDays: document.querySelectorAll('#chart-columns .column').length,
    chartSeries: [...document.querySelectorAll('.legend-item')].map((e) => (e.textContent ?? '').replace(/(?: \(legacy\))?: \d+$/, '')),
    findings: [...document.querySelectorAll('.findings li code')].map((e) => e.textContent ?? ''),
    mentionsConditionalAccess: /Conditional Access policy that blocks legacy authentication/.test(text('#ca-advice')),
  };
}

onMessage<SigninsToWebview>((m) => {
  if (m.type === 'report') {
    const users = choosable(m.report);
    selected = new Set([...selected].filter((u) => users.has(u)));
    render(m.file, m.report, m.guideUrl);
  }
});

replace(app, h('p', { class: 'muted' }, 'Waiting for the report…'));
api.postMessage({ type: 'ready' });
