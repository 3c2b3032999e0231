import type { Finding, Span } from '../findings';
import { parseDkimKeyRecord } from '../mailrecords/dkim';
import { parseDmarcRecord } from '../mailrecords/dmarc';
import { isSpfRecord, parseSpfRecord, SPF_LOOKUP_LIMIT } from '../mailrecords/spf';
import { isSubdomain, nameKey, shownName } from './names';
import { clipped } from '../text/visible';
import { joinTxt, mapSpan, startsWithVersionTag } from './txtValue';
import type { ZoneRecord } from './types';

/** What the zone-wide SPF checks need of one record — nothing more is kept. */
interface SpfEntry {
  owner: string;
  lookupCount: number;
  /** include:/redirect= targets without macros, with their spans in the file. */
  targets: { domain: string; term: string; isRedirect: boolean; span: Span }[];
  report: (f: Finding) => void;
  span: Span;
}

/** Second label is `_domainkey`: `selector._domainkey.example.com.` (selector may have several labels). */
function dkimSelector(owner: string): boolean {
  return /^[^.]+(\.[^.]+)*\._domainkey\./i.test(owner);
}

function isDmarcOwner(owner: string): boolean {
  return /^_dmarc\./i.test(owner);
}

/**
 * Validates DKIM, SPF and DMARC records found in a zone with the same validators the
 * live checks use (src/core/mailrecords), mapping their findings back to the file, and
 * checks SPF across the zone: one SPF record per name, and the 10-lookup limit counted
 * through includes whose targets are in this zone.
 */
export class MailRecordChecker {
  private readonly spf = new Map<string, SpfEntry[]>();

  record(rec: ZoneRecord, report: (f: Finding) => void): void {
    if ((rec.type !== 'TXT' && rec.type !== 'SPF') || rec.generic || rec.rdata.length === 0) return;
    const owner = rec.owner;
    const dkim = dkimSelector(owner);
    const dmarc = isDmarcOwner(owner);
    if (!dkim && !dmarc && !startsWithVersionTag(rec)) return;
    const value = joinTxt(rec);
    const mapped = (f: Finding): Finding => ({ ...f, span: mapSpan(value, f.span) });
    const v = value.value;
    if (rec.type === 'SPF') {
      report({ code: 'zone-spf-type', severity: 'warning', message: 'The SPF record type (99) is obsolete: receivers look only at TXT (RFC 7208 §3.1). Publish this value as a TXT record.', span: rec.typeSpan });
    }
    if (isSpfRecord(v)) {
      const { record, findings } = parseSpfRecord(v);
      for (const f of findings) report(mapped(f));
      if (rec.type === 'TXT') {
        const key = nameKey(owner);
        const list = this.spf.get(key) ?? [];
        const targets = [...record.includes, ...(record.redirect ? [record.redirect] : [])]
          .filter((t) => !t.hasMacros)
          .map((t) => ({ domain: t.domain, term: t.term.text, isRedirect: t.term.name === 'redirect', span: mapSpan(value, t.span) }));
        list.push({ owner, lookupCount: record.lookupCount, targets, report, span: { start: rec.rdata[0]!.start, end: rec.rdata[rec.rdata.length - 1]!.end } });
        this.spf.set(key, list);
      }
      return;
    }
    if (rec.type !== 'TXT') return;
    if (dkim) {
      // TXT records below _domainkey that are not key records (notes, old DomainKeys policies) are left alone.
      if (/^\s*(v\s*=|p\s*=|k\s*=)/i.test(v) || /(^|;)\s*p\s*=/i.test(v)) {
        const { findings } = parseDkimKeyRecord(v);
        for (const f of findings) report(mapped(f));
      }
      return;
    }
    if (dmarc) {
      const { findings } = parseDmarcRecord(v);
      for (const f of findings) report(mapped(f));
      return;
    }
    if (/^v=DKIM1/i.test(v)) {
      report({ code: 'dkim-wrong-owner', severity: 'warning', message: `This looks like a DKIM key, but ${shownName(owner)} is not of the form <selector>._domainkey.<domain>, where verifiers look for it.`, span: { start: rec.rdata[0]!.start, end: rec.rdata[rec.rdata.length - 1]!.end } });
    } else if (/^v=DMARC1/i.test(v)) {
      report({ code: 'dmarc-wrong-owner', severity: 'warning', message: `This looks like a DMARC policy, but receivers look for it only at _dmarc.<domain>, not at ${shownName(owner)}.`, span: { start: rec.rdata[0]!.start, end: rec.rdata[rec.rdata.length - 1]!.end } });
    }
  }

  /** Names at or below a delegation (NS below the apex) are served elsewhere. */
  private isDelegated: (name: string) => boolean = () => false;

