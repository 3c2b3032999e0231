/**
 * DKIM key records (the TXT value at <selector>._domainkey.<domain>): RFC 6376 §3.6.1,
 * RFC 8463 (ed25519), RFC 8301 (rsa-sha1 and keys under 1024 bits no longer verify).
 * Pure: takes the record value, returns the parse and findings with spans into it.
 */
import { byPosition, type Finding, type Span } from '../findings';
import { analyseKey, decodeKeyBase64, type DkimKeyFormat } from './dkimKey';
import { finding, quote, shown, span } from './finding';
import { didYouMean } from './suggest';
import { splitTagValue, stripFws, tokenizeTagList, type Tag } from './tags';

export const DKIM_KEY_TAGS = ['v', 'h', 'k', 'n', 'p', 's', 't'] as const;
export const DKIM_KEY_TYPES = ['rsa', 'ed25519'] as const;

export interface DkimKeyRecord {
  /** Every tag as written, in order (duplicates included and marked). */
  tags: Tag[];
  /** v= value if present (must be "DKIM1"). */
  version?: string;
  /** k= value, "rsa" when absent (RFC 6376 default). */
  keyType: string;
  /** Whether k= was written. */
  keyTypeExplicit: boolean;
  /** p= with folding whitespace removed; "" when p= is empty (revoked) or missing. */
  publicKeyBase64: string;
  /** RSA modulus bits, or 256 for ed25519; undefined when the key could not be read. */
  keyBits?: number;
  /** How the key bytes are encoded, when they could be read. */
  keyFormat?: DkimKeyFormat;
  /** p= present and empty: the key is revoked. */
  revoked: boolean;
  /** t= contains y. */
  testing: boolean;
  /** t= contains s (the i= domain must equal d=, no subdomains). */
  strictSubdomains: boolean;
  /** t= flags as written. */
  flags: string[];
  /** h= algorithms; undefined when there is no h= (every algorithm allowed). */
  hashAlgorithms?: string[];
  /** s= service types; ["*"] when absent. */
  serviceTypes: string[];
  /** n= notes, if any. */
  notes?: string;
}

const WHAT = 'DKIM key record';

export function parseDkimKeyRecord(value: string): { record: DkimKeyRecord; findings: Finding[] } {
  const list = tokenizeTagList(value, { prefix: 'dkim', what: WHAT });
  const findings = list.findings;
  const get = (n: string): Tag | undefined => list.byName.get(n);
  const record: DkimKeyRecord = {
    tags: list.tags,
    keyType: 'rsa',
    keyTypeExplicit: false,
    publicKeyBase64: '',
    revoked: false,
    testing: false,
    strictSubdomains: false,
    flags: [],
    serviceTypes: ['*'],
  };

  checkVersion(list.tags, record, findings);
  for (const tag of list.tags) {
    if (!tag.duplicate && !(DKIM_KEY_TAGS as readonly string[]).includes(tag.name)) unknownTag(tag, findings);
  }

  const k = get('k');
  if (k) {
    record.keyType = k.value;
    record.keyTypeExplicit = true;
    if (!(DKIM_KEY_TYPES as readonly string[]).includes(k.value)) {
      findings.push(finding('dkim-unknown-key-type', 'error',
        `k=${quote(k.value)} is not a DKIM key type; verifiers cannot use this key. Write k=rsa or k=ed25519.`,
        k.valueSpan, { keyType: k.value }));
    }
  }

  const h = get('h');
  if (h) record.hashAlgorithms = checkHashes(value, h, findings);
  const s = get('s');
  if (s) record.serviceTypes = checkServices(value, s, findings);
  const t = get('t');
  if (t) checkFlags(value, t, record, findings);
  const n = get('n');
  if (n) record.notes = n.value;

  const p = get('p');
  if (!p) {
    findings.push(finding('dkim-missing-key', 'error',
      'The DKIM key record has no p= tag, so it is invalid and every signature with this selector fails. Add p=<base64 public key> (an empty p= revokes the key).',
      span(0, value.length)));
  } else {
    record.publicKeyBase64 = stripFws(p.value);
    if (record.publicKeyBase64 === '') {
      record.revoked = true;
      findings.push(finding('dkim-revoked', 'info',
        'p= is empty: this key is revoked and signatures with this selector fail. Fine for a retired selector; publish a key if it is still in use.',
        p.span));
    } else if ((DKIM_KEY_TYPES as readonly string[]).includes(record.keyType)) {
      const der = decodeKeyBase64(value, p.valueSpan, findings);
      if (der) {
        const info = analyseKey(der, record.keyType, record.keyTypeExplicit, p.valueSpan, findings);
        record.keyBits = info.bits;
        record.keyFormat = info.format;
        if (record.hashAlgorithms && info.actualType) checkRsaHashes(h!, record.hashAlgorithms, findings);
      }
    }
  }
  return { record, findings: findings.sort(byPosition) };
}

