/**
 * Microsoft 365 / Exchange anti-spam headers decoded field by field, each value with
 * its meaning (see msTables.ts for the sources), and the few facts that explain where
 * the message landed: SCL, BCL, PCL, SFV, CAT and the mailbox destination.
 */
import { pushAll } from '../arrays';
import type { Finding } from '../findings';
import * as T from './msTables';
import { sourceSpanOf } from './parse';
import type { AntispamSummary, DecodedItem, HeaderField, MicrosoftHeader } from './types';

interface Pair {
  key: string;
  value: string;
  start: number;
  end: number;
}

/** Splits `KEY:VALUE;KEY:VALUE;` keeping offsets into the unfolded value. */
function pairs(value: string): Pair[] {
  const out: Pair[] = [];
  let pos = 0;
  for (const part of value.split(';')) {
    const start = pos + (part.length - part.trimStart().length);
    pos += part.length + 1;
    const t = part.trim();
    if (!t) continue;
    const colon = t.indexOf(':');
    out.push({ key: colon < 0 ? t : t.slice(0, colon).trim(), value: colon < 0 ? '' : t.slice(colon + 1).trim(), start, end: start + t.length });
  }
  return out;
}

function intOf(v: string): number | null {
  return /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : null;
}

function forefrontItem(p: Pair): Omit<DecodedItem, 'span'> {
  const key = p.key.toUpperCase();
  const v = p.value;
  const label = T.FOREFRONT_LABELS[key] ?? p.key;
  const item = (meaning: string, documented = true) => ({ key: p.key, value: v, label, meaning, documented });
  switch (key) {
    case 'CIP':
      return item(v ? `The message connected from ${v}; use this address in the connection filter's IP Allow or Block List.` : 'No connecting IP recorded.');
    case 'CTRY':
      return item(v ? `Country/region ${v}, from the connecting IP (not necessarily the original sender).` : 'Not determined.');
    case 'LANG':
      return item(v ? `Written in ${v}.` : 'Not determined.');
    case 'H':
      return item(v ? `The connecting server introduced itself as ${v}.` : 'No HELO/EHLO name recorded.');
    case 'PTR':
      return item(v ? `The connecting IP's reverse DNS is ${v}.` : 'The connecting IP has no reverse DNS name (or it was not recorded).');
    case 'SCL': {
      const n = intOf(v);
      return n === null ? item('Not a number.', false) : item(T.sclMeaning(n));
    }
    case 'SRV':
      return v.toUpperCase() === 'BULK'
        ? item('Identified as bulk email by spam filtering and the BCL threshold; with MarkAsSpamBulkMail on (the default) it is treated as spam.')
        : item(v ? 'Undocumented value.' : 'Not bulk.', !v);
    case 'IPV':
      return T.IPV[v.toUpperCase()] ? item(T.IPV[v.toUpperCase()]!) : item(v ? 'Undocumented IP verdict.' : 'No IP verdict.', !v);
    case 'SFV':
      return T.SFV[v.toUpperCase()] ? item(T.SFV[v.toUpperCase()]!) : item(v ? 'Undocumented spam filtering verdict.' : 'No verdict.', !v);
    case 'CAT':
      return T.CAT[v.toUpperCase()] ? item(T.CAT[v.toUpperCase()]!) : item(v ? 'Undocumented category.' : 'No category.', !v);
    case 'DIR':
      return T.DIR[v.toUpperCase()] ? item(T.DIR[v.toUpperCase()]!) : item('Undocumented direction.', false);
    case 'SFTY':
      return !v ? item('No safety tip.') : T.SFTY[v] ? item(T.SFTY[v]!) : item('Undocumented safety value.', false);
    case 'SFS': {
      const codes = [...v.matchAll(/\((\d+)\)/g)].map((m) => m[1]!);
      return item(
        codes.length
          ? `Spam filter rules ${codes.join(', ')} matched. Microsoft does not document these rule codes (undocumented); compare them between messages, not against a list.`
          : 'No rule codes.',
        false,
      );
    }
    case 'ARC':
      return item('ARC details recorded by Microsoft 365 (AAR, AMS, AS with cv=).');
    default:
      return { key: p.key, value: v, label: p.key, meaning: 'Not documented by Microsoft (used by its anti-spam team for diagnostics).', documented: false };
  }
}

