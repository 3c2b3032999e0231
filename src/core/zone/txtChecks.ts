import type { Finding } from '../findings';
import { unescapedLength } from './charString';
import { innerEnd, innerStart } from './tokens';
import type { ZoneRecord } from './types';
import { clipped } from '../text/visible';

/** Byte lengths of a TXT/SPF record's character-strings after unescaping (-1 for a bad escape). */
export function stringLengths(rec: ZoneRecord): number[] {
  const out: number[] = [];
  for (const tok of rec.rdata) {
    const n = unescapedLength(rec.text, innerStart(tok), innerEnd(rec.text, tok));
    out.push(n < 0 ? -1 : n);
  }
  return out;
}

export interface TxtCheckOptions {
  /** Warn about values longer than 255 bytes that DNS-hosting web forms reject (default true). */
  webFormWarning?: boolean;
}

/**
 * The 255-byte rule (RFC 1035 §3.3: a <character-string> is one length byte and at most
 * 255 bytes), the web-form rule (hosting UIs reject long values even when split), and the
 * 65535-byte RDATA limit. `report` receives findings with spans into rec.text.
 */
export function checkTxtLengths(rec: ZoneRecord, report: (f: Finding) => void, options: TxtCheckOptions = {}): void {
  if (rec.generic) return;
  const lengths = stringLengths(rec);
  let total = 0;
  let wire = 0;
  let anyTooLong = false;
  for (let k = 0; k < lengths.length; k++) {
    const n = lengths[k]!;
    if (n < 0) continue; // reported as a bad escape
    total += n;
    wire += 1 + n;
    if (n > 255) {
      anyTooLong = true;
      const tok = rec.rdata[k]!;
      const pieces = Math.ceil(n / 255);
      report({
        code: 'txt-string-too-long',
        severity: 'error',
        message: `This ${rec.type} string is ${n} bytes; one DNS character-string holds at most 255, and BIND refuses to load the zone. Split it into ${pieces} strings of at most 255 bytes: verifiers join them back without spaces.`,
        span: { start: tok.start, end: tok.end },
        data: { bytes: n, index: k },
      });
    }
  }
  if (wire > 65535) {
    const first = rec.rdata[0]!;
    const last = rec.rdata[rec.rdata.length - 1]!;
    report({ code: 'zone-rdata-too-long', severity: 'error', message: `This record's data is ${wire} bytes in wire format; a DNS record holds at most 65535.`, span: { start: first.start, end: last.end }, data: { bytes: wire } });
  }
  if (!anyTooLong && total > 255 && options.webFormWarning !== false) {
    const first = rec.rdata[0]!;
    const last = rec.rdata[rec.rdata.length - 1]!;
    report({
      code: 'txt-long-for-web-forms',
      severity: 'warning',
      message: `This ${rec.type} value is ${total} bytes. It is valid DNS (${lengths.length} strings), but many DNS-hosting web forms reject values over 255 characters (Route 53, Windows DNS, WordPress.com) or accept only one long string (OVH, ClouDNS, DNSimple). If your host refuses it${isDkimOwner(rec.owner) ? ', publish the DKIM key at another host and point a CNAME to it' : ', enter it as several quoted strings'}.`,
      span: { start: first.start, end: last.end },
      data: { bytes: total, strings: lengths.length },
    });
  }
}

/** `selector._domainkey.domain.` (the `_domainkey` label below a selector). */
export function isDkimOwner(owner: string): boolean {
  const k = owner.toLowerCase();
  const i = k.indexOf('._domainkey.');
  return i > 0;
}

/**
 * An unquoted TXT word followed directly by `;` — `v=DMARC1;p=none` — loses everything
 * after the `;` to a comment. Returns the finding, with the span from the word to the
 * end of the comment, so a fix can quote the whole intended value.
 */
export function checkSemicolonComment(rec: ZoneRecord, report: (f: Finding) => void): void {
  const text = rec.text;
  for (const tok of rec.rdata) {
    if (tok.quoted || text.charCodeAt(tok.end) !== 59) continue;
    const comment = rec.entry.comments.find((c) => c.start === tok.end);
    if (!comment) continue;
    const lost = text.slice(comment.start + 1, comment.end).trimEnd();
    if (lost.length === 0 || !/[=:]/.test(lost)) continue;
    report({
      code: 'txt-semicolon-comment',
      severity: 'warning',
      message: `In a zone file ';' starts a comment, so "${clipped(lost, 60)}" is not part of this TXT record — the record is only "${clipped(text.slice(tok.start, tok.end), 40)}". Put the whole value in double quotes.`,
      span: { start: tok.start, end: comment.start + 1 + lost.length },
      data: { lost },
    });
  }
}
