import type { Finding, Span } from '../findings';
import { byPosition } from '../findings';
import { isIPv4 } from '../net/ip';
import { isAbsoluteAt, isSubdomain, nameKey } from './names';
import { hashName, isAtOrBelow } from './nameTable';
import { scanZone } from './parser';
import { checkGenericRdata, checkRdata, type RdataName } from './rdata';
import { OwnerIndex, type RRsetRef } from './ownerIndex';
import { relativeNameProblem } from './relativeNames';
import { lookupType } from './rrtypes';
import { checkSemicolonComment, checkTxtLengths, type TxtCheckOptions } from './txtChecks';
import type { Directive, Entry, ParseOptions, ParseResult, ZoneRecord } from './types';
import { MailRecordChecker } from './mailChecks';

export interface LintOptions extends ParseOptions, TxtCheckOptions {
  /** Roughly how many records to expect (sizes the name tables once); lintZone estimates it from the text. */
  expectedRecords?: number;
}

interface Ref {
  span: Span;
  file: string | undefined;
}

/** Types that may live beside a CNAME (RFC 2181 §10.1, RFC 4035 §2.5). */
const CNAME_COMPANIONS = new Set(['CNAME', 'RRSIG', 'NSEC', 'NSEC3', 'KEY']);
const CNAME_COMPANION_CODES: ReadonlySet<number> = new Set([...CNAME_COMPANIONS].map((t) => lookupType(t)!.code));
const CNAME_CODE = lookupType('CNAME')!.code;

const related = (message: string, r: Ref | RRsetRef): { message: string; span: Span; file?: string } => ({ message, span: r.span, ...(r.file ? { file: r.file } : {}) });

/**
 * Checks a zone record by record as the parser streams them, and across records at the
 * end (CNAME and other data, TTLs within an RRset, targets, SOA/NS at the apex, SPF
 * across the zone). One instance per lint run. Per record it keeps only a few numbers
 * (OwnerIndex), so a million-record zone lints in bounded memory.
 */
export class ZoneLinter {
  private readonly owners: OwnerIndex;
  // MX/NS/SRV targets in columns (a million-record zone has hundreds of thousands of them).
  private readonly targetNames: string[] = [];
  private readonly targetTypes: string[] = [];
  private readonly targetStarts: number[] = [];
  private readonly targetEnds: number[] = [];
  private readonly targetFiles: (string | undefined)[] = [];
  /** isAtOrBelow(origin, apex) for the last origin and apex seen (records come in runs of one origin). */
  private originSeen = '';
  private apexSeen = '';
  private originInApex = false;
  private readonly dnames: string[] = [];
  private soaRefs: { owner: string; ref: Ref }[] = [];
  readonly findings: Finding[] = [];
  private readonly mail: MailRecordChecker;

  constructor(private readonly options: LintOptions) {
    this.mail = new MailRecordChecker();
    this.owners = new OwnerIndex(options.expectedRecords ?? 0);
  }

  /** Reports a finding about a record, mapping generated records to their $GENERATE line. */
  private reporterFor(rec: ZoneRecord): (f: Finding) => void {
    // The closures capture only what they use, never `rec`: SPF checks keep a reporter until
    // the end of the zone, and a captured record would keep its tokens alive with it.
    if (rec.generatedBy) return this.generatedReporter(rec.generatedBy, rec.file);
    if (rec.file === undefined) return this.pushFinding;
    return this.fileReporter(rec.file);
  }

  private generatedReporter(gen: NonNullable<ZoneRecord['generatedBy']>, file: string | undefined): (f: Finding) => void {
    const { start, end } = gen.entry;
    const at = gen.value;
    return (f) => this.add({ ...f, span: { start, end }, message: `$GENERATE (at ${at}): ${f.message}` }, file);
  }

  private lastFile: string | undefined;
  private lastFileReporter: ((f: Finding) => void) | undefined;

  /** One reporter per file, not per record. */
  private fileReporter(file: string): (f: Finding) => void {
    if (file !== this.lastFile || !this.lastFileReporter) {
      this.lastFile = file;
      this.lastFileReporter = (f) => this.add(f, file);
    }
    return this.lastFileReporter;
  }

  private readonly pushFinding = (f: Finding): void => {
    this.findings.push(f);
  };

  add(f: Finding, file: string | undefined): void {
    this.findings.push(file !== undefined && f.file === undefined ? { ...f, file } : f);
  }

