/**
 * "Check live" for a zone file: the DKIM, SPF and DMARC TXT records a zone holds, and a
 * comparison of one of them with what the live DNS answers for its owner name — the
 * same, different (both values and the tags or terms that differ), not published, or
 * published through a CNAME chain — with the live value run through the same
 * validators the live checks and the zone linter use.
 */
import type { Span } from '../findings';
import type { ChainStep } from '../dns/chain';
import type { Resolver } from '../dns/resolver';
import { checkDmarcRecordSet, checkSpfRecordSet, isSpfRecord, parseDkimKeyRecord, parseDmarcRecord, parseSpfRecord } from '../mailrecords';
import { unescapeWithMap } from '../zone/charString';
import { innerEnd, innerStart } from '../zone/tokens';
import type { ZoneRecord } from '../zone/types';
import { checkFinding, fromValidator, lookup, lookupFailure, verdictOf } from './lookup';
import type { CheckFinding, CheckOptions, CheckResult } from './types';
import { bestMatch, recordsOfKind, type MailRecordKind, type ValueDifference } from './valueDiff';

export interface ZoneMailRecord {
  kind: MailRecordKind;
  /** Owner name without the trailing dot, as the DNS is asked. */
  name: string;
  /** The character-strings as written (unescaped). */
  strings: string[];
  /** The strings joined: the value verifiers read. */
  value: string;
  ttl: number;
  /** The record's entry in the file (for CodeLens and code actions). */
  span: Span;
  /** The owner has enough labels to be asked for (an unknown $ORIGIN leaves names like `_dmarc.`). */
  queryable: boolean;
}

const KIND_WORDS: Record<MailRecordKind, string> = { dkim: 'DKIM key', spf: 'SPF record', dmarc: 'DMARC record' };

function kindOf(owner: string, value: string): MailRecordKind | undefined {
  if (isSpfRecord(value)) return 'spf';
  if (/^[^.]+(\.[^.]+)*\._domainkey\./i.test(owner) && (/^\s*(v\s*=|p\s*=|k\s*=)/i.test(value) || /(^|;)\s*p\s*=/i.test(value))) return 'dkim';
  if (/^_dmarc\./i.test(owner) && /^\s*v\s*=/i.test(value)) return 'dmarc';
  return undefined;
}

/** Labels of the domain the record belongs to (below `_domainkey` / `_dmarc`, or the owner for SPF). */
function domainLabels(kind: MailRecordKind, name: string): number {
  const labels = name.split('.').filter(Boolean);
  if (kind === 'dkim') return labels.length - labels.findIndex((l) => l.toLowerCase() === '_domainkey') - 1;
  if (kind === 'dmarc') return labels.length - 1;
  return labels.length;
}

/** The DKIM, SPF and DMARC TXT records of the main file (not included or generated ones), in text order. */
export function zoneMailRecords(records: readonly ZoneRecord[]): ZoneMailRecord[] {
  const out: ZoneMailRecord[] = [];
  for (const rec of records) {
    if (rec.type !== 'TXT' || rec.generic || rec.file !== undefined || rec.generatedBy || rec.rdata.length === 0) continue;
    const strings = rec.rdata.map((tok) => unescapeWithMap(rec.text, innerStart(tok), innerEnd(rec.text, tok)).value);
    const value = strings.join('');
    const kind = kindOf(rec.owner, value);
    if (!kind) continue;
    const name = rec.owner.replace(/\.$/, '');
    out.push({ kind, name, strings, value, ttl: rec.ttl, span: { start: rec.entry.start, end: rec.entry.end }, queryable: domainLabels(kind, name) >= 2 });
  }
  return out;
}

export interface ZoneLiveParsed {
  kind: MailRecordKind;
  name: string;
  /** same / differs / not-published; `unknown` when the DNS could not be asked. */
  status: 'same' | 'differs' | 'not-published' | 'unknown';
  /** Identical text (not only the same meaning). */
  exact: boolean;
  /** CNAMEs the live name goes through (empty when it is not an alias). */
  chain: ChainStep[];
  /** Where the live records were found (the end of the chain). */
  finalName: string;
  zone: { value: string; strings: string[]; ttl: number };
  /** The live record compared (the best match among those of the same kind). */
  live?: { value: string; strings: string[]; ttl: number };
  /** Other TXT values at the live name (verification tokens, a second SPF record, …). */
  otherLive: string[];
  differences: ValueDifference[];
}

export type ZoneLiveResult = CheckResult<'compare', ZoneLiveParsed>;