function checkVersion(tags: Tag[], record: DkimKeyRecord, findings: Finding[]): void {
  const i = tags.findIndex((t) => t.name === 'v');
  if (i < 0) return;
  const v = tags[i]!;
  record.version = v.value;
  if (i > 0) {
    findings.push(finding('dkim-version-not-first', 'error',
      'v= must be the first tag of a DKIM key record (RFC 6376 §3.6.1); verifiers may discard the record. Move v=DKIM1 to the front or remove it.',
      v.span));
  }
  if (v.value !== 'DKIM1') {
    findings.push(finding('dkim-bad-version', 'error',
      `v=${quote(v.value)} is not DKIM1; verifiers discard key records with another version. Write v=DKIM1 (exactly, upper case) or leave v= out.`,
      v.valueSpan, { version: v.value }));
  }
}

function unknownTag(tag: Tag, findings: Finding[]): void {
  const message = tag.name === 'g'
    ? 'g= (key granularity) was removed by RFC 6376; old verifiers may still restrict the key to matching local-parts. Remove it.'
    : `Unknown tag "${shown(tag.name)}=" in the DKIM key record: verifiers ignore it (tag names are case-sensitive). Typo?${didYouMean(tag.name, DKIM_KEY_TAGS)}`;
  findings.push(finding('dkim-unknown-tag', 'warning', message, tag.nameSpan, { tag: tag.name }));
}

function checkHashes(value: string, h: Tag, findings: Finding[]): string[] {
  const items = splitTagValue(value, h, ':');
  const algs = items.map((i) => i.text).filter((a) => a !== '');
  for (const item of items) {
    if (item.text !== '' && item.text !== 'sha1' && item.text !== 'sha256') {
      findings.push(finding('dkim-unknown-hash', 'warning',
        `h= lists ${quote(item.text)}, which is not a DKIM hash algorithm; verifiers ignore it.${didYouMean(item.text, ['sha256', 'sha1'], '')}`,
        item.span, { algorithm: item.text }));
    }
  }
  if (!algs.includes('sha256') && !algs.includes('sha1')) {
    findings.push(finding('dkim-no-usable-hash', 'error',
      'h= allows no hash algorithm verifiers know, so no signature can verify with this key. Write h=sha256 or remove h=.',
      h.span));
  }
  return algs;
}

/** h=sha1 without sha256: RFC 8301 verifiers refuse every sha1 signature, so no signature verifies with this key. */
function checkRsaHashes(h: Tag, algs: string[], findings: Finding[]): void {
  if (algs.includes('sha1') && !algs.includes('sha256')) {
    findings.push(finding('dkim-sha1-only', 'error',
      'h=sha1 limits this key to sha1 signatures (rsa-sha1), which verifiers no longer accept (RFC 8301), so its signatures fail. Sign with sha256 and write h=sha256 or remove h=.',
      h.span));
  }
}