  finish(apex: string, isDelegated: (name: string) => boolean): void {
    this.isDelegated = isDelegated;
    for (const list of this.spf.values()) {
      for (const extra of list.slice(1)) {
        extra.report({
          code: 'spf-multiple-records',
          severity: 'error',
          message: `${shownName(extra.owner)} has ${list.length} SPF records; receivers then fail SPF with permerror for every message (RFC 7208 §4.5). Merge them into one record.`,
          span: extra.span,
          related: [{ message: 'first SPF record at this name', span: list[0]!.span }],
        });
      }
    }
    if (apex === '.' || !apex) return;
    const memo = new Map<string, SpfCount | 'loop'>();
    for (const [key, list] of this.spf) {
      const entry = list[0]!;
      const total = this.countLookups(key, apex, memo);
      if (total === 'loop' || total.count <= SPF_LOOKUP_LIMIT || entry.lookupCount > SPF_LOOKUP_LIMIT) continue;
      const path = total.path.length > PATH_SHOWN ? [...total.path.slice(0, PATH_SHOWN), '…'] : total.path;
      entry.report({
        code: 'spf-lookup-limit',
        severity: 'error',
        message: `Evaluating the SPF record of ${shownName(entry.owner)} takes ${total.count} DNS lookups counting the includes in this zone (${path.join(' → ')}); receivers stop at ${SPF_LOOKUP_LIMIT} and return permerror (RFC 7208 §4.6.4). Flatten includes or remove mechanisms.`,
        span: entry.span,
        data: { lookups: total.count },
      });
    }
  }

  /**
   * Lookups for the SPF record at `key`, following includes/redirect into this zone, as a
   * receiver counts them (a record included twice counts twice). Iterative depth-first
   * walk with a memo, so deep chains and records that include each other in many ways
   * cost time linear in the includes; a target on the current path is a loop. The path
   * lists each contributing record once, at most PATH_SHOWN of them.
   */
  private countLookups(root: string, apex: string, memo: Map<string, SpfCount | 'loop'>): SpfCount | 'loop' {
    const onPath = new Set<string>();
    const stack: { key: string; next: number; count: number; path: string[] }[] = [];
    const enter = (key: string): void => {
      const entry = this.spf.get(key)![0]!;
      onPath.add(key);
      stack.push({ key, next: 0, count: entry.lookupCount, path: [`${shownName(entry.owner)} (${entry.lookupCount})`] });
    };
    const cached = memo.get(root);
    if (cached) return cached;
    if (!this.spf.has(root)) return { count: 0, path: [] };
    enter(root);
    let result: SpfCount | 'loop' = 'loop';
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const entry = this.spf.get(top.key)![0]!;
      let finished: SpfCount | 'loop' | undefined;
      while (top.next < entry.targets.length && finished === undefined) {
        const t = entry.targets[top.next]!;
        const target = t.domain.endsWith('.') ? t.domain : t.domain + '.';
        const tkey = nameKey(target);
        if (!isSubdomain(target, apex)) { top.next++; continue; }
        if (onPath.has(tkey)) {
          entry.report({ code: 'spf-include-loop', severity: 'error', message: `${clipped(t.term, 60)} leads back to ${shownName(entry.owner)}: an include loop, which receivers end with permerror.`, span: t.span });
          finished = 'loop';
          break;
        }
        if (!this.spf.has(tkey)) {
          if (!this.isDelegated(target)) {
            const code = t.isRedirect ? 'spf-redirect-no-record' : 'spf-include-no-record';
            entry.report({ code, severity: 'error', message: `${clipped(t.term, 60)}: ${shownName(target)} is in this zone but has no SPF record here; receivers return permerror for every message (RFC 7208 §5.2).`, span: t.span });
          }
          top.next++;
          continue;
        }
        const sub = memo.get(tkey);
        if (sub === undefined) {
          enter(tkey); // descend; this target is taken up again when the child is done
          break;
        }
        top.next++;
        if (sub === 'loop' || sub.count === 0) continue;
        top.count += sub.count;
        for (const p of sub.path) if (top.path.length < PATH_SHOWN + 1 && !top.path.includes(p)) top.path.push(p);
      }
      if (finished === undefined && top !== stack[stack.length - 1]) continue; // a child was entered
      if (finished === undefined && top.next < entry.targets.length) continue;
      const done: SpfCount | 'loop' = finished ?? { count: top.count, path: top.path };
      memo.set(top.key, done);
      onPath.delete(top.key);
      stack.pop();
      result = done;
    }
    return result;
  }
}

/** Records in an lookup-limit message's path, at most. */
const PATH_SHOWN = 6;

interface SpfCount {
  count: number;
  /** Contributing records as "owner (lookups)", at most PATH_SHOWN + 1. */
  path: string[];
}
