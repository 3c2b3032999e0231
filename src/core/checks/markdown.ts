/**
 * Check results as Markdown ("Copy as Markdown" in the results panel, `--format markdown`
 * in the CLI): verdict, summary, the parsed record, each problem with its fix, and the
 * chain of DNS answers with TTLs and the servers that gave them.
 *
 * Everything that came from the DNS or a message is attacker-written: it goes into
 * code spans/blocks sized to its backticks or is backslash-escaped, with control
 * characters shown as \xNN, so a TXT record cannot inject links, HTML or table cells.
 */
import type { DomainCheckResult } from './domain';
import { fixText, type Surface } from './advice';
import { answerRows, anyAnswer, checkTitle, resolverWords, sharedFailure, VERDICT_WORDS } from './explain';
import { detailsMarkdown } from './markdownDetails';
import type { CheckFinding, CheckResult, DnsEvidence } from './types';
import type { VerifyResult } from './verifyMessage';
import { verifyAuthView } from './verifyView';
import { mdBlock, mdCode, mdText } from './markdownText';

export { mdBlock, mdCode, mdText, visible } from './markdownText';

/** Who answered: the servers asked and where that list came from. */
export interface ResolverInfo {
  servers: readonly string[];
  /** "the mailsec.dns.servers setting", "/etc/resolv.conf", "--server", … */
  origin: string;
}

function findingMarkdown(f: CheckFinding, surface: Surface): string[] {
  const sev = f.severity === 'error' ? 'Error' : f.severity === 'warning' ? 'Warning' : 'Info';
  const lines = [`- **${sev}** ${mdCode(f.code)}${f.name ? ` (${mdCode(f.name)})` : ''}: ${mdText(f.message)}`];
  if (f.record !== undefined && f.span.end > f.span.start) lines.push(`  At: ${mdCode(f.record.slice(f.span.start, f.span.end))}`);
  lines.push(`  Fix: ${mdText(fixText(f, surface))}`);
  return lines;
}

export function findingsMarkdown(findings: readonly CheckFinding[], surface: Surface): string[] {
  if (!findings.length) return ['No problems found.'];
  return findings.flatMap((f) => findingMarkdown(f, surface));
}

/** The chain of DNS answers as a table (one row per CNAME followed and per record). */
export function answersMarkdown(dns: readonly DnsEvidence[]): string[] {
  if (!dns.length) return [];
  const out = ['| Name | Type | Answer | TTL | Server |', '| --- | --- | --- | --- | --- |'];
  for (const e of dns) {
    for (const r of answerRows(e)) {
      const answer = r.kind === 'record' || r.kind === 'cname' ? mdCode(r.answer, true) : mdText(r.answer);
      out.push(`| ${mdCode(r.name, true)} | ${r.type} | ${answer} | ${r.ttl ?? ''} | ${mdText(r.server)} |`);
    }
  }
  return out;
}

export function resolverMarkdown(resolver: ResolverInfo | undefined, answered = true): string[] {
  if (!resolver) return [];
  return [mdText(resolverWords(resolver, answered))];
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? ['', `**${title}**`, '', ...lines] : [];
}

function oneCheck(r: CheckResult, level: string, surface: Surface, shared?: boolean): string[] {
  return [
    `${level} ${checkTitle(r.check)} ${mdCode(r.domain)}: ${VERDICT_WORDS[r.verdict]}`,
    '',
    mdText(r.summary, true),
    ...section('Record', detailsMarkdown(r)),
    ...section('Problems and fixes', shared ? ['No DNS server answered (see above).'] : findingsMarkdown(r.findings, surface)),
    ...section('DNS answers', answersMarkdown(r.dns)),
  ];
}

/** One check, or every check of a domain (`check domain`); `surface` words the advice (CLI flags or editor settings). */
export function checkMarkdown(result: CheckResult | DomainCheckResult, resolver: ResolverInfo | undefined, surface: Surface): string {
  const out: string[] = [];
  let answered: boolean;
  if (result.check === 'domain') {
    const d = result as DomainCheckResult;
    out.push(`## Mail domain ${mdCode(d.domain)}: ${VERDICT_WORDS[d.verdict]}`, '', mdText(d.summary, true));
    const shared = sharedFailure(d.results);
    if (shared) for (const line of section('Could not check', findingsMarkdown([shared.finding], surface))) out.push(line);
    for (const r of d.results) {
      out.push('');
      for (const line of oneCheck(r, '###', surface, shared?.checks.includes(r.check))) out.push(line); // no spread: a check can have 10^5 lines
    }
    answered = anyAnswer(d.results.flatMap((r) => r.dns));
  } else {
    for (const line of oneCheck(result as CheckResult, '##', surface)) out.push(line);
    answered = anyAnswer((result as CheckResult).dns);
  }
  out.push('', ...resolverMarkdown(resolver, answered || !isFailure(result)));
  return out.join('\n').trimEnd() + '\n';
}

/** True when the result could not be checked (every lookup went unanswered). */
function isFailure(r: { verdict: string }): boolean {
  return r.verdict === 'error';
}

/** A message verification (DKIM per signature, SPF, DMARC, ARC). */
export function verifyMarkdown(file: string, r: VerifyResult, resolver: ResolverInfo | undefined, surface: Surface): string {
  const out = [`## Message ${mdCode(file)}: ${VERDICT_WORDS[r.verdict]}`, '', mdText(r.summary, true), ''];
  if (r.input === 'not-a-message') {
    for (const line of section('Problems and fixes', findingsMarkdown(r.findings, surface))) out.push(line);
    return out.join('\n').trimEnd() + '\n';
  }
  out.push(`From: ${r.from.map((a) => mdCode(a)).join(', ') || 'none'}`, '');
  // The header panel's words and columns (verifyView.ts): one vocabulary for one message.
  const au = verifyAuthView(r);
  out.push(`${au.validated ? '**Sender validated.**' : '**Sender not validated.**'} ${mdText(au.trustedReason)}`, '');
  out.push('| Method | Result | Alignment | Details |', '| --- | --- | --- | --- |');
  for (const row of au.rows) out.push(`| ${row.method} | ${mdText(row.result)} | ${mdText(row.alignment)} | ${mdText(row.details)} |`);
  if (au.signatures.length) {
    out.push('', '**DKIM signatures**', '', '| d= | s= | a= | Aligned | Notes |', '| --- | --- | --- | --- | --- |');
    for (const sig of au.signatures) out.push(`| ${mdCode(sig.domain, true)} | ${mdCode(sig.selector, true)} | ${mdText(sig.algorithm)} | ${sig.aligned} | ${mdText(sig.notes)} |`);
  }
  // no spread: the lists can be long
  for (const line of section('Problems and fixes', findingsMarkdown(r.findings, surface))) out.push(line);
  for (const line of section('DNS answers', answersMarkdown(r.dns))) out.push(line);
  if (r.authenticationResults) for (const line of section('Authentication-Results', [mdBlock(r.authenticationResults)])) out.push(line);
  out.push('', ...resolverMarkdown(resolver));
  return out.join('\n').trimEnd() + '\n';
}
