/**
 * Who really sent it: the address headers parsed, and the classic deceptions checked —
 * several From addresses, a display name that carries another address, a Reply-To to
 * another organisation, lookalike and punycode domains, mixed scripts in a name, and an
 * outsider using the name of someone inside the organisation.
 */
import { pushAll } from '../arrays';
import type { Finding, Severity } from '../findings';
import { parseAddressList } from './addresses';
import { inDomains, lookalikeOf, orgDomain, punycodeInfo } from './domains';
import { sourceSpanOf } from './parse';
import type { AddressSummary, HeaderField, MailAddress, OrganizationSettings } from './types';
import { mixedScripts, skeleton } from './unicode';
import { clipped } from '../text/visible';

const ADDRESS_HEADERS: Array<[keyof AddressSummary, string]> = [
  ['from', 'from'],
  ['sender', 'sender'],
  ['replyTo', 'reply-to'],
  ['returnPath', 'return-path'],
  ['to', 'to'],
  ['cc', 'cc'],
];

const SINGLETONS = ['from', 'sender', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id'];

export function parseAddresses(fields: HeaderField[]): { addresses: AddressSummary; findings: Finding[] } {
  const findings: Finding[] = [];
  const addresses: AddressSummary = { from: [], sender: [], replyTo: [], returnPath: [], to: [], cc: [] };
  for (const [key, lname] of ADDRESS_HEADERS) {
    const list = fields.filter((f) => f.lname === lname);
    for (const f of list) {
      if (lname === 'return-path' && /^<\s*>$/.test(f.unfolded)) continue; // null sender (a bounce)
      const r = parseAddressList(f.unfolded, (s, e) => sourceSpanOf(f, s, e));
      pushAll(addresses[key], r.addresses);
      const important = lname === 'from' || lname === 'sender' || lname === 'reply-to';
      for (const p of r.problems) {
        findings.push({
          code: p.code,
          severity: p.code === 'hdr-address-ambiguous' && important ? 'error' : 'warning',
          message: `${f.name}: ${p.message}`,
          span: sourceSpanOf(f, p.start, p.end),
        });
      }
    }
  }
  for (const lname of SINGLETONS) {
    const list = fields.filter((f) => f.lname === lname);
    if (list.length > 1) {
      findings.push({
        code: 'hdr-duplicate-header',
        severity: lname === 'from' ? 'error' : 'warning',
        message: `The message has ${list.length} ${list[0]!.name} fields; RFC 5322 allows one. Mail clients, filters and DMARC may each read a different one${lname === 'from' ? ', a known way to show one sender while authenticating another' : ''}.`,
        span: list[1]!.span,
        data: { header: list[0]!.name, count: list.length },
      });
    }
  }
  const fromField = fields.find((f) => f.lname === 'from');
  if (!fromField) {
    findings.push({ code: 'hdr-from-missing', severity: 'error', message: 'The message has no From field: the sender is unknown.', span: { start: 0, end: 0 } });
  } else {
    const own = parseAddressList(fromField.unfolded, (s, e) => sourceSpanOf(fromField, s, e)).addresses.filter((a) => a.address.includes('@'));
    if (own.length > 1) {
      findings.push({
        code: 'hdr-from-multiple',
        severity: 'warning',
        message: `From lists ${own.length} addresses; mail clients show only one and DMARC cannot check such a message (RFC 7489 §6.6.1). Legitimate multi-author mail is rare.`,
        span: fromField.valueSpan,
        data: { addresses: own.map((a) => a.address) },
      });
    }
  }
  return { addresses, findings };
}

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const LETTER = /[A-Za-z]/;

/**
 * Address-like strings in free text (`local@domain.tld`), in order: what
 * `/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g` finds, read around each `@` so a long
 * run of letters is scanned once instead of once per starting position.
 */
export function* addressesInText(text: string): Generator<string> {
  let lastEnd = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at < lastEnd) continue;
    let start = at;
    while (start > lastEnd && LOCAL_CHAR.test(text[start - 1]!)) start--;
    if (start === at) continue;
    let end = at + 1;
    while (end < text.length && DOMAIN_CHAR.test(text[end]!)) end++;
    // The domain ends after the last ".letters" (two or more) of the run.
    let stop = -1;
    for (let k = end - 1; k > at + 1 && stop < 0; k--) {
      if (text[k] !== '.') continue;
      let letters = k + 1;
      while (letters < end && LETTER.test(text[letters]!)) letters++;
      if (letters - (k + 1) >= 2) stop = letters;
    }
    if (stop < 0) continue;
    yield text.slice(start, stop);
    lastEnd = stop;
  }
}