function antispamItem(p: Pair): Omit<DecodedItem, 'span'> {
  const key = p.key.toUpperCase();
  const n = intOf(p.value);
  if (key === 'BCL' && n !== null) return { key: p.key, value: p.value, label: 'Bulk complaint level', meaning: T.bclMeaning(n), documented: true };
  if (key === 'PCL' && n !== null) return { key: p.key, value: p.value, label: 'Phishing confidence level', meaning: T.pclMeaning(n), documented: true };
  return { key: p.key, value: p.value, label: p.key, meaning: 'Not documented by Microsoft (diagnostic data for its anti-spam team).', documented: false };
}

function deliveryItem(p: Pair): Omit<DecodedItem, 'span'> {
  const known = T.MAILBOX_DELIVERY[p.key] ?? T.MAILBOX_DELIVERY[p.key.toLowerCase()];
  let meaning = known ?? 'Not documented by Microsoft.';
  if (p.key.toLowerCase() === 'dest') {
    const d = T.MAILBOX_DEST[p.value.toUpperCase()];
    meaning = d ? `Delivered to the ${d}. (Microsoft does not document this header; observed meaning.)` : 'Unknown destination code.';
  } else if (known) meaning += ' (Microsoft does not document this header; observed meaning.)';
  return { key: p.key, value: p.value, label: p.key, meaning, documented: false };
}

function single(field: HeaderField, label: string, meaning: string, documented: boolean): DecodedItem {
  return { key: field.name, value: field.unfolded, label, meaning, documented, span: field.valueSpan };
}

export function decodeMicrosoftHeaders(fields: HeaderField[]): { antispam: AntispamSummary; findings: Finding[] } {
  const microsoft: MicrosoftHeader[] = [];
  const findings: Finding[] = [];
  const summary: AntispamSummary = { microsoft, scl: null, bcl: null, pcl: null, sfv: null, cat: null, dest: null };
  const spanOf = (f: HeaderField, p: Pair) => sourceSpanOf(f, p.start, p.end);
  for (const f of fields) {
    let items: DecodedItem[] | null = null;
    switch (f.lname) {
      case 'x-forefront-antispam-report':
        items = pairs(f.unfolded).map((p) => ({ ...forefrontItem(p), span: spanOf(f, p) }));
        for (const it of items) {
          const k = it.key.toUpperCase();
          if (k === 'SCL' && summary.scl === null) summary.scl = intOf(it.value);
          if (k === 'SFV' && summary.sfv === null) summary.sfv = it.value.toUpperCase() || null;
          if (k === 'CAT' && summary.cat === null) summary.cat = it.value.toUpperCase() || null;
        }
        break;
      case 'x-microsoft-antispam':
        items = pairs(f.unfolded).map((p) => ({ ...antispamItem(p), span: spanOf(f, p) }));
        for (const it of items) {
          if (it.key.toUpperCase() === 'BCL' && summary.bcl === null) summary.bcl = intOf(it.value);
          if (it.key.toUpperCase() === 'PCL' && summary.pcl === null) summary.pcl = intOf(it.value);
        }
        break;
      case 'x-microsoft-antispam-mailbox-delivery':
        items = pairs(f.unfolded).map((p) => ({ ...deliveryItem(p), span: spanOf(f, p) }));
        summary.dest = items.find((i) => i.key.toLowerCase() === 'dest')?.value.toUpperCase() ?? summary.dest;
        break;
      case 'x-ms-exchange-organization-scl': {
        const n = intOf(f.unfolded);
        items = [single(f, 'Spam confidence level', n === null ? 'Not a number.' : T.sclMeaning(n), n !== null)];
        if (summary.scl === null) summary.scl = n;
        break;
      }
      case 'x-ms-exchange-organization-pcl': {
        const n = intOf(f.unfolded);
        items = [single(f, 'Phishing confidence level', n === null ? 'Not a number.' : T.pclMeaning(n), n !== null)];
        break;
      }
      case 'x-ms-exchange-organization-authas': {
        const m = T.AUTH_AS[f.unfolded.toLowerCase()];
        items = [single(f, 'How the sender authenticated to Exchange', m?.meaning ?? 'Unknown value.', m?.documented ?? false)];
        break;
      }
      case 'x-ms-exchange-organization-authsource':
        items = [single(f, 'Server that judged authentication', `${f.unfolded} is the server in your organisation that accepted the message and decided how it was authenticated (undocumented header; observed meaning).`, false)];
        break;
      case 'x-ms-exchange-organization-messagedirectionality': {
        const m = T.DIRECTIONALITY[f.unfolded.toLowerCase()];
        items = [single(f, 'Direction', m?.meaning ?? 'Unknown value.', false)];
        break;
      }
      case 'x-ms-exchange-organization-antispam-report':
        items = pairs(f.unfolded).map((p) => {
          const m = T.ONPREM_REPORT[p.key.toUpperCase()];
          return { key: p.key, value: p.value, label: p.key, meaning: m ?? 'Not documented by Microsoft.', documented: !!m, span: spanOf(f, p) };
        });
        break;
      case 'x-customspam':
        items = [single(f, 'Advanced Spam Filter', `The message matched the ASF setting "${f.unfolded}" (added after mail flow rules ran, so rules cannot act on it).`, true)];
        break;
      default:
        break;
    }
    if (items) microsoft.push({ headerIndex: f.index, name: f.name, items });
  }
  pushAll(findings, verdictFindings(summary, fields));
  return { antispam: summary, findings };
}

