/**
 * Comparing a DKIM, SPF or DMARC record as written in a zone file with what the DNS
 * publishes: equal text, equal meaning (spacing, case of tag values where it does not
 * matter, how the value was split into strings), or a list of the tags / terms that
 * differ. Pure: the live lookup is in zoneCompare.ts.
 */
import { isDmarcRecord, isSpfRecord, parseSpfRecord, tokenizeTagList } from '../mailrecords';

export type MailRecordKind = 'dkim' | 'spf' | 'dmarc';

export interface ValueDifference {
  /** The tag (`p=`), the SPF term, or `order of terms`. */
  item: string;
  /** What the zone file says; undefined when the item is only in the live record. */
  zone?: string;
  /** What the DNS answers; undefined when the item is only in the file. */
  live?: string;
}

export interface ValueComparison {
  /** The two say the same thing to a verifier. */
  same: boolean;
  /** The joined text is identical, character for character. */
  exact: boolean;
  differences: ValueDifference[];
}

const noFws = (v: string): string => v.replace(/[ \t\r\n]+/g, '');

/** DKIM tag values whose case does not matter (RFC 6376 §3.6.1: k, h, s, t are tokens compared case-insensitively by verifiers). */
const DKIM_CASELESS = new Set(['v', 'k', 'h', 's', 't']);

function tagMap(kind: 'dkim' | 'dmarc', value: string): Map<string, { name: string; value: string }> {
  const list = tokenizeTagList(value, { prefix: kind, what: kind === 'dkim' ? 'DKIM key record' : 'DMARC record', normalize: kind === 'dmarc' ? (n) => n.toLowerCase() : undefined });
  const out = new Map<string, { name: string; value: string }>();
  for (const t of list.tags) {
    if (t.duplicate) continue;
    out.set(kind === 'dmarc' ? t.name.toLowerCase() : t.name, { name: t.name, value: t.value });
  }
  return out;
}

function normalTagValue(kind: 'dkim' | 'dmarc', name: string, value: string): string {
  if (kind === 'dkim') return DKIM_CASELESS.has(name) ? noFws(value).toLowerCase() : noFws(value);
  // DMARC: tag values are case-insensitive (RFC 7489 §6.3) except the local part of report URIs; ignore spacing around list items.
  const v = value.replace(/\s*([,:;!])\s*/g, '$1').trim();
  return name === 'rua' || name === 'ruf' ? v.replace(/^mailto:/i, 'mailto:') : v.toLowerCase();
}

function compareTags(kind: 'dkim' | 'dmarc', zone: string, live: string): ValueDifference[] {
  const z = tagMap(kind, zone);
  const l = tagMap(kind, live);
  const diffs: ValueDifference[] = [];
  for (const [key, zt] of z) {
    const lt = l.get(key);
    if (!lt) diffs.push({ item: `${zt.name}=`, zone: zt.value });
    else if (normalTagValue(kind, key, zt.value) !== normalTagValue(kind, key, lt.value)) diffs.push({ item: `${zt.name}=`, zone: zt.value, live: lt.value });
  }
  for (const [key, lt] of l) if (!z.has(key)) diffs.push({ item: `${lt.name}=`, live: lt.value });
  return diffs;
}

/** SPF terms as a verifier reads them: names, qualifiers and domains are case-insensitive. */
function spfTerms(value: string): string[] {
  const { record } = parseSpfRecord(value);
  return record.terms.map((t) => {
    const text = t.text.toLowerCase();
    return t.qualifier === '+' && t.qualifierExplicit ? text.slice(1) : text;
  });
}

const body = (term: string): string => term.replace(/^[-~?+]/, '');

function compareSpf(zone: string, live: string): ValueDifference[] {
  const z = spfTerms(zone);
  const l = spfTerms(live);
  const onlyZone: string[] = [];
  const onlyLive = [...l];
  for (const t of z) {
    const i = onlyLive.indexOf(t);
    if (i >= 0) onlyLive.splice(i, 1);
    else onlyZone.push(t);
  }
  const diffs: ValueDifference[] = [];
  for (const t of onlyZone) {
    // the same mechanism with another qualifier (-all / ~all) is one change, not two
    const i = onlyLive.findIndex((x) => body(x) === body(t));
    if (i >= 0) diffs.push({ item: body(t), zone: t, live: onlyLive.splice(i, 1)[0]! });
    else diffs.push({ item: t, zone: t });
  }
  for (const t of onlyLive) diffs.push({ item: t, live: t });
  // Same terms in another order: evaluation order decides which mechanism matches first.
  if (diffs.length === 0 && z.join(' ') !== l.join(' ')) diffs.push({ item: 'order of terms', zone: z.join(' '), live: l.join(' ') });
  return diffs;
}

export function compareValues(kind: MailRecordKind, zone: string, live: string): ValueComparison {
  if (zone === live) return { same: true, exact: true, differences: [] };
  const differences = kind === 'spf' ? compareSpf(zone, live) : compareTags(kind, zone, live);
  return { same: differences.length === 0, exact: false, differences };
}

/** The live values that are records of `kind` (a name may hold other TXT records too). */
export function recordsOfKind(kind: MailRecordKind, values: readonly string[]): string[] {
  if (kind === 'spf') return values.filter(isSpfRecord);
  if (kind === 'dmarc') return values.filter(isDmarcRecord);
  // At a DKIM name every TXT is meant as the key (verifiers read whatever is there).
  return [...values];
}

/**
 * The live value that best matches the zone's: an identical one, else one with the same
 * meaning, else the one with the fewest differences. Undefined when `candidates` is empty.
 */
export function bestMatch(kind: MailRecordKind, zone: string, candidates: readonly string[]): { value: string; comparison: ValueComparison } | undefined {
  let best: { value: string; comparison: ValueComparison } | undefined;
  for (const value of candidates) {
    const comparison = compareValues(kind, zone, value);
    if (comparison.exact) return { value, comparison };
    const better = !best || (comparison.same && !best.comparison.same) || (comparison.same === best.comparison.same && comparison.differences.length < best.comparison.differences.length);
    if (better) best = { value, comparison };
  }
  return best;
}
