/**
 * DKIM-Signature (RFC 6376 §3.5) read from the header alone: tags, expiry, `l=`, an
 * unsigned From, weak algorithms, alignment of d= with From. Checking the signature
 * itself needs the public key (DNS) and, for bh=, the body; that is said, not faked.
 */
import type { Finding } from '../findings';
import { alignedRelaxed, alignedStrict, normalizeDomain } from './domains';
import { sourceSpanOf } from './parse';
import type { DkimSignature, HeaderField } from './types';
import { clipped } from '../text/visible';

export interface TagList {
  tags: Record<string, string>;
  /** Offsets (in the unfolded value) of each tag's name, for spans. */
  at: Record<string, { start: number; end: number }>;
  duplicates: string[];
  bad: Array<{ start: number; end: number; text: string }>;
}

/** RFC 6376 §3.2 tag=value list; whitespace inside b= and bh= is removed. */
export function parseTagList(value: string): TagList {
  const tags: Record<string, string> = {};
  const at: TagList['at'] = {};
  const duplicates: string[] = [];
  const bad: TagList['bad'] = [];
  let pos = 0;
  for (const part of value.split(';')) {
    const start = pos;
    pos += part.length + 1;
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (eq < 0 || !/^[a-z][a-z0-9_]*$/.test(name)) {
      bad.push({ start, end: start + part.length, text: part.trim() });
      continue;
    }
    let v = part.slice(eq + 1).trim();
    if (name === 'b' || name === 'bh' || name === 'h') v = v.replace(/\s+/g, '');
    else v = v.replace(/\s+/g, ' ');
    if (name in tags) duplicates.push(name);
    else {
      tags[name] = v;
      const lead = part.length - part.trimStart().length;
      at[name] = { start: start + lead, end: start + part.length };
    }
  }
  return { tags, at, duplicates, bad };
}

function num(v: string | undefined): number | null {
  return v !== undefined && /^\d{1,12}$/.test(v) ? Number(v) : null;
}

export function analyzeDkimSignature(field: HeaderField, fromDomain: string | null, now: number): { sig: DkimSignature; findings: Finding[] } {
  const { tags, at, duplicates, bad } = parseTagList(field.unfolded);
  const findings: Finding[] = [];
  const spanOfTag = (t: string) => (at[t] ? sourceSpanOf(field, at[t]!.start, at[t]!.end) : field.span);
  const domain = tags['d'] ? normalizeDomain(tags['d']) : null;
  const missing = ['v', 'a', 'b', 'bh', 'd', 'h', 's'].filter((t) => !(t in tags) || tags[t] === '');
  const problems: string[] = [];
  if (missing.length) problems.push(`required tag${missing.length > 1 ? 's' : ''} ${missing.map((t) => `${t}=`).join(', ')} missing or empty`);
  if (duplicates.length) problems.push(`tag${duplicates.length > 1 ? 's' : ''} ${duplicates.map((t) => `${t}=`).join(', ')} repeated (the signature is invalid)`);
  if (tags['v'] !== undefined && tags['v'] !== '1') problems.push(`v=${clipped(tags['v'], 40)} is not version 1`);
  const signedAt = num(tags['t']);
  const expiresAt = num(tags['x']);
  if (tags['t'] !== undefined && signedAt === null) problems.push('t= is not a number of seconds');
  if (tags['x'] !== undefined && expiresAt === null) problems.push('x= is not a number of seconds');
  if (signedAt !== null && expiresAt !== null && expiresAt < signedAt) problems.push('x= (expiry) is before t= (signing time)');
  const identity = tags['i'] ?? null;
  if (identity && domain) {
    const idDomain = normalizeDomain(identity.slice(identity.lastIndexOf('@') + 1));
    if (idDomain !== domain && !idDomain.endsWith('.' + domain)) problems.push(`i=${clipped(identity, 80)} is not in d=${clipped(domain, 80)} or a subdomain of it`);
  }
  for (const b of bad) problems.push(`"${clipped(b.text, 60)}" is not a tag=value pair`);
  if (problems.length) {
    findings.push({
      code: 'hdr-dkim-malformed',
      severity: 'warning',
      message: `This DKIM-Signature is malformed: ${problems.join('; ')}. A verifier will treat it as a failed signature.`,
      span: field.span,
      data: { problems },
    });
  }
  const expired = expiresAt !== null && expiresAt * 1000 < now;
  if (expired) {
    findings.push({
      code: 'hdr-dkim-expired',
      severity: 'warning',
      message: `This DKIM signature expired on ${new Date(expiresAt! * 1000).toISOString()} (x=); verifiers ignore it from then on.`,
      span: spanOfTag('x'),
      data: { expiresAt: expiresAt! * 1000 },
    });
  }
  const bodyLength = num(tags['l']);
  if (tags['l'] !== undefined) {
    findings.push({
      code: 'hdr-dkim-body-length',
      severity: 'warning',
      message: `The signature covers only the first ${clipped(tags['l'] ?? '', 40)} bytes of the body (l=): anything appended after them, such as a phishing link, still passes DKIM.`,
      span: spanOfTag('l'),
    });
  }
  const signedHeaders = tags['h'] ? tags['h'].split(':').map((h) => h.trim().toLowerCase()).filter(Boolean) : [];
  if (tags['h'] !== undefined && !signedHeaders.includes('from')) {
    findings.push({
      code: 'hdr-dkim-from-unsigned',
      severity: 'warning',
      message: 'From is not in the signed headers (h=): the signature does not protect the sender address, which RFC 6376 requires.',
      span: spanOfTag('h'),
    });
  }
  const algorithm = tags['a']?.toLowerCase() ?? null;
  if (algorithm === 'rsa-sha1') {
    findings.push({
      code: 'hdr-dkim-weak-algorithm',
      severity: 'warning',
      message: 'The signature uses rsa-sha1, which RFC 8301 forbids; many receivers treat it as no signature. Sign with rsa-sha256 or ed25519-sha256.',
      span: spanOfTag('a'),
    });
  }
  const sig: DkimSignature = {
    headerIndex: field.index,
    tags,
    version: tags['v'] ?? null,
    algorithm,
    domain,
    selector: tags['s'] ?? null,
    canonicalization: tags['c'] ?? null,
    signedHeaders,
    bodyHash: tags['bh'] ?? null,
    identity,
    bodyLength,
    query: tags['q'] ?? null,
    signedAt: signedAt !== null ? signedAt * 1000 : null,
    expiresAt: expiresAt !== null ? expiresAt * 1000 : null,
    expired,
    alignedRelaxed: !!domain && !!fromDomain && alignedRelaxed(domain, fromDomain),
    alignedStrict: !!domain && !!fromDomain && alignedStrict(domain, fromDomain),
    span: field.span,
  };
  return { sig, findings };
}