function checkServices(value: string, s: Tag, findings: Finding[]): string[] {
  const types = splitTagValue(value, s, ':').map((i) => i.text).filter((x) => x !== '');
  if (!types.includes('email') && !types.includes('*')) {
    findings.push(finding('dkim-not-for-email', 'error',
      `s=${quote(s.value)} does not include "email" or "*", so mail verifiers will not use this key. Write s=email or remove s=.`,
      s.span, { serviceTypes: types }));
  }
  return types;
}

function checkFlags(value: string, t: Tag, record: DkimKeyRecord, findings: Finding[]): void {
  for (const item of splitTagValue(value, t, ':')) {
    if (item.text === '') continue;
    record.flags.push(item.text);
    if (item.text === 'y') {
      record.testing = true;
      findings.push(finding('dkim-testing', 'info',
        't=y: this domain is testing DKIM, and verifiers may treat failing signatures as if unsigned. Remove t=y once signing works.',
        item.span));
    } else if (item.text === 's') {
      record.strictSubdomains = true;
    } else {
      findings.push(finding('dkim-unknown-flag', 'warning',
        `t= flag ${quote(item.text)} is unknown; verifiers ignore it (flags are "y" for testing and "s" for no subdomains).${didYouMean(item.text, ['y', 's'], '')}`,
        item.span, { flag: item.text }));
    }
  }
}

/** What a DKIM-Signature asks of the key (RFC 6376 §3.5, §6.1.2–6.1.3). */
export interface DkimSignatureContext {
  /** a= as written, e.g. "rsa-sha256". */
  algorithm: string;
  /** d= */
  domain: string;
  /** i= (the AUID), when written. */
  identity?: string;
}

/**
 * Why this key cannot verify this signature, beyond what the record alone says: the key
 * type differs from a=, h= does not list a='s hash, t=s with an i= in a subdomain of d=.
 * (s= without email or *, and the record's own errors, come from parseDkimKeyRecord.)
 * Spans point into the key record.
 */
export function keyMismatches(key: DkimKeyRecord, value: string, sig: DkimSignatureContext): Finding[] {
  const out: Finding[] = [];
  const [signAlgo, hashAlgo] = sig.algorithm.toLowerCase().split('-') as [string, string | undefined];
  const where = (name: string): Span => key.tags.find((t) => t.name === name && !t.duplicate)?.span ?? span(0, value.length);
  if (signAlgo && key.keyType !== signAlgo) {
    out.push(finding('dkim-key-algorithm-mismatch', 'error',
      `The signature says a=${shown(sig.algorithm)} but the key is k=${shown(key.keyType)}${key.keyTypeExplicit ? '' : ' (no k=, so RSA)'}; the key cannot verify it (RFC 6376 §6.1.2).`,
      where('k'), { keyType: key.keyType, algorithm: sig.algorithm }));
  }
  if (hashAlgo && key.hashAlgorithms && !key.hashAlgorithms.includes(hashAlgo)) {
    out.push(finding('dkim-key-hash-mismatch', 'error',
      `h=${shown(key.hashAlgorithms.join(':'))} does not allow ${shown(hashAlgo)}, the hash of this signature (a=${shown(sig.algorithm)}); verifiers fail it (RFC 6376 §3.6.1).`,
      where('h'), { algorithm: sig.algorithm }));
  }
  if (key.strictSubdomains && sig.identity) {
    const at = sig.identity.lastIndexOf('@');
    const auidDomain = sig.identity.slice(at + 1).replace(/\.$/, '').toLowerCase();
    if (auidDomain !== sig.domain.replace(/\.$/, '').toLowerCase()) {
      out.push(finding('dkim-key-strict-subdomain', 'error',
        `t=s forbids signatures whose i= is in a subdomain of d=, and this one has i=${shown(sig.identity)} for d=${shown(sig.domain)} (RFC 6376 §3.6.1).`,
        where('t'), { identity: sig.identity }));
    }
  }
  return out;
}