const THREAT_CATS = new Set(['PHSH', 'HPHSH', 'HPHISH', 'MALW', 'AMP', 'SAP', 'FTBP', 'UIMP', 'DIMP', 'GIMP', 'BIMP', 'SPOOF', 'INTOS']);
const SPAM_CATS = new Set(['SPM', 'HSPM', 'BULK', 'OSPM']);

function verdictFindings(s: AntispamSummary, fields: HeaderField[]): Finding[] {
  const out: Finding[] = [];
  const ff = fields.find((f) => f.lname === 'x-forefront-antispam-report');
  const mbd = fields.find((f) => f.lname === 'x-microsoft-antispam-mailbox-delivery');
  const span = (ff ?? fields.find((f) => f.lname === 'x-ms-exchange-organization-scl') ?? fields[0])?.span ?? { start: 0, end: 0 };
  if (s.cat && THREAT_CATS.has(s.cat)) {
    out.push({ code: 'hdr-ms-threat', severity: 'error', message: `Microsoft 365 categorised this message as ${s.cat}: ${T.CAT[s.cat]}`, span, data: { cat: s.cat } });
  } else if ((s.cat && SPAM_CATS.has(s.cat)) || (s.sfv && ['SPM', 'SKS', 'SKB', 'BLK'].includes(s.sfv)) || (s.scl !== null && s.scl >= 5)) {
    const why = [s.cat && SPAM_CATS.has(s.cat) ? `CAT:${s.cat}` : null, s.sfv ? `SFV:${s.sfv}` : null, s.scl !== null ? `SCL ${s.scl}` : null].filter(Boolean).join(', ');
    out.push({ code: 'hdr-ms-spam', severity: 'warning', message: `Microsoft 365 treated this message as spam or bulk (${why}).`, span, data: { scl: s.scl, sfv: s.sfv, cat: s.cat } });
  }
  const ipvCal = ff && /(^|;)\s*IPV\s*:\s*CAL\s*(;|$)/i.test(ff.unfolded);
  if ((s.sfv && T.SFV_BYPASS.has(s.sfv)) || ipvCal) {
    out.push({
      code: 'hdr-ms-filter-bypassed',
      severity: 'warning',
      message: `Spam filtering was skipped because of an allow entry (${ipvCal ? 'IPV:CAL' : `SFV:${s.sfv}`}): ${ipvCal ? T.IPV['CAL'] : T.SFV[s.sfv!]} Check that this allow entry is meant to cover this sender; attackers spoof allowed domains.`,
      span,
      data: { sfv: s.sfv, ipv: ipvCal ? 'CAL' : null },
    });
  }
  if (s.dest === 'J' && mbd) {
    const ofr = /(^|;)\s*OFR\s*:\s*([^;]+)/i.exec(mbd.unfolded)?.[2]?.trim();
    out.push({
      code: 'hdr-ms-delivered-to-junk',
      severity: 'info',
      message: `The mailbox delivered this message to Junk Email${ofr ? ` (OFR:${ofr}${ofr === 'CustomRules' ? ', a user inbox rule' : ofr === 'SpamFilterAuthJ' ? ', spam filtering or junk settings' : ''})` : ''}.`,
      span: mbd.span,
      data: { ofr: ofr ?? null },
    });
  }
  if (s.bcl !== null && s.bcl >= 4) {
    const f = fields.find((x) => x.lname === 'x-microsoft-antispam');
    out.push({ code: 'hdr-ms-bulk', severity: 'info', message: `Bulk complaint level ${s.bcl}: ${T.bclMeaning(s.bcl)}`, span: f?.span ?? span, data: { bcl: s.bcl } });
  }
  return out;
}
