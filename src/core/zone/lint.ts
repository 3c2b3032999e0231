import type { Finding, Span } from '../findings';
import { byPosition } from '../findings';
import { isIPv4 } from '../net/ip';
import { isSubdomain, nameKey } from './names';
import { scanZone } from './parser';
import { checkGenericRdata, checkRdata, isGenericRdata, type RdataName } from './rdata';
import { lookupType } from './rrtypes';
import { relativeNameProblem } from './relativeNames';
import { checkSemicolonComment, checkTxtLengths, type TxtCheckOptions } from './txtChecks';
import type { Directive, Entry, ParseOptions, ParseResult, ZoneRecord } from './types';
import { MailRecordChecker } from './mailChecks';

export interface LintOptions extends ParseOptions, TxtCheckOptions {}

interface Ref {
  span: Span;
  file: string | undefined;
}

interface RRsetInfo {
  type: string;
  ttl: number;
  count: number;
  first: Ref;
}

interface OwnerInfo {
  name: string;
  sets: RRsetInfo[];
}

/** Types that may live beside a CNAME (RFC 2181 §10.1, RFC 4035 §2.5). */
const CNAME_COMPANIONS = new Set(['CNAME', 'RRSIG', 'NSEC', 'NSEC3', 'KEY']);

/**
 * Checks a zone record by record as the parser streams them, and across records at the
 * end (CNAME and other data, TTLs within an RRset, targets, SOA/NS at the apex, SPF
 * across the zone). One instance per lint run.
 */
export class ZoneLinter {
  private readonly owners = new Map<string, OwnerInfo>();
  private readonly targets: { name: string; ref: Ref; type: string; owner: string }[] = [];
  private readonly dnames: string[] = [];
  private soaRefs: { owner: string; ref: Ref }[] = [];
  readonly findings: Finding[] = [];
  private readonly mail: MailRecordChecker;

  constructor(private readonly options: LintOptions) {
    this.mail = new MailRecordChecker();
  }

  /** Reports a finding about a record, mapping generated records to their $GENERATE line. */
  private reporterFor(rec: ZoneRecord): (f: Finding) => void {
    if (rec.generatedBy) {
      const gen = rec.generatedBy;
      return (f) => this.add({ ...f, span: { start: gen.entry.start, end: gen.entry.end }, message: `$GENERATE (at ${gen.value}): ${f.message}` }, rec.file);
    }
    return (f) => this.add(f, rec.file);
  }

  add(f: Finding, file: string | undefined): void {
    this.findings.push(file !== undefined && f.file === undefined ? { ...f, file } : f);
  }

  finding(f: Finding): void {
    this.findings.push(f);
  }

  record(rec: ZoneRecord, apex: string): void {
    const report = this.reporterFor(rec);
    const rrtype = lookupType(rec.type);
    let names: RdataName[] = [];
    if (isGenericRdata(rec.text, rec)) checkGenericRdata(rec.text, rec, report);
    else if (rrtype) names = checkRdata(rec.text, rec, rrtype, report);

    const ref: Ref = { span: refSpan(rec), file: rec.file };
    if (apex && apex !== '.' && !isSubdomain(rec.owner, apex)) {
      report({ code: 'zone-out-of-zone', severity: 'warning', message: `${rec.owner} is outside the zone ${apex}; servers ignore this record.`, span: rec.ownerSpan ?? rec.typeSpan });
    }
    const rel = rec.ownerSpan ? relativeNameProblem(rec.text.slice(rec.ownerSpan.start, rec.ownerSpan.end), rec.origin) : null;
    if (rel) report({ code: 'zone-missing-trailing-dot', severity: 'warning', message: rel.message, span: rec.ownerSpan!, data: { certain: rel.certain, absolute: rel.absolute } });
    for (const n of names) {
      const p = n.token.quoted ? null : relativeNameProblem(n.raw, rec.origin);
      if (p) report({ code: 'zone-missing-trailing-dot', severity: 'warning', message: p.message, span: { start: n.token.start, end: n.token.end }, data: { certain: p.certain, absolute: p.absolute } });
    }

