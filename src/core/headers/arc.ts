/**
 * ARC set integrity (RFC 8617 §4.2, §5.1.1) from the headers alone: instances 1..n with
 * no gap, each with exactly one ARC-Seal, ARC-Message-Signature and
 * ARC-Authentication-Results, and a consistent `cv=` chain (i=1 `none`, later `pass`).
 * The signatures themselves need DNS; this says whether the chain is even well-formed.
 */
import { maxOf } from '../arrays';
import type { Finding } from '../findings';
import { parseTagList } from './dkim';
import type { ArcSet, ArcSummary, HeaderField } from './types';
import { clipped } from '../text/visible';

const MAX_INSTANCES = 50;

function instanceOf(field: HeaderField): number | null {
  const m = /^\s*i\s*=\s*(\d+)\s*(;|$)/i.exec(field.unfolded);
  return m ? Number(m[1]) : null;
}

export function analyzeArc(fields: HeaderField[]): { arc: ArcSummary; findings: Finding[] } {
  const findings: Finding[] = [];
  const problems: string[] = [];
  const byInstance = new Map<number, { as: HeaderField[]; ams: HeaderField[]; aar: HeaderField[] }>();
  const arcFields = fields.filter((f) => f.lname === 'arc-seal' || f.lname === 'arc-message-signature' || f.lname === 'arc-authentication-results');
  if (arcFields.length === 0) return { arc: { sets: [], state: 'none', problems }, findings };
  for (const f of arcFields) {
    const i = instanceOf(f);
    if (i === null || i < 1 || i > MAX_INSTANCES) {
      problems.push(`${f.name} has no valid instance number i= (1 to ${MAX_INSTANCES})`);
      findings.push({
        code: 'hdr-arc-broken',
        severity: 'warning',
        message: `This ${f.name} has no valid instance number "i=" (1 to ${MAX_INSTANCES}); the ARC chain cannot be followed.`,
        span: f.span,
      });
      continue;
    }
    const slot = byInstance.get(i) ?? { as: [], ams: [], aar: [] };
    if (f.lname === 'arc-seal') slot.as.push(f);
    else if (f.lname === 'arc-message-signature') slot.ams.push(f);
    else slot.aar.push(f);
    byInstance.set(i, slot);
  }
  const max = maxOf(byInstance.keys(), 0);
  const sets: ArcSet[] = [];
  let sealerSaidFail = false;
  for (let i = 1; i <= max; i++) {
    const slot = byInstance.get(i);
    if (!slot) {
      problems.push(`instance i=${i} is missing entirely`);
      continue;
    }
    const missing: string[] = [];
    if (slot.as.length === 0) missing.push('ARC-Seal');
    if (slot.ams.length === 0) missing.push('ARC-Message-Signature');
    if (slot.aar.length === 0) missing.push('ARC-Authentication-Results');
    if (missing.length) problems.push(`instance i=${i} lacks ${missing.join(', ')}`);
    for (const [list, name] of [[slot.as, 'ARC-Seal'], [slot.ams, 'ARC-Message-Signature'], [slot.aar, 'ARC-Authentication-Results']] as const) {
      if (list.length > 1) problems.push(`instance i=${i} has ${list.length} ${name} fields`);
    }
    const seal = slot.as[0];
    const sealTags = seal ? parseTagList(seal.unfolded).tags : null;
    const cv = sealTags?.['cv']?.toLowerCase() ?? null;
    if (seal) {
      if (cv === 'fail') sealerSaidFail = true;
      else if (i === 1 && cv !== 'none') problems.push(`ARC-Seal i=1 must say cv=none, it says cv=${clipped(cv ?? '(nothing)', 40)}`);
      else if (i > 1 && cv !== 'pass') problems.push(`ARC-Seal i=${i} must say cv=pass, it says cv=${clipped(cv ?? '(nothing)', 40)}`);
    }
    const ams = slot.ams[0];
    const amsTags = ams ? parseTagList(ams.unfolded).tags : null;
    const aar = slot.aar[0];
    const aarId = aar ? (/^\s*i\s*=\s*\d+\s*;\s*([^\s;]+)/i.exec(aar.unfolded)?.[1] ?? null) : null;
    sets.push({
      instance: i,
      seal: seal ? { headerIndex: seal.index, cv, domain: sealTags?.['d'] ?? null, selector: sealTags?.['s'] ?? null } : null,
      messageSignature: ams ? { headerIndex: ams.index, domain: amsTags?.['d'] ?? null, selector: amsTags?.['s'] ?? null } : null,
      authResults: aar ? { headerIndex: aar.index, authservId: aarId } : null,
    });
  }
  const firstField = arcFields[0]!;
  if (sealerSaidFail) {
    findings.push({
      code: 'hdr-arc-failed',
      severity: 'warning',
      message: 'An ARC sealer recorded cv=fail: the chain was already broken when it reached that hop, so ARC cannot vouch for earlier authentication results.',
      span: firstField.span,
    });
  }
  if (problems.length && !findings.some((f) => f.code === 'hdr-arc-broken')) {
    findings.push({
      code: 'hdr-arc-broken',
      severity: 'warning',
      message: `The ARC chain is not well-formed: ${problems.join('; ')}. Receivers treat it as a failed chain.`,
      span: firstField.span,
      data: { problems },
    });
  } else if (problems.length) {
    const f = findings.find((x) => x.code === 'hdr-arc-broken')!;
    f.data = { problems };
  }
  const state: ArcSummary['state'] = sealerSaidFail ? 'fail' : problems.length ? 'broken' : 'pass';
  return { arc: { sets, state, problems }, findings };
}