  finding(f: Finding): void {
    this.findings.push(f);
  }

  record(rec: ZoneRecord, apex: string): void {
    const report = this.reporterFor(rec);
    const rrtype = rec.rrtype;
    let names: RdataName[] | undefined;
    if (rec.generic) checkGenericRdata(rec.text, rec, report);
    else if (rrtype) names = checkRdata(rec.text, rec, rrtype, report);

    // Where the owner can be rebuilt from, so the index need not keep the string.
    const o = rec.ownerSpan && !rec.generatedBy && rec.ownerHash !== undefined ? rec.ownerSpan : null;
    let form: 'at' | 'absolute' | 'relative' | undefined;
    if (o) {
      const t = rec.text;
      form = o.end - o.start === 1 && t.charCodeAt(o.start) === 64 ? 'at' : isAbsoluteAt(t, o.start, o.end) ? 'absolute' : 'relative';
    }
    if (apex && apex !== '.' && !this.inZone(rec, form, apex)) {
      report({ code: 'zone-out-of-zone', severity: 'warning', message: `${rec.owner} is outside the zone ${apex}; servers ignore this record.`, span: rec.ownerSpan ?? rec.typeSpan });
    }
    const rel = rec.ownerSpan ? relativeNameProblem(rec.text.slice(rec.ownerSpan.start, rec.ownerSpan.end), rec.origin) : null;
    if (rel) report({ code: 'zone-missing-trailing-dot', severity: 'warning', message: rel.message, span: rec.ownerSpan!, data: { certain: rel.certain, absolute: rel.absolute } });
    if (names) {
      for (const n of names) {
        const p = n.token.quoted ? null : relativeNameProblem(n.raw, rec.origin);
        if (p) report({ code: 'zone-missing-trailing-dot', severity: 'warning', message: p.message, span: { start: n.token.start, end: n.token.end }, data: { certain: p.certain, absolute: p.absolute } });
      }
    }

    const type = rec.type;
    if ((type === 'TXT' || type === 'SPF') && !rec.generic) {
      checkTxtLengths(rec, report, this.options);
      checkSemicolonComment(rec, report);
    }
    const span = refSpan(rec);
    if (type === 'SOA') this.soaRefs.push({ owner: rec.owner, ref: { span, file: rec.file } });
    else if (type === 'DNAME') this.dnames.push(rec.owner);
    else if ((type === 'MX' || type === 'NS' || type === 'SRV') && names && names.length) {
      const target = names[names.length - 1]!;
      if (isIPv4(target.raw) || isIPv4(target.raw.replace(/\.$/, ''))) {
        report({ code: 'zone-target-is-address', severity: 'warning', message: `The ${type} target '${target.raw}' is an IP address, but ${type} takes a host name (it now means ${target.name}). Point it at a name with an A record.`, span: { start: target.token.start, end: target.token.end } });
      }
      this.targetNames.push(target.name);
      this.targetTypes.push(type);
      this.targetStarts.push(target.token.start);
      this.targetEnds.push(target.token.end);
      this.targetFiles.push(rec.file);
    }
    if (!rec.generatedBy) this.mail.record(rec, report);

    let srcText = 0;
    let srcStart = 0;
    let srcEnd = 0;
    let srcSuffix = -1;
    if (o && form) {
      srcText = this.owners.textId(rec.text);
      srcStart = o.start;
      srcEnd = form === 'at' ? o.start : o.end;
      srcSuffix = this.owners.suffixCode(rec.origin, form);
    }
    const code = rrtype ? rrtype.code : this.owners.typeCode(type);
    const existing = this.owners.add(rec.owner, code, rec.ttl, span.start, span.end, rec.file, rec.ownerHash ?? hashName(rec.owner), srcText, srcStart, srcEnd, srcSuffix);
    if (existing) {
      if (rec.ttl !== existing.ttl) {
        report({ code: 'zone-ttl-mismatch', severity: 'warning', message: `TTL ${rec.ttl} differs from ${existing.ttl} of the other ${type} records of ${rec.owner}; an RRset has one TTL, and servers use the first one.`, span: rec.ttlSpan ?? rec.typeSpan, related: [related(`first ${type} record of ${rec.owner}`, existing)] });
      }
      if (type === 'CNAME' || type === 'DNAME' || type === 'SOA') {
        report({ code: type === 'CNAME' ? 'zone-multiple-cname' : 'zone-singleton-type', severity: 'error', message: `${rec.owner} has more than one ${type} record; a name can have only one.`, span, related: [related(`first ${type} record`, existing)] });
      }
    }
  }