function liveFindings(kind: MailRecordKind, name: string, value: string, all: string[]): CheckFinding[] {
  if (kind === 'dkim') {
    const out = fromValidator(parseDkimKeyRecord(value).findings, name, value);
    if (all.length > 1) out.push(checkFinding('dkim-multiple-records', 'error', `${name} has ${all.length} TXT records in the live DNS; verifiers read only one of them, so signatures fail at random.`, 'Keep one TXT record (the key) at this name.', { name }));
    return out;
  }
  if (kind === 'spf') {
    const set = checkSpfRecordSet(all);
    return [...set.findings.flatMap((f) => fromValidator([f.finding], name, all[f.index]!)), ...fromValidator(parseSpfRecord(value).findings, name, value)];
  }
  const set = checkDmarcRecordSet(all);
  return [...set.findings.flatMap((f) => fromValidator([f.finding], name, all[f.index]!)), ...fromValidator(parseDmarcRecord(value).findings, name, value)];
}

function describe(d: ValueDifference): string {
  if (d.zone === undefined) return `${d.item} only in the DNS`;
  if (d.live === undefined) return `${d.item} only in the file`;
  return d.item === 'order of terms' ? 'the terms are in another order' : `${d.item} differs`;
}

/** Asks the DNS for the record's owner and compares what it answers with the file. */
export async function compareWithLive(resolver: Resolver, rec: ZoneMailRecord, options: CheckOptions = {}): Promise<ZoneLiveResult> {
  const what = KIND_WORDS[rec.kind];
  const name = rec.name;
  const txt = await lookup(resolver, name, 'TXT', options.signal);
  const findings: CheckFinding[] = [];
  const parsed: ZoneLiveParsed = {
    kind: rec.kind, name, status: 'unknown', exact: false, chain: txt.result?.chain ?? [], finalName: txt.evidence.finalName,
    zone: { value: rec.value, strings: rec.strings, ttl: rec.ttl }, otherLive: [], differences: [],
  };
  const done = (summary: string, couldNotCheck = false): ZoneLiveResult => ({ check: 'compare', domain: name, verdict: verdictOf(findings, couldNotCheck), summary, findings, dns: [txt.evidence], parsed });

  if (txt.failed) {
    findings.push(lookupFailure(txt, `${what} ${name}`));
    return done(`Could not ask the DNS for ${name}.`, true);
  }
  const records = txt.result!.records;
  const values = txt.values;
  const candidates = recordsOfKind(rec.kind, values);
  const via = parsed.chain.length ? ` through the CNAME chain ${[name, ...parsed.chain.map((s) => s.target)].join(' → ')}` : '';
  if (parsed.chain.length) {
    findings.push(checkFinding('zone-live-cname', 'info', `In the live DNS, ${name} is an alias (CNAME) of ${parsed.finalName}: verifiers read the record there, not a TXT at ${name}. A name with a CNAME can hold no other records, so the TXT in this file is not what the DNS serves.`, `Keep either the CNAME (the key hosted by your provider) or the TXT; if the file is right, replace the CNAME at your DNS host with this TXT record.`, { name }));
  }
  if (candidates.length === 0) {
    parsed.status = 'not-published';
    parsed.otherLive = values;
    const why = txt.result!.rcode === 'NXDOMAIN' ? `${parsed.finalName} does not exist (NXDOMAIN)` : values.length ? `${parsed.finalName} has ${values.length} TXT record${values.length > 1 ? 's' : ''}, none of them a ${what}` : `${parsed.finalName} has no TXT record`;
    findings.push(checkFinding('zone-live-not-published', 'error', `The ${what} in this file is not published: ${why}${via}. Receivers see no ${what} at ${name}.`, 'Load the zone on its primary server (rndc reload, or save it at your DNS host) and check that the domain is delegated to the servers that serve this file.', { name }));
    return done(`Not published: ${why}${via}.`);
  }
  const match = bestMatch(rec.kind, rec.value, candidates)!;
  const liveRecord = records.find((r) => (r.data as string[]).join('') === match.value)!;
  parsed.live = { value: match.value, strings: liveRecord.data as string[], ttl: liveRecord.ttl };
  parsed.otherLive = values.filter((v) => v !== match.value);
  parsed.exact = match.comparison.exact;
  parsed.differences = match.comparison.differences;
  parsed.status = match.comparison.same ? 'same' : 'differs';
  findings.push(...liveFindings(rec.kind, parsed.finalName, match.value, candidates));
  if (!match.comparison.same) {
    const list = parsed.differences.map(describe).join(', ');
    findings.push(checkFinding('zone-live-differs', 'warning', `The live DNS publishes a different ${what} at ${name}${via} than this file: ${list}.`, 'If the file is the version you want, load it on the primary server (rndc reload) or copy the value to your DNS host; if the DNS is right, update the file.', { name, record: match.value, data: { differences: parsed.differences } }));
    return done(`Differs from the live DNS${via}: ${list}.`);
  }
  const note = parsed.exact ? '' : ' (the same meaning, written differently)';
  const split = parsed.exact && parsed.live.strings.length !== rec.strings.length ? ` (split into ${parsed.live.strings.length} strings in the DNS, ${rec.strings.length} in the file)` : '';
  return done(`Same as the live DNS${via}${note}${split}; TTL ${parsed.live.ttl} from ${txt.evidence.servers.join(', ')}.`);
}

