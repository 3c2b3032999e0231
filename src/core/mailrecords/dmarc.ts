/**
 * DMARC policy records (the TXT value at _dmarc.<domain>): RFC 7489 and RFC 9989
 * (DMARCbis). RFC 9989 adds np=, psd= and t=, removes pct=, rf= and ri=, and makes p=
 * optional (a record without a valid p= acts as p=none when rua= has a valid URI).
 * Findings explain where receivers of the two generations differ.
 */
import { byPosition, type Finding } from '../findings';
import { parseDmarcUris, type DmarcUri } from './dmarcUri';
import { finding, quote, shown, span } from './finding';
import { didYouMean, nearestNames } from './suggest';
import { splitTagValue, tokenizeTagList, type Tag } from './tags';

export type { DmarcUri } from './dmarcUri';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type DmarcAlignment = 'r' | 's';

export const DMARC_TAGS = ['v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'pct', 'fo', 'rf', 'ri', 'rua', 'ruf'] as const;
/** Tags RFC 9989 dropped; its receivers ignore them. */
export const DMARC_REMOVED_TAGS = ['pct', 'rf', 'ri'] as const;
const POLICIES = ['none', 'quarantine', 'reject'] as const;

export interface DmarcRecord {
  tags: Tag[];
  /** v= value ("DMARC1"). */
  version?: string;
  /** p=, when present and valid. */
  policy?: DmarcPolicy;
  /** sp=, when present and valid (otherwise subdomains get p=). */
  subdomainPolicy?: DmarcPolicy;
  /** np= (RFC 9989: non-existent subdomains), when present and valid. */
  nonexistentPolicy?: DmarcPolicy;
  /** adkim=, "r" by default. */
  adkim: DmarcAlignment;
  /** aspf=, "r" by default. */
  aspf: DmarcAlignment;
  /** pct= when present and valid (RFC 7489 only). */
  pct?: number;
  /** fo= options, ["0"] by default. */
  failureOptions: string[];
  /** rf= formats (RFC 7489 only). */
  reportFormats?: string[];
  /** ri= seconds (RFC 7489 only). */
  reportInterval?: number;
  /** t=y (RFC 9989 testing mode). */
  testing: boolean;
  /** psd= (RFC 9989): y, n or u. */
  psd?: 'y' | 'n' | 'u';
  rua: DmarcUri[];
  ruf: DmarcUri[];
}

/**
 * A value receivers take as a DMARC record: it starts with v=DMARC1 (RFC 7489 §6.6.3).
 * The version is matched without regard to case here, as mailauth does; parseDmarcRecord
 * then reports anything but the exact "DMARC1".
 */
export function isDmarcRecord(value: string): boolean {
  return /^[ \t]*v[ \t]*=[ \t]*dmarc1[ \t]*(?:;|$)/i.test(value);
}

const lower = (n: string) => n.toLowerCase();

export function parseDmarcRecord(value: string): { record: DmarcRecord; findings: Finding[] } {
  const list = tokenizeTagList(value, { prefix: 'dmarc', what: 'DMARC record', normalize: lower });
  const findings = list.findings;
  const get = (n: string): Tag | undefined => list.byName.get(n);
  const record: DmarcRecord = {
    tags: list.tags, adkim: 'r', aspf: 'r', failureOptions: ['0'], testing: false, rua: [], ruf: [],
  };

  checkVersion(list.tags, record, findings);
  for (const tag of list.tags) {
    if (!tag.duplicate && !(DMARC_TAGS as readonly string[]).includes(lower(tag.name))) {
      findings.push(finding('dmarc-unknown-tag', 'warning',
        `Unknown tag "${shown(tag.name)}=" in the DMARC record: receivers ignore it. Typo?${didYouMean(tag.name, DMARC_TAGS)}`,
        tag.nameSpan, { tag: tag.name }));
    }
  }

  const rua = get('rua');
  if (rua) record.rua = parseDmarcUris(value, rua, findings);
  const ruf = get('ruf');
  if (ruf) record.ruf = parseDmarcUris(value, ruf, findings);
  const reportable = record.rua.some((u) => u.valid);

  checkPolicies(list.tags, record, reportable, findings);
  checkSmallTags(value, record, get, findings);

  if (!rua && record.version !== undefined) {
    findings.push(finding('dmarc-no-rua', 'info',
      'No rua= tag: receivers send you no aggregate reports, so you cannot see who sends mail as this domain. Add rua=mailto:<address>.',
      (get('p') ?? list.tags[0]!).span));
  }
  return { record, findings: findings.sort(byPosition) };
}

function checkVersion(tags: Tag[], record: DmarcRecord, findings: Finding[]): void {
  const i = tags.findIndex((t) => lower(t.name) === 'v');
  if (i < 0) {
    findings.push(finding('dmarc-missing-version', 'error',
      'The record does not start with v=DMARC1, so receivers ignore it. Put v=DMARC1 first.',
      tags[0]?.span ?? span(0, 0)));
    return;
  }
  const v = tags[i]!;
  record.version = v.value;
  if (i > 0) {
    findings.push(finding('dmarc-version-not-first', 'error',
      'v=DMARC1 must be the first tag; receivers ignore a record that starts otherwise. Move it to the front.', v.span));
  }
  if (v.value !== 'DMARC1') {
    findings.push(finding('dmarc-bad-version', 'error',
      `v=${quote(v.value)} must be exactly DMARC1 (upper case); receivers that match it exactly, as RFC 7489 says, ignore the record.`,
      v.valueSpan, { version: v.value }));
  }
}

function policyOf(tag: Tag, reportable: boolean, findings: Finding[]): DmarcPolicy | undefined {
  const p = tag.value.toLowerCase();
  if ((POLICIES as readonly string[]).includes(p)) return p as DmarcPolicy;
  const near = nearestNames(tag.value, POLICIES);
  const name = lower(tag.name);
  findings.push(finding('dmarc-bad-policy', 'error',
    `${name}=${quote(tag.value)} is not none, quarantine or reject.${near.length === 1 ? ` Did you mean "${near[0]}"?` : ''} RFC 9989 receivers then treat the whole record as p=none${reportable ? '' : ' (and, as there is no valid rua=, apply no DMARC at all)'}; RFC 7489 receivers may ignore the record.`,
    tag.valueSpan, { tag: name, value: tag.value }));
  return undefined;
}

function checkPolicies(tags: Tag[], record: DmarcRecord, reportable: boolean, findings: Finding[]): void {
  const byName = (n: string) => tags.find((t) => !t.duplicate && lower(t.name) === n);
  const p = byName('p');
  if (!p) {
    if (record.version !== undefined) {
      findings.push(finding('dmarc-missing-policy', reportable ? 'warning' : 'error',
        reportable
          ? 'No p= tag. RFC 9989 makes it optional and treats this record as p=none (monitoring only), but receivers still on RFC 7489 ignore the whole record. Add p=none, p=quarantine or p=reject.'
          : 'No p= tag and no valid rua=: under RFC 9989 this record then does nothing, and RFC 7489 receivers ignore it. Add p=none, p=quarantine or p=reject.',
        tags[0]!.span));
    }
  } else {
    record.policy = policyOf(p, reportable, findings);
    if (record.policy === 'none') {
      findings.push(finding('dmarc-policy-none', 'info',
        'p=none is monitoring only: receivers take no action on failing mail. Move to p=quarantine, then p=reject, once the reports show your mail passes.',
        p.span));
    }
    const index = tags.indexOf(p);
    const vIndex = tags.findIndex((t) => lower(t.name) === 'v');
    if (vIndex === 0 && index !== 1) {
      findings.push(finding('dmarc-policy-not-second', 'info',
        'p= is not right after v=DMARC1. RFC 9989 allows any order, but the RFC 7489 grammar puts p= second and some older checkers insist on it.',
        p.span));
    }
  }
  const sp = byName('sp');
  if (sp) record.subdomainPolicy = policyOf(sp, reportable, findings);
  const np = byName('np');
  if (np) record.nonexistentPolicy = policyOf(np, reportable, findings);
}

function badValue(tag: Tag, expected: string, severity: 'error' | 'warning', findings: Finding[]): void {
  const name = lower(tag.name);
  findings.push(finding('dmarc-bad-value', severity,
    `${name}=${quote(tag.value)} is not valid: ${expected}.${severity === 'error' ? ' Receivers may ignore the tag or the whole record.' : ''}`,
    tag.valueSpan, { tag: name, value: tag.value }));
}

function removed(tag: Tag, findings: Finding[], extra = ''): void {
  findings.push(finding('dmarc-removed-tag', 'info',
    `${lower(tag.name)}= is not part of RFC 9989, whose receivers ignore it; RFC 7489 receivers still read it.${extra}`,
    tag.span, { tag: lower(tag.name) }));
}

function checkSmallTags(value: string, record: DmarcRecord, get: (n: string) => Tag | undefined, findings: Finding[]): void {
  for (const n of ['adkim', 'aspf'] as const) {
    const t = get(n);
    if (!t) continue;
    const v = t.value.toLowerCase();
    if (v === 'r' || v === 's') record[n] = v;
    else badValue(t, `${n}= is "r" (relaxed) or "s" (strict)`, 'error', findings);
  }
  const t = get('t');
  if (t) {
    const v = t.value.toLowerCase();
    if (v === 'y') {
      record.testing = true;
      findings.push(finding('dmarc-testing', 'info',
        't=y: testing mode (RFC 9989): you ask receivers not to apply the policy yet, as pct=0 did under RFC 7489. Remove t=y when you are ready to enforce.',
        t.span));
    } else if (v !== 'n') badValue(t, 't= is "y" (testing) or "n"', 'error', findings);
  }
  const psd = get('psd');
  if (psd) {
    const v = psd.value.toLowerCase();
    if (v === 'y' || v === 'n' || v === 'u') record.psd = v;
    else badValue(psd, 'psd= is "y", "n" or "u"', 'error', findings);
  }
  const fo = get('fo');
  if (fo) {
    const opts = splitTagValue(value, fo, ':').map((i) => i.text.toLowerCase());
    if (opts.length > 0 && opts.every((o) => ['0', '1', 'd', 's'].includes(o))) record.failureOptions = opts;
    else badValue(fo, 'fo= is one or more of 0, 1, d and s separated by ":" (e.g. fo=1 or fo=d:s)', 'error', findings);
  }
  const pct = get('pct');
  if (pct) {
    if (!/^[0-9]{1,3}$/.test(pct.value) || Number(pct.value) > 100) {
      badValue(pct, 'pct= is a whole number from 0 to 100 (and RFC 9989 removed it)', 'warning', findings);
    } else {
      record.pct = Number(pct.value);
      if (record.pct !== 100) {
        findings.push(finding('dmarc-pct-partial', 'info',
          `pct=${record.pct}: RFC 7489 receivers apply the policy to only ${record.pct}% of failing mail and the next weaker one to the rest. RFC 9989 removed pct= (its receivers ignore it); use t=y for a trial and remove pct= when done.`,
          pct.span, { pct: record.pct }));
      } else {
        removed(pct, findings, ' pct=100 is the default anyway: remove it.');
      }
    }
  }
  const rf = get('rf');
  if (rf) {
    const formats = splitTagValue(value, rf, ':').map((i) => i.text.toLowerCase());
    if (formats.length > 0 && formats.every((f) => f === 'afrf')) {
      record.reportFormats = formats;
      removed(rf, findings);
    } else badValue(rf, 'rf= is "afrf", the only report format (and RFC 9989 removed the tag)', 'warning', findings);
  }
  const ri = get('ri');
  if (ri) {
    if (/^[0-9]{1,10}$/.test(ri.value)) {
      record.reportInterval = Number(ri.value);
      removed(ri, findings);
    } else badValue(ri, 'ri= is a number of seconds, e.g. 86400 (and RFC 9989 removed the tag)', 'warning', findings);
  }
}

/**
 * Checks all TXT values at one _dmarc name: with more than one DMARC record receivers
 * apply no DMARC at all (RFC 7489 §6.6.3; RFC 9989 keeps the rule). Spans are relative to
 * values[index].
 */
export function checkDmarcRecordSet(values: readonly string[]): { dmarcIndexes: number[]; findings: Array<{ index: number; finding: Finding }> } {
  const dmarcIndexes = values.flatMap((v, i) => (isDmarcRecord(v) ? [i] : []));
  const findings = dmarcIndexes.slice(1).map((index) => ({
    index,
    finding: finding('dmarc-multiple-records', 'error',
      `There are ${dmarcIndexes.length} DMARC records at this name, so receivers discard them all: RFC 9989 receivers take the policy of a parent domain instead, RFC 7489 receivers apply none. Keep exactly one.`,
      span(0, values[index]!.length), { count: dmarcIndexes.length, indexes: dmarcIndexes, firstIndex: dmarcIndexes[0] }),
  }));
  return { dmarcIndexes, findings };
}
