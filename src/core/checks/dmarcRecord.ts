/**
 * Reading a DMARC record's tags for the live check (policy, report addresses). Syntax
 * validation belongs to the shared mail-record validator; until it is wired in here,
 * only the problems that change what receivers do are reported.
 */
import { checkFinding } from './lookup';
import type { CheckFinding } from './types';

export type DmarcTags = Record<string, string>;

/** Tag names lower-cased, values trimmed; the first occurrence wins. */
export function readDmarcTags(record: string): DmarcTags {
  const tags: DmarcTags = {};
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key && !(key in tags)) tags[key] = part.slice(eq + 1).trim();
  }
  return tags;
}

const POLICIES = ['none', 'quarantine', 'reject'];

export function dmarcRecordFindings(record: string, tags: DmarcTags, name: string): CheckFinding[] {
  const out: CheckFinding[] = [];
  const at = (tag: string): { start: number; end: number } => {
    const m = new RegExp(`(^|;)\\s*(${tag}\\s*=[^;]*)`, 'i').exec(record);
    if (!m) return { start: 0, end: record.length };
    const start = m.index + m[0].length - m[2]!.length;
    return { start, end: start + m[2]!.trimEnd().length };
  };
  for (const tag of ['p', 'sp', 'np']) {
    const v = tags[tag];
    if (v !== undefined && !POLICIES.includes(v.toLowerCase())) {
      out.push(checkFinding('dmarc-invalid-policy', 'error', `${tag}=${v} is not a DMARC policy; receivers ${tag === 'p' ? 'ignore the whole record' : `ignore ${tag}=`}.`, `Write ${tag}=none, ${tag}=quarantine or ${tag}=reject.`, { name, record, span: at(tag) }));
    }
  }
  if (tags.p === undefined) {
    out.push(checkFinding('dmarc-invalid-policy', 'error', 'The DMARC record has no p= tag; RFC 7489 receivers ignore it (RFC 9989 ones read it as p=none).', 'Add p=none, p=quarantine or p=reject right after v=DMARC1.', { name, record, span: { start: 0, end: record.length } }));
  }
  if (tags.pct !== undefined && tags.pct !== '100') {
    out.push(checkFinding('dmarc-partial-pct', 'warning', `pct=${tags.pct}: the policy is applied to only part of the failing mail (RFC 9989 dropped pct, so newer receivers apply it to all).`, 'Remove pct= (or set pct=100) once you are confident in the policy.', { name, record, span: at('pct') }));
  }
  if (!tags.rua) {
    out.push(checkFinding('dmarc-no-rua', 'info', 'The DMARC record has no rua=, so you receive no aggregate reports and cannot see who sends mail as your domain.', 'Add rua=mailto:<a mailbox that collects DMARC reports>.', { name, record, span: { start: 0, end: record.length } }));
  }
  return out;
}