    if (rec.type === 'TXT' || rec.type === 'SPF') {
      if (!rec.generic) {
        checkTxtLengths(rec, report, this.options);
        checkSemicolonComment(rec, report);
      }
    }
    if (rec.type === 'SOA') this.soaRefs.push({ owner: rec.owner, ref });
    if (rec.type === 'DNAME') this.dnames.push(nameKey(rec.owner));
    if ((rec.type === 'MX' || rec.type === 'NS' || rec.type === 'SRV') && names.length) {
      const target = names[names.length - 1]!;
      if (isIPv4(target.raw) || isIPv4(target.raw.replace(/\.$/, ''))) {
        report({ code: 'zone-target-is-address', severity: 'warning', message: `The ${rec.type} target '${target.raw}' is an IP address, but ${rec.type} takes a host name (it now means ${target.name}). Point it at a name with an A record.`, span: { start: target.token.start, end: target.token.end } });
      }
      this.targets.push({ name: target.name, ref: { span: { start: target.token.start, end: target.token.end }, file: rec.file }, type: rec.type, owner: rec.owner });
    }
    if (!rec.generatedBy) this.mail.record(rec, report);

    const key = nameKey(rec.owner);
    let info = this.owners.get(key);
    if (!info) {
      info = { name: rec.owner, sets: [] };
      this.owners.set(key, info);
    }
    let set: RRsetInfo | undefined;
    for (const s of info.sets) if (s.type === rec.type) set = s;
    if (!set) info.sets.push({ type: rec.type, ttl: rec.ttl, count: 1, first: ref });
    else {
      set.count++;
      if (rec.ttl !== set.ttl) {
        report({ code: 'zone-ttl-mismatch', severity: 'warning', message: `TTL ${rec.ttl} differs from ${set.ttl} of the other ${rec.type} records of ${rec.owner}; an RRset has one TTL, and servers use the first one.`, span: rec.ttlSpan ?? rec.typeSpan, related: [{ message: `first ${rec.type} record of ${rec.owner}`, span: set.first.span, ...(set.first.file ? { file: set.first.file } : {}) }] });
      }
      if (rec.type === 'CNAME' || rec.type === 'DNAME' || rec.type === 'SOA') {
        report({ code: rec.type === 'CNAME' ? 'zone-multiple-cname' : 'zone-singleton-type', severity: 'error', message: `${rec.owner} has more than one ${rec.type} record; a name can have only one.`, span: ref.span, related: [{ message: `first ${rec.type} record`, span: set.first.span, ...(set.first.file ? { file: set.first.file } : {}) }] });
      }
    }
  }

  /** Zone-wide checks; call once after the last record. */
  finish(apex: string, hasRecords: boolean): Finding[] {
    this.checkCnames();
    this.checkApex(apex, hasRecords);
    this.checkTargets(apex);
    this.checkDnames();
    this.mail.finish(apex, (name) => this.isDelegated(name, apex));
    return this.findings.sort(byPosition);
  }

  /** Is `name` at or below an NS record other than the apex's (a delegation)? */
  private isDelegated(name: string, apex: string): boolean {
    const apexKey = nameKey(apex);
    let key = nameKey(name);
    while (key.length > apexKey.length) {
      if (this.owners.get(key)?.sets.some((s) => s.type === 'NS')) return true;
      const dot = key.indexOf('.');
      if (dot === -1 || dot === key.length - 1) break;
      key = key.slice(dot + 1);
    }
    return false;
  }

  private checkCnames(): void {
    for (const info of this.owners.values()) {
      if (info.sets.length < 2) continue;
      const cname = info.sets.find((s) => s.type === 'CNAME');
      if (!cname) continue;
      const others = info.sets.filter((s) => !CNAME_COMPANIONS.has(s.type));
      if (!others.length) continue;
      this.add(
        {
          code: 'zone-cname-and-other-data',
          severity: 'error',
          message: `${info.name} has a CNAME and other records (${others.map((o) => o.type).join(', ')}). A CNAME must be the only record at its name (RFC 1034 §3.6.2); BIND refuses the zone.`,
          span: cname.first.span,
          related: others.map((o) => ({ message: `${o.type} record at the same name`, span: o.first.span, ...(o.first.file ? { file: o.first.file } : {}) })),
        },
        cname.first.file,
      );
    }
  }

  private checkApex(apex: string, hasRecords: boolean): void {
    if (this.soaRefs.length === 0) {
      if (hasRecords) this.findings.push({ code: 'zone-no-soa', severity: 'info', message: 'This file has no SOA record, so it is checked as a fragment (for $INCLUDE); a complete zone starts with an SOA record.', span: { start: 0, end: 0 } });
      return;
    }
    const [first, ...rest] = this.soaRefs;
    for (const s of rest) {
      if (nameKey(s.owner) === nameKey(first!.owner)) continue; // reported as a second SOA at one name
      this.add({ code: 'zone-soa-not-at-apex', severity: 'error', message: `SOA record not at the top of the zone (${s.owner}; the zone is ${apex}). A zone has exactly one SOA, at its apex.`, span: s.ref.span }, s.ref.file);
    }
    if (nameKey(first!.owner) !== nameKey(apex)) {
      this.add({ code: 'zone-soa-not-at-apex', severity: 'error', message: `SOA record at ${first!.owner}, but the zone is ${apex}. The SOA belongs at the zone's apex.`, span: first!.ref.span }, first!.ref.file);
      return;
    }
    const apexInfo = this.owners.get(nameKey(apex));
    if (!apexInfo?.sets.some((s) => s.type === 'NS')) {
      this.add({ code: 'zone-no-ns', severity: 'error', message: `The zone ${apex} has no NS records at its apex; name servers refuse a zone without them.`, span: first!.ref.span }, first!.ref.file);
    }
  }

