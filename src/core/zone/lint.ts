import type { Finding, Span } from '../findings';
import { byPosition } from '../findings';
import { isIPv4 } from '../net/ip';
import { isAbsoluteAt, isSubdomain, nameKey, shownName } from './names';
import { clipped } from '../text/visible';
import { hashName, isAtOrBelow } from './nameTable';
import { scanZone } from './parser';
import { checkGenericRdata, checkRdata, type RdataName } from './rdata';
import { OwnerIndex, type RRsetRef } from './ownerIndex';
import { relativeNameProblem } from './relativeNames';
import { lookupType } from './rrtypes';
import { checkSemicolonComment, checkTxtLengths, type TxtCheckOptions } from './txtChecks';
import type { Directive, Entry, ParseOptions, ParseResult, ZoneRecord } from './types';
import { MailRecordChecker } from './mailChecks';
import { cdsProblems, nsec3paramProblems } from './dnssecKeys';
import { rdataWire } from './wire';

export interface LintOptions extends ParseOptions, TxtCheckOptions {
  /** Roughly how many records to expect (sizes the name tables once); lintZone estimates it from the text. */
  expectedRecords?: number;
  /**
   * The text is a fragment, not a zone: records to create at another DNS host (the external
   * half of "Move DKIM key behind a CNAME"). No SOA/apex check, and no web-form warning
   * (the record is the one that host accepts).
   */
  fragment?: boolean;
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
  /** 1 when the MX/NS/SRV record is owned by the apex (an apex NS without address is an error). */
  private readonly targetAtApex: number[] = [];
  /** isAtOrBelow(origin, apex) for the last origin and apex seen (records come in runs of one origin). */
  private originSeen = '';
  private apexSeen = '';
  private originInApex = false;
  private readonly dnames: string[] = [];
  /** DNSKEY, CDS and CDNSKEY records at the apex (few), for the CDS/CDNSKEY consistency check. */
  private readonly keySets: { type: string; wire: Uint8Array; ref: Ref }[] = [];
  /** The apex SOA's rdata (hex), to tell a repeated identical SOA (ignored) from a second one. */
  private apexSoa: string | undefined;
  private soaRefs: { owner: string; ref: Ref }[] = [];
  readonly findings: Finding[] = [];
  private readonly mail: MailRecordChecker;

  constructor(private readonly options: LintOptions) {
    if (options.fragment) this.options = { ...options, webFormWarning: false };
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
    // Parse-level checks (BIND refuses a character-string over 255 bytes while reading the
    // record, before it decides the record is out of zone): for every record.
    if ((rec.type === 'TXT' || rec.type === 'SPF') && !rec.generic) {
      checkTxtLengths(rec, report, this.options);
      checkSemicolonComment(rec, report);
    }
    if (apex && apex !== '.' && !this.inZone(rec, form, apex)) {
      // BIND reads the record, then ignores it: it takes no part in the zone's checks.
      report({ code: 'zone-out-of-zone', severity: 'warning', message: `${shownName(rec.owner)} is outside the zone ${shownName(apex)}; BIND ignores this record ("ignoring out-of-zone data").`, span: rec.ownerSpan ?? rec.typeSpan });
      return;
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
    const span = refSpan(rec);
    if (type === 'DS' || type === 'NS' || type === 'DNSKEY' || type === 'CDS' || type === 'CDNSKEY' || type === 'NSEC3PARAM' || type === 'SOA') this.apexChecks(rec, apex, span, report);
    if (type === 'SOA') this.soaRefs.push({ owner: rec.owner, ref: { span, file: rec.file } });
    else if (type === 'DNAME') this.dnames.push(rec.owner);
    else if ((type === 'MX' || type === 'NS' || type === 'SRV') && names && names.length) {
      const target = names[names.length - 1]!;
      if (isIPv4(target.raw) || isIPv4(target.raw.replace(/\.$/, ''))) {
        report({ code: 'zone-target-is-address', severity: 'warning', message: `The ${type} target '${clipped(target.raw, 60)}' is an IP address, but ${type} takes a host name (it now means ${shownName(target.name)}). Point it at a name with an A record.`, span: { start: target.token.start, end: target.token.end } });
      }
      this.targetNames.push(target.name);
      this.targetTypes.push(type);
      this.targetStarts.push(target.token.start);
      this.targetEnds.push(target.token.end);
      this.targetFiles.push(rec.file);
      this.targetAtApex.push(type === 'NS' && nameKey(rec.owner) === nameKey(apex) ? 1 : 0);
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
        report({ code: 'zone-ttl-mismatch', severity: 'warning', message: `TTL ${rec.ttl} differs from ${existing.ttl} of the other ${type} records of ${shownName(rec.owner)}; an RRset has one TTL, and servers use the first one.`, span: rec.ttlSpan ?? rec.typeSpan, related: [related(`first ${type} record of ${shownName(rec.owner)}`, existing)] });
      }
      const sameSoa = type === 'SOA' && this.apexSoa !== undefined && rdataWireHex(rec) === this.apexSoa;
      if ((type === 'CNAME' || type === 'DNAME' || type === 'SOA') && !sameSoa) {
        report({ code: type === 'CNAME' ? 'zone-multiple-cname' : 'zone-singleton-type', severity: 'error', message: `${shownName(rec.owner)} has more than one ${type} record; a name can have only one.`, span, related: [related(`first ${type} record`, existing)] });
      }
    }
  }

