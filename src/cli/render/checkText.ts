/**
 * Plain-text rendering of check results for the terminal. Everything that came from the
 * DNS (TXT values, names) is attacker-written: control characters (ANSI escapes
 * included) are shown as \xNN, never sent to the terminal raw.
 */
import { fixText } from '../../core/checks/advice';
import type { CheckFinding, CheckResult, DnsEvidence, Verdict } from '../../core/checks/types';
import { visible } from '../../core/text/visible';

export interface TextStyle {
  color: boolean;
}

/** Control, bidi (U+202E …), zero-width and other hidden characters made visible, as on every surface. */
export const safe = visible;

const VERDICT_WORD: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'COULD NOT CHECK' };
const VERDICT_COLOR: Record<Verdict, string> = { pass: '32', warn: '33', fail: '31', error: '35' };

export function verdictText(v: Verdict, style: TextStyle): string {
  return style.color ? `\x1b[1;${VERDICT_COLOR[v]}m${VERDICT_WORD[v]}\x1b[0m` : VERDICT_WORD[v];
}

const TITLES: Record<string, string> = { dkim: 'DKIM', spf: 'SPF', dmarc: 'DMARC', mx: 'MX', 'mta-sts': 'MTA-STS', 'tls-rpt': 'TLS-RPT', domain: 'Domain' };

export function title(check: string): string {
  return TITLES[check] ?? check;
}

function quoteValue(v: string, max = 120): string {
  const s = safe(v);
  return `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
}

export function findingLines(f: CheckFinding, indent = '    '): string[] {
  const lines = [`${indent}${f.severity.padEnd(7)} ${f.code}${f.name ? `  (${safe(f.name)})` : ''}`, `${indent}  ${safe(f.message)}`];
  if (f.record !== undefined && f.span.end > f.span.start) lines.push(`${indent}  at: ${quoteValue(f.record.slice(f.span.start, f.span.end), 80)}`);
  lines.push(`${indent}  fix: ${safe(fixText(f, 'cli'))}`);
  return lines;
}

export function evidenceLines(e: DnsEvidence, indent = '    '): string[] {
  const where = e.servers.length ? ` [${e.servers.join(', ')}${e.transport.length ? ` ${[...new Set(e.transport)].join('+')}` : ''}, ${e.elapsedMs} ms]` : '';
  const lines = [`${indent}${safe(e.name)} ${e.type}  ${e.error && !e.rcode ? 'no answer' : e.rcode ?? ''}${where}`];
  for (const step of e.chain) lines.push(`${indent}  ${safe(step.name)} CNAME ${safe(step.target)}  (TTL ${step.ttl}, from ${step.server})`);
  for (const r of e.records) lines.push(`${indent}  ${safe(r.name)} ${r.ttl} ${r.type} ${r.type === 'TXT' ? quoteValue(r.value) : safe(r.value)}`);
  if (e.error) lines.push(`${indent}  ${safe(e.error)}`);
  return lines;
}

/** Header, summary, details, findings and DNS evidence of one result. */
export function renderCheck(r: CheckResult, details: string[], style: TextStyle, showDns = true): string[] {
  const out = [`${title(r.check)}  ${safe(r.domain)}  ${verdictText(r.verdict, style)}`, `  ${safe(r.summary)}`];
  if (details.length) out.push('', ...details.map((d) => `  ${d}`));
  if (r.findings.length) {
    out.push('', '  Findings:');
    for (const f of r.findings) out.push(...findingLines(f));
  }
  if (showDns && r.dns.length) {
    out.push('', '  DNS answers:');
    for (const e of r.dns) out.push(...evidenceLines(e));
  }
  return out;
}