  private checkTargets(apex: string): void {
    for (const t of this.targets) {
      if (t.name === '.' || !isSubdomain(t.name, apex) || apex === '.') continue;
      const info = this.owners.get(nameKey(t.name));
      if (!info) continue; // may be delegated or outside what this file holds
      if (info.sets.some((s) => s.type === 'CNAME')) {
        this.add({ code: 'zone-target-is-cname', severity: 'warning', message: `The ${t.type} target ${t.name} is a CNAME; ${t.type} records must point at a name with A/AAAA records (RFC 2181 §10.3).`, span: t.ref.span }, t.ref.file);
      } else if (!info.sets.some((s) => s.type === 'A' || s.type === 'AAAA')) {
        this.add({ code: 'zone-target-no-address', severity: 'warning', message: `The ${t.type} target ${t.name} has no A or AAAA record in this zone.`, span: t.ref.span }, t.ref.file);
      }
    }
  }

  private checkDnames(): void {
    if (!this.dnames.length) return;
    const dnames = new Set(this.dnames);
    for (const [key, info] of this.owners) {
      for (let i = key.indexOf('.'); i !== -1 && i < key.length - 1; i = key.indexOf('.', i + 1)) {
        const parent = key.slice(i + 1);
        if (dnames.has(parent)) {
          const s = info.sets[0]!;
          this.add({ code: 'zone-data-below-dname', severity: 'warning', message: `${info.name} lies below the DNAME at ${parent}; resolvers never see it, because the DNAME redirects the whole subtree.`, span: s.first.span }, s.first.file);
          break;
        }
      }
    }
  }
}

function refSpan(rec: ZoneRecord): Span {
  if (rec.generatedBy) return { start: rec.generatedBy.entry.start, end: rec.generatedBy.entry.end };
  const start = rec.ownerSpan?.start ?? rec.typeSpan.start;
  const last = rec.rdata[rec.rdata.length - 1];
  return { start, end: last ? last.end : rec.typeSpan.end };
}

export interface ZoneAnalysis extends ParseResult {
  /** Syntax and lint findings of the whole zone, by position. */
  findings: Finding[];
}

/**
 * Parses and lints a zone in one pass, keeping the records (for the editor: hovers,
 * outline, fixes). `lintZone` does the same without keeping them.
 */
export function analyzeZone(text: string, options: LintOptions = {}): ZoneAnalysis {
  const records: ZoneRecord[] = [];
  const directives: Directive[] = [];
  const entries: Entry[] = [];
  const linter = new ZoneLinter(options);
  let apex = options.zone ? (options.zone.endsWith('.') ? options.zone : options.zone + '.') : '';
  const summary = scanZone(text, options, {
    record: (r) => {
      if (!apex && r.type === 'SOA') apex = r.owner;
      records.push(r);
      linter.record(r, apex);
    },
    directive: (d) => directives.push(d),
    entry: (e, _t, file) => {
      if (file === undefined) entries.push(e);
    },
    finding: (f) => linter.finding(f),
  });
  const findings = linter.finish(summary.apex, records.length > 0);
  return { text, records, directives, entries, findings, apex: summary.apex, includes: summary.includes };
}

/** Lints a zone without keeping its records (the CLI's path for large files). */
export function lintZone(text: string, options: LintOptions = {}): { findings: Finding[]; apex: string; recordCount: number; includes: ParseResult['includes'] } {
  const linter = new ZoneLinter(options);
  let apex = options.zone ? (options.zone.endsWith('.') ? options.zone : options.zone + '.') : '';
  const summary = scanZone(text, options, {
    record: (r) => {
      if (!apex && r.type === 'SOA') apex = r.owner;
      linter.record(r, apex);
    },
    finding: (f) => linter.finding(f),
  });
  return { findings: linter.finish(summary.apex, summary.recordCount > 0), apex: summary.apex, recordCount: summary.recordCount, includes: summary.includes };
}