  /** DS at the apex, NS at a wildcard, and the apex's DNSKEY/CDS/CDNSKEY for the consistency check. */
  private apexChecks(rec: ZoneRecord, apex: string, span: Span, report: (f: Finding) => void): void {
    const type = rec.type;
    const atApex = apex !== '' && nameKey(rec.owner) === nameKey(apex);
    if (type === 'DS') {
      if (atApex) report({ code: 'zone-ds-at-apex', severity: 'error', message: `A DS record belongs in the parent zone, at a delegation; at the top of the zone ${shownName(apex)} BIND refuses it ("DS record at top of zone").`, span });
      return;
    }
    if (type === 'NS') {
      if (rec.owner === '*.' || rec.owner.startsWith('*.')) report({ code: 'zone-ns-wildcard', severity: 'error', message: `NS records cannot be owned by a wildcard (${shownName(rec.owner)}); BIND refuses them ("invalid NS owner name (wildcard)").`, span: rec.ownerSpan ?? rec.typeSpan });
      return;
    }
    if (!atApex) return;
    if (type === 'SOA') {
      // BIND drops a second SOA that is identical to the first; only a different one is an error.
      if (this.apexSoa === undefined) this.apexSoa = rdataWireHex(rec);
      return;
    }
    let wire: Uint8Array;
    try {
      wire = rdataWire(rec);
    } catch {
      return; // reported by the rdata check
    }
    this.keySets.push({ type, wire, ref: { span, file: rec.file } });
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
    for (const p of nsec3paramProblems(this.keySets)) this.add({ code: 'zone-bad-nsec3param', severity: 'error', message: p.message, span: p.ref.span }, p.ref.file);
    for (const p of cdsProblems(apex, this.keySets)) this.add({ code: p.severity === 'error' ? 'zone-cds-mismatch' : 'zone-cds-no-key', severity: p.severity, message: p.message, span: p.ref.span }, p.ref.file);
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
          message: `${shownName(owner)} has a CNAME and other records (${others.map((o) => o.type).join(', ')}). A CNAME must be the only record at its name (RFC 1034 §3.6.2); BIND refuses the zone.`,
          span: cname.span,
          related: others.map((o) => related(`${o.type} record at the same name`, o)),
        },
        cname.file,
      );
    }
  }

  private checkApex(apex: string, hasRecords: boolean): void {
    if (this.options.fragment) {
      if (hasRecords) this.findings.push({ code: 'zone-fragment', severity: 'info', message: 'Records to create at another DNS host, checked as a fragment: no SOA needed, and no web-form length warning (this is the record that host accepts).', span: { start: 0, end: 0 } });
      return;
    }
    if (this.soaRefs.length === 0) {
      if (hasRecords) this.findings.push({ code: 'zone-no-soa', severity: 'info', message: 'This file has no SOA record, so it is checked as a fragment (for $INCLUDE); a complete zone starts with an SOA record.', span: { start: 0, end: 0 } });
      return;
    }
    const [first, ...rest] = this.soaRefs;
    for (const s of rest) {
      if (nameKey(s.owner) === nameKey(first!.owner)) continue; // reported as a second SOA at one name
      this.add({ code: 'zone-soa-not-at-apex', severity: 'error', message: `SOA record not at the top of the zone (${shownName(s.owner)}; the zone is ${shownName(apex)}). A zone has exactly one SOA, at its apex.`, span: s.ref.span }, s.ref.file);
    }
    if (nameKey(first!.owner) !== nameKey(apex)) {
      this.add({ code: 'zone-soa-not-at-apex', severity: 'error', message: `SOA record at ${shownName(first!.owner)}, but the zone is ${shownName(apex)}. The SOA belongs at the zone's apex.`, span: first!.ref.span }, first!.ref.file);
      return;
    }
    if (!this.owners.has(apex, 'NS')) {
      this.add({ code: 'zone-no-ns', severity: 'error', message: `The zone ${shownName(apex)} has no NS records at its apex; name servers refuse a zone without them.`, span: first!.ref.span }, first!.ref.file);
    }
  }

  private checkTargets(apex: string): void {
    if (apex === '.' && this.soaRefs.length === 0) return;
    // A fragment (no SOA) may be $INCLUDE'd where the addresses are: then only names that exist are judged.
    const complete = this.soaRefs.length > 0;
    for (let k = 0; k < this.targetNames.length; k++) {
      const name = this.targetNames[k]!;
      if (name === '.' && this.targetTypes[k] !== 'NS') continue; // "no service" (RFC 7505, RFC 2782)
      if (!isSubdomain(name, apex) || (!complete && !this.owners.exists(name))) continue;
      const type = this.targetTypes[k]!;
      const span = { start: this.targetStarts[k]!, end: this.targetEnds[k]! };
      const dname = this.dnameAbove(name);
      if (dname !== undefined) {
        // BIND refuses the zone for the apex's own name servers; a delegation below a DNAME it loads.
        if (type === 'NS' && this.targetAtApex[k] === 1) this.add({ code: 'zone-ns-below-dname', severity: 'error', message: `The name server ${shownName(name)} lies below the DNAME at ${shownName(dname)}, so it cannot be resolved; BIND refuses the zone ("is below a DNAME (illegal)").`, span }, this.targetFiles[k]);
        continue;
      }
      if (this.isDelegated(name, apex)) {
        // Below a delegation BIND looks for glue: it warns for MX/SRV targets without it (NS it leaves to the child).
        if (type !== 'NS' && !this.owners.has(name, 'A') && !this.owners.has(name, 'AAAA')) {
          this.add({ code: 'zone-target-no-address', severity: 'warning', message: `The ${type} target ${shownName(name)} is below a delegation and has no address records (A or AAAA) here as glue (BIND warns the same).`, span }, this.targetFiles[k]);
        }
        continue;
      }
      if (!this.owners.has(name, 'A') && !this.owners.has(name, 'AAAA') && this.wildcardAddress(name, apex)) continue;
      if (this.owners.has(name, 'CNAME')) {
        this.add({ code: 'zone-target-is-cname', severity: 'warning', message: `The ${type} target ${shownName(name)} is a CNAME; ${type} records must point at a name with A/AAAA records (RFC 2181 §10.3).`, span }, this.targetFiles[k]);
      } else if (!this.owners.has(name, 'A') && !this.owners.has(name, 'AAAA')) {
        const apexNs = type === 'NS' && this.targetAtApex[k] === 1 && complete;
        this.add(
          {
            code: apexNs ? 'zone-ns-no-address' : 'zone-target-no-address',
            severity: apexNs ? 'error' : 'warning',
            message: apexNs
              ? `The name server ${shownName(name)} is in this zone but has no address records (A or AAAA); BIND refuses the zone. Add its A/AAAA record.`
              : `The ${type} target ${shownName(name)} has no address records (A or AAAA) in this zone (BIND warns the same).`,
            span,
          },
          this.targetFiles[k],
        );
      }
    }
  }

  /** Does a wildcard with an address answer for `name` (RFC 4592: only when `name` itself does not exist)? */
  private wildcardAddress(name: string, apex: string): boolean {
    if (this.owners.exists(name)) return false;
    let p = name;
    while (p.length > apex.length) {
      const dot = p.indexOf('.');
      if (dot === -1 || dot === p.length - 1) return false;
      p = p.slice(dot + 1);
      if (this.owners.exists(p)) break;
    }
    const w = p === '.' ? '*.' : `*.${p}`;
    return this.owners.has(w, 'A') || this.owners.has(w, 'AAAA');
  }

  /** The DNAME owner strictly above `name`, if any. */
  private dnameAbove(name: string): string | undefined {
    if (!this.dnames.length) return undefined;
    for (let i = name.indexOf('.'); i !== -1 && i < name.length - 1; i = name.indexOf('.', i + 1)) {
      const parent = name.slice(i + 1);
      if (this.owners.has(parent, 'DNAME')) return parent;
    }
    return this.owners.has('.', 'DNAME') && name !== '.' ? '.' : undefined;
  }

  private checkDnames(): void {
    if (!this.dnames.length) return;
    for (const owner of this.owners.names()) {
      for (let i = owner.indexOf('.'); i !== -1 && i < owner.length - 1; i = owner.indexOf('.', i + 1)) {
        const parent = owner.slice(i + 1);
        if (this.owners.has(parent, 'DNAME')) {
          const s = this.owners.rrsets(owner)[0]!;
          this.add({ code: 'zone-data-below-dname', severity: 'warning', message: `${shownName(owner)} lies below the DNAME at ${shownName(parent)}; resolvers never see it, because the DNAME redirects the whole subtree.`, span: s.span }, s.file);
          break;
        }
      }
    }
  }
}

function rdataWireHex(rec: ZoneRecord): string {
  try {
    return Buffer.from(rdataWire(rec)).toString('hex');
  } catch {
    return '?';
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