function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(skeleton);
}

/** Internal names this display name carries (all words of the internal name present, any order, lookalikes folded). */
export function impersonatedNames(displayName: string, internalNames: string[]): string[] {
  const have = new Set(nameTokens(displayName));
  if (have.size === 0) return [];
  return internalNames.filter((n) => {
    const want = nameTokens(n);
    return want.length > 0 && want.every((t) => have.has(t));
  });
}

export interface SenderChecks {
  addresses: AddressSummary;
  org: OrganizationSettings;
  senderIsInternal: boolean;
  validated: boolean;
  /** A trusted Authentication-Results exists (otherwise "not validated" means "not checked"). */
  authEvaluated: boolean;
  /** Exchange recorded the sender as authenticated inside the organisation (AuthAs: Internal). */
  authenticatedInternally: boolean;
  dkimDomains: string[];
}

export function checkSenders(c: SenderChecks): Finding[] {
  const out: Finding[] = [];
  const { addresses, org } = c;
  const from = addresses.from.find((a) => a.address.includes('@')) ?? addresses.from[0] ?? null;
  const named: Array<[string, MailAddress[], Severity]> = [
    ['From', addresses.from, 'error'],
    ['Sender', addresses.sender, 'error'],
    ['Reply-To', addresses.replyTo, 'warning'],
  ];
  for (const [header, list, sev] of named) {
    for (const a of list) {
      for (const shown of addressesInText(a.name)) {
        if (shown.toLowerCase() !== a.address.toLowerCase()) {
          out.push({
            code: 'hdr-display-name-address',
            severity: sev,
            message: `The ${header} display name shows the address ${clipped(shown, 80)}, but the real address is ${clipped(a.address || '(none)', 80)}: readers see the wrong sender.`,
            span: a.nameSpan ?? a.span,
            data: { shown, real: a.address },
          });
          break;
        }
      }
      const mix = mixedScripts(a.name);
      if (mix) {
        out.push({
          code: 'hdr-mixed-scripts',
          severity: mix.words.length ? 'error' : 'warning',
          message: mix.words.length
            ? `The ${header} display name mixes ${mix.scripts.join(' and ')} letters inside "${clipped(mix.words[0]!.word, 60)}": lookalike letters make a name read as another.`
            : `The ${header} display name mixes ${mix.scripts.join(' and ')} letters.`,
          span: a.nameSpan ?? a.span,
          data: { scripts: mix.scripts, words: mix.words.map((w) => w.word) },
        });
      }
    }
  }
  const domainSources: Array<[string, MailAddress[]]> = [
    ['From', addresses.from],
    ['Sender', addresses.sender],
    ['Reply-To', addresses.replyTo],
    ['Return-Path', addresses.returnPath],
    ['To', addresses.to],
    ['Cc', addresses.cc],
  ];
  const lookalikeFound = new Set<string>();
  for (const [header, list] of domainSources) {
    for (const a of list) {
      if (!a.domain) continue;
      const recipient = header === 'To' || header === 'Cc';
      const puny = punycodeInfo(a.domain);
      if (puny) {
        out.push({
          code: 'hdr-punycode-domain',
          severity: puny.mixed && !recipient ? 'error' : 'warning',
          message: `The ${header} domain ${clipped(a.domain, 80)} is punycode for "${clipped(puny.unicode, 80)}"${puny.mixed ? `, mixing ${puny.mixed.join(' and ')} letters` : ''}: check it is the domain it looks like.`,
          span: a.addressSpan ?? a.span,
          data: { domain: a.domain, unicode: puny.unicode },
        });
      }
      const look = lookalikeOf(a.domain, org.domains);
      if (look && !lookalikeFound.has(`${header}:${a.domain}`)) {
        lookalikeFound.add(`${header}:${a.domain}`);
        const how = {
          'confusable-characters': 'it uses lookalike characters',
          'edit-distance': `it differs by ${look.distance} character${look.distance === 1 ? '' : 's'}`,
          'same-name-other-suffix': 'it is the same name under another suffix',
          'contains-name': 'it contains your name with additions',
        }[look.how];
        out.push({
          code: 'hdr-lookalike-domain',
          severity: header === 'Return-Path' || recipient ? 'warning' : 'error',
          message: `The ${header} domain ${look.unicode !== look.domain ? `${clipped(look.domain, 80)} ("${clipped(look.unicode, 80)}")` : clipped(look.domain, 80)} imitates your domain ${look.resembles}: ${how}.`,
          span: a.addressSpan ?? a.span,
          data: { ...look },
        });
      }
    }
  }
  for (const d of c.dkimDomains) {
    const look = lookalikeOf(d, org.domains);
    if (look && from) {
      out.push({
        code: 'hdr-lookalike-domain',
        severity: 'warning',
        message: `The message is DKIM-signed by ${d}, which imitates your domain ${look.resembles}.`,
        span: from.span,
        data: { ...look },
      });
    }
  }
  if (from && from.domain) {
    for (const r of addresses.replyTo) {
      if (r.domain && orgDomain(r.domain) !== orgDomain(from.domain)) {
        out.push({
          code: 'hdr-reply-to-other-domain',
          severity: 'warning',
          message: `Replies go to ${clipped(r.address, 80)}, in another organisation than the sender ${clipped(from.address, 80)}: a reply would not reach the apparent sender.`,
          span: r.addressSpan ?? r.span,
          data: { replyTo: r.address, from: from.address },
        });
      }
    }
    const rp = addresses.returnPath[0];
    if (rp && rp.domain && orgDomain(rp.domain) !== orgDomain(from.domain)) {
      out.push({
        code: 'hdr-return-path-misaligned',
        severity: 'info',
        message: `The envelope sender (Return-Path) ${clipped(rp.address, 80)} is in another organisational domain than From (${clipped(from.domain, 80)}), so SPF cannot align for DMARC; common for newsletters and ticket systems, suspicious for a person's mail.`,
        span: rp.addressSpan ?? rp.span,
      });
    }
    if (inDomains(from.domain, org.domains) && c.authEvaluated && !c.validated && !c.authenticatedInternally) {
      out.push({
        code: 'hdr-internal-domain-not-validated',
        severity: 'error',
        message: `From uses your own domain (${clipped(from.domain, 80)}) but the message is not authenticated as coming from it: a spoofed internal sender. (Exchange treats an unauthenticated sender in an accepted domain as outside the organisation.)`,
        span: from.addressSpan ?? from.span,
      });
    }
  }
  if (from && !c.senderIsInternal && from.name) {
    const hits = impersonatedNames(from.name, org.displayNames);
    if (hits.length) {
      const serious = !c.validated || out.some((f) => f.code === 'hdr-lookalike-domain');
      out.push({
        code: 'hdr-display-name-impersonation',
        severity: serious ? 'error' : 'warning',
        message: `An outside sender (${clipped(from.address, 80)}) uses the name "${clipped(from.name, 80)}", which matches ${hits.map((h) => `"${clipped(h, 80)}"`).join(', ')} of your organisation${serious ? ', and the sender is not validated or uses a lookalike domain' : ''}.`,
        span: from.nameSpan ?? from.span,
        data: { names: hits },
      });
    }
  }
  return out;
}
