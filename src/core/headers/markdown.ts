/**
 * "Copy as Markdown": the header analysis as a Markdown report for a ticket or a chat —
 * verdict and reasons, summary, authentication, route, anti-spam fields, transport rules,
 * notes and all header fields. Built from the same view the panel shows. Everything that
 * comes from the message is escaped (src/core/text/markdown.ts): it cannot become a link,
 * HTML or formatting wherever the report is pasted.
 */
import { pushAll } from '../arrays';
import type { Severity } from '../findings';
import { mdCode, mdTable, mdText } from '../text/markdown';
import type { HeaderView, ViewFinding } from './viewTypes';

export interface MarkdownOptions {
  /** What was analysed ("message.eml", "lines 3–40 of notes.txt"). */
  source?: string;
  /** 1-based line of an offset of the analysed text, to say where findings are. */
  lineOf?: (offset: number) => number;
}

const SEVERITY: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

const code = (s: string): string => mdCode(s, { inTable: true });

export function headerViewToMarkdown(view: HeaderView, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  const where = (f: ViewFinding) => (options.lineOf ? ` (line ${options.lineOf(f.span.start)})` : '');
  const findingLine = (f: ViewFinding) => `- **${SEVERITY[f.severity]}** ${mdCode(f.code)} — ${mdText(f.message)}${where(f)}`;

  out.push(`# Email header analysis: ${view.verdict.toUpperCase()}`, '');
  out.push(`**Verdict: ${view.verdict.toUpperCase()}** — ${view.headline}.`);
  if (options.source) out.push('', `Analysed: ${mdText(options.source)}`);

  out.push('', '## Why', '');
  pushAll(out, view.reasons.length ? view.reasons.map(findingLine) : ['No errors or warnings.']);

  out.push('', '## Summary', '');
  out.push(mdTable(['Field', 'Value', 'Note'], view.summary.map((r) => [r.label, r.present ? code(r.value) : '*(none)*', r.note ? mdText(r.note) : ''])));

  const au = view.auth;
  out.push('', '## Authentication', '');
  out.push(`Sender validated: **${au.validated ? 'yes' : 'no'}**. Trusted Authentication-Results: ${mdText(au.trustedReason)}`, '');
  out.push(mdTable(['Method', 'Result', 'Alignment', 'Details'], au.rows.map((r) => [r.method, code(r.result), mdText(r.alignment), code(r.details)])));
  if (au.headers.length) {
    out.push('', mdTable(['Header', 'authserv-id', 'Trusted', 'Results'], au.headers.map((h) => [h.kind + (h.instance !== null ? ` i=${h.instance}` : ''), code(h.authservId), h.trusted ? '**yes**' : 'no', code(h.results)])));
  }
  if (au.signatures.length) {
    out.push('', mdTable(['DKIM-Signature d=', 's=', 'a=', 'Aligned', 'Notes'], au.signatures.map((s) => [code(s.domain), code(s.selector), code(s.algorithm), s.aligned, mdText(s.notes)])));
  }

  const route = view.route;
  out.push('', '## Route (oldest first)', '');
  if (route.hops.length) {
    out.push(
      mdTable(
        ['#', 'Delay', 'Time', 'From', 'By', 'With', 'Trust'],
        route.hops.map((h) => [String(h.n), mdText(h.delay), h.time, code(h.from), code(h.by), code(h.with), h.boundary ? '**first hop of your organisation**' : h.trust === 'outside' ? 'before your servers (could be forged)' : h.trust === 'org' ? 'your organisation' : 'unknown']),
      ),
      '',
    );
  } else {
    out.push('No Received fields.', '');
  }
  out.push(mdText(route.boundary));
  if (route.total) out.push('', `Transit: ${mdText(route.total)}.`);
  for (const l of route.localStamps) out.push('', `Not a hop: ${mdCode(l.text)}`);

  if (view.antispam.length) {
    out.push('', '## Anti-spam fields', '');
    for (const g of view.antispam) {
      out.push(`### ${mdText(g.header)}`, '');
      out.push(mdTable(['Key', 'Name', 'Value', 'Meaning'], g.items.map((i) => [code(i.key), mdText(i.label), code(i.value), mdText(i.meaning) + (i.documented ? '' : ' *(undocumented)*')])), '');
    }
    out.pop();
  }

  out.push('', '## Transport rules (Exchange Online)', '');
  for (const r of view.rules) {
    out.push(`- **${r.fires ? 'Fires' : 'Quiet'}**: ${mdText(r.name)} — ${mdText(r.explanation)}`);
    if (r.disclaimer) out.push(`  - ${mdText(r.actionLabel ?? 'Would prepend')}: ${mdText(r.disclaimer)}`);
  }

  if (view.notes.length) pushAll(out, ['', '## Notes', '', ...view.notes.map(findingLine)]);

  out.push('', '## Header fields (topmost first)', '');
  out.push(mdTable(['#', 'Name', 'Value'], view.headers.map((h) => [String(h.index + 1), code(h.name), code(h.value)])));
  return out.join('\n') + '\n';
}
