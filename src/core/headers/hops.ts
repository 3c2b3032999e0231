/**
 * The route: Received fields turned into hops, oldest first, with the delay of each hop
 * and the total. A hop whose date is missing or unreadable stays in the list with
 * `time: null`. A negative delay is clock skew: it is shown as it is, and the host whose
 * clock is most likely wrong is named.
 */
import { pushAll } from '../arrays';
import type { Finding } from '../findings';
import { sourceSpanOf } from './parse';
import { parseReceived } from './received';
import type { HeaderField, Hop, ParsedDate } from './types';
import { clipped } from '../text/visible';

export interface HopsResult {
  hops: Hop[];
  localStamps: Array<{ headerIndex: number; text: string; time: ParsedDate | null; span: HeaderField['span'] }>;
  totalDelaySeconds: number | null;
  findings: Finding[];
}

function hostLabel(hop: Hop): string {
  return hop.by ?? hop.byIp ?? `hop ${hop.n + 1}`;
}

export function buildHops(fields: HeaderField[], date: ParsedDate | null, dateField: HeaderField | null): HopsResult {
  const findings: Finding[] = [];
  const received = fields.filter((f) => f.lname === 'received');
  const hops: Hop[] = [];
  const localStamps: HopsResult['localStamps'] = [];
  // Received fields are prepended: the bottom one is the oldest.
  for (const f of [...received].reverse()) {
    const r = parseReceived(f.unfolded);
    if (r.localStamp) {
      localStamps.push({ headerIndex: f.index, text: f.unfolded, time: r.time, span: f.span });
      continue;
    }
    if (r.time === null) {
      const span = r.dateOffset !== null ? sourceSpanOf(f, r.dateOffset, f.unfolded.length) : f.span;
      findings.push({
        code: 'hdr-received-no-date',
        severity: 'warning',
        message:
          r.dateText === null
            ? 'This Received field has no date (nothing after a ";"); the hop is kept without a time and its delay is unknown.'
            : `The date "${clipped(r.dateText, 80)}" of this Received field cannot be read; the hop is kept without a time.`,
        span,
      });
    }
    if (!r.by) {
      findings.push({ code: 'hdr-received-malformed', severity: 'warning', message: 'This Received field has no "by" clause: which server stamped it is unknown.', span: f.span });
    } else if (r.byHosts.length > 1) {
      findings.push({
        code: 'hdr-received-malformed',
        severity: 'warning',
        message: `This Received field has ${r.byHosts.length} "by" clauses (${r.byHosts.join(', ')}): which server stamped it is ambiguous; the first is used.`,
        span: f.span,
        data: { by: r.byHosts },
      });
    }
    hops.push({
      n: hops.length,
      headerIndex: f.index,
      from: r.from,
      fromHost: r.fromHost,
      fromIp: r.fromIp,
      by: r.by,
      byIp: r.byIp,
      via: r.via,
      with: r.with,
      id: r.id,
      for: r.for,
      comments: r.comments,
      time: r.time,
      delaySeconds: null,
      delayFrom: null,
      trust: 'unknown',
      span: f.span,
    });
  }
  let prev: Hop | null = null;
  for (const hop of hops) {
    if (!hop.time) continue;
    if (prev?.time) {
      hop.delaySeconds = Math.round((hop.time.epochMs - prev.time.epochMs) / 1000);
      hop.delayFrom = 'previous-hop';
    } else if (!prev && date) {
      hop.delaySeconds = Math.round((hop.time.epochMs - date.epochMs) / 1000);
      hop.delayFrom = 'date-header';
    }
    prev = hop;
  }
  pushAll(findings, skewFindings(hops, dateField));
  const timed = hops.filter((h) => h.time);
  const totalDelaySeconds = timed.length >= 2 ? Math.round((timed[timed.length - 1]!.time!.epochMs - timed[0]!.time!.epochMs) / 1000) : null;
  return { hops, localStamps, totalDelaySeconds, findings };
}

/**
 * For each negative delay between a and b (b stamped after a), decide whose clock is off:
 * if a later hop's time is at least a's, b is the odd one (its clock is behind); if an
 * earlier hop's time is at most b's, a is the odd one (ahead); otherwise b is named.
 */
function skewFindings(hops: Hop[], dateField: HeaderField | null): Finding[] {
  const out: Finding[] = [];
  const timed = hops.filter((h) => h.time);
  for (let k = 0; k < timed.length; k++) {
    const b = timed[k]!;
    if (b.delaySeconds === null || b.delaySeconds >= 0) continue;
    const secs = -b.delaySeconds;
    if (b.delayFrom === 'date-header') {
      out.push({
        code: 'hdr-clock-skew',
        severity: 'info',
        message: `The first server (${hostLabel(b)}) received the message ${formatDuration(secs)} before the Date header says it was written: the sender's clock is ahead, or the Date header was set by hand.`,
        span: dateField?.span ?? b.span,
        data: { seconds: b.delaySeconds, suspect: 'Date header' },
      });
      continue;
    }
    const a = timed[k - 1]!;
    const later = timed.slice(k + 1).some((h) => h.time!.epochMs >= a.time!.epochMs);
    const earlier = timed.slice(0, k - 1).some((h) => h.time!.epochMs <= b.time!.epochMs);
    let suspect: Hop;
    let how: string;
    if (later || !earlier) {
      suspect = b;
      how = 'behind';
    } else {
      suspect = a;
      how = 'ahead';
    }
    out.push({
      code: 'hdr-clock-skew',
      severity: 'warning',
      message: `Hop ${b.n + 1} (${hostLabel(b)}) is stamped ${formatDuration(secs)} before hop ${a.n + 1} (${hostLabel(a)}): the clock of ${hostLabel(suspect)} is probably ${how}. Delays around it are not reliable.`,
      span: suspect.span,
      data: { seconds: b.delaySeconds, suspect: hostLabel(suspect), direction: how },
    });
  }
  return out;
}

export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}