  /**
   * Is the owner at or below the apex? An owner written relative (or as @) is the origin with
   * labels in front: when the origin is in the zone, so is the owner, decided without reading
   * the owner string (a concatenation V8 would otherwise flatten for every record).
   */
  private inZone(rec: ZoneRecord, form: 'at' | 'absolute' | 'relative' | undefined, apex: string): boolean {
    if (form === 'at' || form === 'relative') {
      if (rec.origin !== this.originSeen || apex !== this.apexSeen) {
        this.originSeen = rec.origin;
        this.apexSeen = apex;
        this.originInApex = isAtOrBelow(rec.origin, apex);
      }
      if (this.originInApex) return true;
    }
    return isAtOrBelow(rec.owner, apex);
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
    let n = name;
    while (n.length > apex.length) {
      if (this.owners.has(n, 'NS')) return true;
      const dot = n.indexOf('.');
      if (dot === -1 || dot === n.length - 1) break;
      n = n.slice(dot + 1);
    }
    return false;
  }

  private checkCnames(): void {
    for (const owner of this.owners.ownersWithOthers(CNAME_CODE, CNAME_COMPANION_CODES)) {
      const sets = this.owners.rrsets(owner);
      const cname = sets.find((s) => s.type === 'CNAME');
      if (!cname) continue;
      const others = sets.filter((s) => !CNAME_COMPANIONS.has(s.type));
      if (!others.length) continue;
      this.add(
        {
          code: 'zone-cname-and-other-data',
          severity: 'error',
          message: `${owner} has a CNAME and other records (${others.map((o) => o.type).join(', ')}). A CNAME must be the only record at its name (RFC 1034 §3.6.2); BIND refuses the zone.`,
          span: cname.span,
          related: others.map((o) => related(`${o.type} record at the same name`, o)),
        },
        cname.file,
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
    if (!this.owners.has(apex, 'NS')) {
      this.add({ code: 'zone-no-ns', severity: 'error', message: `The zone ${apex} has no NS records at its apex; name servers refuse a zone without them.`, span: first!.ref.span }, first!.ref.file);
    }
  }

  private checkTargets(apex: string): void {
    if (apex === '.') return;
    for (let k = 0; k < this.targetNames.length; k++) {
      const name = this.targetNames[k]!;
      if (name === '.' || !isSubdomain(name, apex) || !this.owners.exists(name)) continue; // may be delegated or outside this file
      const type = this.targetTypes[k]!;
      const span = { start: this.targetStarts[k]!, end: this.targetEnds[k]! };
      if (this.owners.has(name, 'CNAME')) {
        this.add({ code: 'zone-target-is-cname', severity: 'warning', message: `The ${type} target ${name} is a CNAME; ${type} records must point at a name with A/AAAA records (RFC 2181 §10.3).`, span }, this.targetFiles[k]);
      } else if (!this.owners.has(name, 'A') && !this.owners.has(name, 'AAAA')) {
        this.add({ code: 'zone-target-no-address', severity: 'warning', message: `The ${type} target ${name} has no A or AAAA record in this zone.`, span }, this.targetFiles[k]);
      }
    }
  }

  private checkDnames(): void {
    if (!this.dnames.length) return;
    for (const owner of this.owners.names()) {
      for (let i = owner.indexOf('.'); i !== -1 && i < owner.length - 1; i = owner.indexOf('.', i + 1)) {
        const parent = owner.slice(i + 1);
        if (this.owners.has(parent, 'DNAME')) {
          const s = this.owners.rrsets(owner)[0]!;
          this.add({ code: 'zone-data-below-dname', severity: 'warning', message: `${owner} lies below the DNAME at ${parent}; resolvers never see it, because the DNAME redirects the whole subtree.`, span: s.span }, s.file);
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

export interface LintResult {
  findings: Finding[];
  apex: string;
  recordCount: number;
  includes: ParseResult['includes'];
}

/** Lints a zone without keeping its records (the CLI's path for large files). */
export function lintZone(text: string, options: LintOptions = {}): LintResult {
  // Zone files run 30–60 bytes a record; sizing the tables once spares re-hashing (and
  // over-sizing costs little: pages of a typed array are only mapped when written).
  const linter = new ZoneLinter({ ...options, expectedRecords: options.expectedRecords ?? Math.ceil(text.length / 45) });
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
