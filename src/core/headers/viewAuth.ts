/** The authentication, anti-spam and transport-rule parts of the header view. */
import type { Span } from '../findings';
import type { AuthMethodResult, HeaderAnalysis } from './types';
import { visible } from './unicode';
import type { AntispamGroup, AuthView, AuthRow, RuleRow, Tone } from './viewTypes';

const v = (s: string | null | undefined): string => visible(s ?? '');

export function toneOf(result: string | null): Tone {
  if (!result) return 'neutral';
  const r = result.toLowerCase();
  if (r === 'pass' || r === 'bestguesspass') return 'pass';
  if (r === 'fail' || r === 'permerror' || r === 'broken') return 'fail';
  if (r === 'softfail' || r === 'temperror' || r === 'neutral' || r === 'none' || r === 'policy') return 'warn';
  return 'neutral';
}

function aligned(relaxed: boolean | null, strict: boolean | null): string {
  if (relaxed === null) return '';
  if (strict) return 'aligned with From (strict)';
  return relaxed ? 'aligned with From (relaxed)' : 'not aligned with From';
}

function props(r: AuthMethodResult | undefined, skipExtras: string[] = []): string {
  if (!r) return '';
  const parts = r.properties.map((p) => `${p.ptype}.${p.property}=${p.value}`);
  if (r.reason) parts.unshift(`reason="${r.reason}"`);
  for (const [k, val] of Object.entries(r.extras)) if (!skipExtras.includes(k)) parts.push(`${k}=${val}`);
  return v(parts.join(' '));
}

export function authView(a: HeaderAnalysis): AuthView {
  const au = a.authentication;
  const trusted = au.trusted !== null ? au.results[au.trusted] : undefined;
  const first = (method: string): AuthMethodResult | undefined => trusted?.results.find((r) => r.method.toLowerCase() === method);
  const spanOf = (r: AuthMethodResult | undefined): Span | null => r?.span ?? trusted?.span ?? null;
  const al = au.alignment;
  const rows: AuthRow[] = [];
  const spf = first('spf');
  rows.push({
    method: 'SPF',
    result: v(au.spf ?? 'not reported'),
    tone: toneOf(au.spf),
    alignment: al.mailFromDomain ? `envelope ${v(al.mailFromDomain)}: ${aligned(al.spfRelaxed, al.spfStrict)}` : '',
    details: props(spf),
    span: spanOf(spf),
  });
  const dkim = first('dkim');
  rows.push({
    method: 'DKIM',
    result: v(au.dkim ?? 'not reported'),
    tone: toneOf(au.dkim),
    alignment: al.dkimDomains.length ? `d=${v(al.dkimDomains.join(', '))}: ${aligned(al.dkimRelaxed, al.dkimStrict)}` : '',
    details: props(dkim),
    span: spanOf(dkim),
  });
  const dmarc = first('dmarc');
  rows.push({
    method: 'DMARC',
    result: v(au.dmarc ?? 'not reported'),
    tone: toneOf(au.dmarc),
    alignment: al.fromDomain ? `From domain ${v(al.fromDomain)}` : '',
    details: [props(dmarc, au.dmarcAction ? ['action'] : []), au.dmarcAction ? `action=${v(au.dmarcAction.value)}${au.dmarcAction.meaning ? `: ${au.dmarcAction.meaning}` : ''}` : ''].filter(Boolean).join(' — '),
    span: spanOf(dmarc),
  });
  rows.push({
    method: 'ARC',
    result: au.arc.state,
    tone: au.arc.state === 'none' ? 'neutral' : toneOf(au.arc.state),
    alignment: '',
    details: [au.arc.sets.length ? `${au.arc.sets.length} set(s)` : 'no ARC headers', ...au.arc.problems.map(v)].join('; '),
    span: null,
  });
  if (au.compauth) {
    const c = first('compauth');
    rows.push({
      method: 'compauth',
      result: v(au.compauth.result),
      tone: toneOf(au.compauth.result),
      alignment: '',
      details: au.compauth.reason ? `reason=${v(au.compauth.reason)}${au.compauth.meaning ? `: ${au.compauth.meaning}` : ''}` : '',
      span: spanOf(c),
    });
  }
  return {
    validated: au.validated,
    trustedReason: v(au.trustedReason),
    rows,
    headers: au.results.map((h) => ({
      kind: h.kind,
      instance: h.instance,
      authservId: v(h.authservId ?? '(none)'),
      trusted: h.trusted,
      results: v(h.results.map((r) => `${r.method}=${r.result}`).join(' ')),
      span: h.span,
    })),
    signatures: au.dkimSignatures.map((d) => ({
      domain: v(d.domain ?? '?'),
      selector: v(d.selector ?? '?'),
      algorithm: v(d.algorithm ?? '?'),
      aligned: d.alignedStrict ? 'strict' : d.alignedRelaxed ? 'relaxed' : 'no',
      notes: [d.expired ? 'expired' : '', d.bodyLength !== null ? `l=${d.bodyLength}` : '', 'the signature itself needs the key from DNS and, for bh=, the body'].filter(Boolean).join('; '),
      span: d.span,
    })),
  };
}

export function antispamView(a: HeaderAnalysis): AntispamGroup[] {
  return a.antispam.microsoft.map((h) => ({
    header: v(h.name),
    span: a.headers[h.headerIndex]?.span ?? { start: 0, end: 0 },
    items: h.items.map((i) => ({ key: v(i.key), label: v(i.label), value: v(i.value), meaning: v(i.meaning), documented: i.documented, span: i.span })),
  }));
}

export function rulesView(a: HeaderAnalysis): RuleRow[] {
  return a.transportRules.map((r) => ({
    name: r.ruleName,
    fires: r.fires,
    explanation: v(r.explanation),
    disclaimer: r.disclaimerText,
    actionLabel: r.actionLabel,
    matches: r.matches.map((m) => ({ header: v(m.header), pattern: v(m.pattern), matched: v(m.matchedText), span: m.span })),
  }));
}
