import { checkName, nameKey } from '../names';
import { innerEnd, innerStart } from '../tokens';
import type { TextEdit } from '../../text/edits';
import type { ZoneRecord } from '../types';
import { quotedStrings } from './splitTxt';

export interface DkimOwner {
  selector: string;
  /** Domain without trailing dot. */
  domain: string;
}

/** `s1._domainkey.example.com.` → { selector: 's1', domain: 'example.com' }. */
export function dkimOwnerParts(owner: string): DkimOwner | undefined {
  const i = owner.toLowerCase().indexOf('._domainkey.');
  if (i <= 0) return undefined;
  const domain = owner.slice(i + '._domainkey.'.length).replace(/\.$/, '');
  if (!domain) return undefined;
  return { selector: owner.slice(0, i), domain };
}

/** Expands `{selector}` and `{domain}` in a CNAME target template and makes it absolute. */
export function expandCnameTarget(template: string, parts: DkimOwner): { target: string } | { error: string } {
  const raw = template.trim().replace(/\{selector\}/g, parts.selector).replace(/\{domain\}/g, parts.domain);
  if (!raw) return { error: 'The CNAME target is empty.' };
  if (/[\s"();{}]/.test(raw)) return { error: `'${raw}' is not a host name (it contains a space, quote, parenthesis, ';' or an unknown {placeholder}).` };
  const target = raw.endsWith('.') ? raw : raw + '.';
  const p = checkName(target);
  if (p) return { error: `'${raw}' is not a valid name: ${p.message}` };
  return { target };
}

export interface DkimCnameFix {
  /** Edits to the zone text (rec.text): the TXT becomes a CNAME to `target`. */
  edits: TextEdit[];
  target: string;
  /** The TXT record to create at the external host, as zone-file text (owner absolute, TTL, split strings). */
  externalRecord: string;
  /** The joined key-record value in presentation form, for a web form. */
  presentationValue: string;
}

/**
 * "Move DKIM key behind a CNAME" — the workaround for DNS hosts that reject long TXT
 * values: `selector._domainkey.example.com TXT "…"` becomes
 * `selector._domainkey.example.com CNAME <target>`, and the TXT moves to `<target>`,
 * where the key's host publishes it. Owner, TTL and class tokens stay as written; when
 * the record has comments inside its parentheses, they are kept in place.
 */
export function dkimCnameFix(rec: ZoneRecord, target: string): DkimCnameFix {
  const text = rec.text;
  const first = rec.rdata[0]!;
  const last = rec.rdata[rec.rdata.length - 1]!;
  const closeAfter = rec.entry.close !== -1 && rec.entry.close > last.end ? rec.entry.close + 1 : last.end;
  const interiorComments = rec.entry.comments.some((c) => c.start > rec.typeSpan.end && c.start < closeAfter);
  const edits: TextEdit[] = [];
  if (!interiorComments) {
    edits.push({ span: { start: rec.typeSpan.start, end: closeAfter }, newText: `CNAME ${target}` });
  } else {
    edits.push({ span: rec.typeSpan, newText: 'CNAME' });
    edits.push({ span: { start: first.start, end: first.end }, newText: target });
    for (const tok of rec.rdata.slice(1)) edits.push({ span: { start: tok.start, end: tok.end }, newText: '' });
  }
  const presentationValue = rec.rdata.map((t) => text.slice(innerStart(t), innerEnd(text, t))).join('');
  const header = `${target} ${rec.ttl} ${rec.class} TXT `;
  const externalRecord =
    `; Create this TXT record at the DNS host that serves ${target}\n` +
    `; (the DKIM key moved from ${rec.owner}, which now is a CNAME to it).\n` +
    `${header}( ${quotedStrings(presentationValue, ' '.repeat(header.length + 2))} )\n`;
  return { edits, target, externalRecord, presentationValue };
}

/** How a DNS host's web form wants a long TXT value: one string, or the 255-byte strings. */
export type WebFormValue = 'one-string' | 'split';

/**
 * What a DNS host's web form asks for, to paste field by field: the host name (without the
 * trailing dot) and the value, each on its own labelled line; never zone-file syntax.
 * `split`: the value as the quoted strings of at most 255 bytes that some hosts ask for.
 */
export function webFormRecord(fix: Pick<DkimCnameFix, 'target' | 'presentationValue'>, form: WebFormValue): string {
  const host = fix.target.replace(/\.$/, '');
  const value = form === 'split' ? quotedStrings(fix.presentationValue, '', ' ') : fix.presentationValue;
  return `Host name: ${host}\nType: TXT\nValue: ${value}\n`;
}

/** The notice after the move, host names without their trailing dots (no "example.net.." at a sentence end). */
export function movedNotice(owner: string, target: string): string {
  const o = owner.replace(/\.$/, '');
  const host = target.replace(/\.$/, '');
  return `${o} is now a CNAME to ${host}. Create the TXT record at the DNS host that serves ${host}: its host name and value are on the clipboard (the record is shown beside).`;
}

/** Other records at the same owner would make the CNAME illegal (CNAME and other data). */
export function cnameConflicts(records: readonly ZoneRecord[], rec: ZoneRecord): ZoneRecord[] {
  const key = nameKey(rec.owner);
  return records.filter((r) => r !== rec && nameKey(r.owner) === key && r.type !== 'RRSIG' && r.type !== 'NSEC');
}
