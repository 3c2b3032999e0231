/**
 * One SPF term (RFC 7208 §4.6.1, §5, §6): a directive (qualifier + mechanism) or a
 * modifier, with its arguments, CIDR lengths and spans into the record value.
 */
import type { Finding, Span } from '../findings';
import { finding, quote, shown, span } from './finding';
import { isIPv4, isIPv6 } from '../net/ip';
import { checkDomainSpec, scanMacroString } from './spfMacro';
import { didYouMean } from './suggest';

export type SpfQualifier = '+' | '-' | '~' | '?';

export const SPF_MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export const SPF_MODIFIERS = ['redirect', 'exp'] as const;
/** Terms that make the receiver query DNS (RFC 7208 §4.6.4); at most 10 per evaluation. */
export const SPF_LOOKUP_TERMS = ['include', 'a', 'mx', 'ptr', 'exists', 'redirect'] as const;

export interface SpfTerm {
  /** The term as written. */
  text: string;
  span: Span;
  kind: 'mechanism' | 'modifier';
  /** Lower-case name: a mechanism, "redirect", "exp", or an unknown modifier's name. */
  name: string;
  nameSpan: Span;
  /** The qualifier; "+" when none is written (always "+" for modifiers). */
  qualifier: SpfQualifier;
  qualifierExplicit: boolean;
  /** include/exists/redirect/exp target, or a/mx/ptr's optional domain. */
  domainSpec?: string;
  domainSpan?: Span;
  /** The domain-spec contains macros (%{d} …): it cannot be resolved without a message. */
  hasMacros?: boolean;
  /** ip4:/ip6: address (without the CIDR length). */
  ip?: string;
  ipSpan?: Span;
  cidr4?: number;
  cidr6?: number;
  /** Value of an unknown modifier. */
  value?: string;
  /** No syntax error was found in this term. */
  valid: boolean;
  /** The term counts towards the limit of 10 DNS lookups. */
  lookup: boolean;
}

const MODIFIER = /^([A-Za-z][A-Za-z0-9_.-]*)=/;
const QUALIFIERS = '+-~?';

/** Parses one whitespace-free term at value[s.start, s.end). */
export function parseSpfTerm(value: string, s: Span, findings: Finding[]): SpfTerm {
  const text = value.slice(s.start, s.end);
  const before = findings.length;
  const mod = MODIFIER.exec(text);
  if (mod) return parseModifier(value, s, mod[1]!, findings);

  const qualifierExplicit = QUALIFIERS.includes(text[0]!);
  const nameStart = s.start + (qualifierExplicit ? 1 : 0);
  let nameEnd = nameStart;
  while (nameEnd < s.end && !':/='.includes(value[nameEnd]!)) nameEnd++;
  const written = value.slice(nameStart, nameEnd);
  const name = written.toLowerCase();
  const term: SpfTerm = {
    text, span: s, kind: 'mechanism', name, nameSpan: span(nameStart, nameEnd),
    qualifier: (qualifierExplicit ? text[0] : '+') as SpfQualifier, qualifierExplicit,
    valid: true, lookup: (SPF_LOOKUP_TERMS as readonly string[]).includes(name),
  };
  const rest = span(nameEnd, s.end);
  const restText = value.slice(rest.start, rest.end);

  if (qualifierExplicit && MODIFIER.test(text.slice(1))) {
    findings.push(finding('spf-syntax', 'error', `${quote(text)}: a modifier takes no qualifier; receivers return permerror. Remove "${text[0]}".`, span(s.start, s.start + 1)));
  } else if (!(SPF_MECHANISMS as readonly string[]).includes(name)) {
    unknownMechanism(term, restText, findings);
  } else if (name === 'all') {
    if (restText !== '') findings.push(finding('spf-syntax', 'error', `"all" takes no argument; ${quote(text)} makes receivers return permerror. Write ${text.slice(0, nameEnd - s.start)}.`, rest));
  } else if (name === 'include' || name === 'exists') {
    requiredDomain(value, term, rest, findings);
  } else if (name === 'a' || name === 'mx' || name === 'ptr') {
    optionalDomain(value, term, rest, name !== 'ptr', findings);
  } else {
    ipNetwork(value, term, rest, name === 'ip4' ? 4 : 6, findings);
  }
  term.valid = findings.length === before;
  return term;
}

function parseModifier(value: string, s: Span, written: string, findings: Finding[]): SpfTerm {
  const before = findings.length;
  const name = written.toLowerCase();
  const eq = s.start + written.length;
  const arg = span(eq + 1, s.end);
  const text = value.slice(s.start, s.end);
  const term: SpfTerm = {
    text, span: s, kind: 'modifier', name, nameSpan: span(s.start, eq), qualifier: '+', qualifierExplicit: false,
    valid: true, lookup: name === 'redirect',
  };
  if (name === 'redirect' || name === 'exp') {
    if (arg.start === arg.end) {
      findings.push(finding('spf-missing-domain', 'error', `${name}= needs a domain; receivers return permerror. Write ${name}=<domain>.`, s));
    } else {
      setDomain(value, term, arg, findings);
    }
  } else if ((SPF_MECHANISMS as readonly string[]).includes(name)) {
    term.value = value.slice(arg.start, arg.end);
    findings.push(finding('spf-mechanism-as-modifier', 'error',
      `${quote(text)} reads as an unknown modifier, which receivers silently ignore, so this ${name} never takes effect. Write ${name}:${shown(term.value)}.`,
      span(eq, eq + 1), { mechanism: name }));
  } else {
    term.value = value.slice(arg.start, arg.end);
    scanMacroString(value, arg, quote(text), findings, true);
    const near = didYouMean(name, SPF_MODIFIERS, '=');
    findings.push(finding('spf-unknown-modifier', 'warning',
      `Unknown modifier "${shown(written)}=": receivers ignore it.${near.startsWith(' Did') ? `${near} A misspelt modifier silently does nothing.` : ''}`,
      term.nameSpan, { modifier: name }));
  }
  term.valid = findings.length === before;
  return term;
}

function setDomain(value: string, term: SpfTerm, d: Span, findings: Finding[]): void {
  term.domainSpec = value.slice(d.start, d.end);
  term.domainSpan = d;
  const ok = checkDomainSpec(value, d, term.text, findings);
  term.hasMacros = ok?.hasMacros ?? term.domainSpec.includes('%');
}

function unknownMechanism(term: SpfTerm, rest: string, findings: Finding[]): void {
  const written = term.text.slice(term.qualifierExplicit ? 1 : 0);
  let hint: string;
  if (term.name === 'redirect' || term.name === 'exp') hint = ` ${term.name} is a modifier: write ${term.name}=${shown(rest.replace(/^:/, ''))}.`;
  else if (isIPv4(term.name) || isIPv6(written.split('/')[0]!)) hint = ` It looks like an address: did you mean ip${isIPv4(term.name) ? 4 : 6}:${shown(written)}?`;
  else if (term.name.includes('.') && rest === '') hint = ` It looks like a domain: did you mean include:${shown(written)}?`;
  else hint = didYouMean(term.name, SPF_MECHANISMS, '');
  findings.push(finding('spf-unknown-mechanism', 'error',
    `${quote(term.text)} is not an SPF mechanism, so receivers return permerror for the whole record.${hint}`,
    term.nameSpan.start === term.nameSpan.end ? term.span : term.nameSpan, { mechanism: term.name }));
}

function requiredDomain(value: string, term: SpfTerm, rest: Span, findings: Finding[]): void {
  if (value[rest.start] !== ':' || rest.end === rest.start + 1) {
    findings.push(finding('spf-missing-domain', 'error',
      `"${term.name}" needs a domain: write ${term.name}:<domain>. ${quote(term.text)} makes receivers return permerror.`, term.span));
    return;
  }
  setDomain(value, term, span(rest.start + 1, rest.end), findings);
}

const DUAL_CIDR = /(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/;

/** a, mx: [":" domain-spec] [dual-cidr-length]; ptr: [":" domain-spec]. */
function optionalDomain(value: string, term: SpfTerm, rest: Span, cidr: boolean, findings: Finding[]): void {
  let end = rest.end;
  const restText = value.slice(rest.start, rest.end);
  if (cidr) {
    const m = DUAL_CIDR.exec(restText)!;
    if (m[0] !== '') {
      end = rest.start + m.index;
      const c4Start = end + 1;
      if (m[1] !== undefined) term.cidr4 = cidrLength(m[1], 32, term, span(c4Start, c4Start + m[1].length), findings);
      if (m[2] !== undefined) {
        const c6Start = rest.end - m[2].length;
        term.cidr6 = cidrLength(m[2], 128, term, span(c6Start, rest.end), findings);
      }
    }
  }
  if (end === rest.start) return;
  if (value[rest.start] !== ':') {
    findings.push(finding('spf-syntax', 'error',
      `${quote(term.text)} is not valid: after "${term.name}" comes ":<domain>"${cidr ? ' or a CIDR length such as /24' : ''}. Receivers return permerror.`, span(rest.start, end)));
    return;
  }
  if (end === rest.start + 1) {
    findings.push(finding('spf-missing-domain', 'error', `${quote(term.text)} has ":" but no domain. Write ${term.name}:<domain> or just ${term.name}.`, term.span));
    return;
  }
  setDomain(value, term, span(rest.start + 1, end), findings);
}

function cidrLength(digits: string, max: number, term: SpfTerm, at: Span, findings: Finding[]): number | undefined {
  const n = Number(digits);
  if ((digits.length > 1 && digits.startsWith('0')) || n > max) {
    findings.push(finding('spf-bad-cidr', 'error',
      `/${shown(digits, 20)} in ${quote(term.text)} is not a valid ${max === 32 ? 'IPv4' : 'IPv6'} prefix length (0–${max}, no leading zeros); receivers return permerror.`,
      at, { cidr: digits, max }));
    return undefined;
  }
  return n;
}

function ipNetwork(value: string, term: SpfTerm, rest: Span, version: 4 | 6, findings: Finding[]): void {
  if (value[rest.start] !== ':' || rest.end === rest.start + 1) {
    findings.push(finding('spf-bad-ip', 'error', `"${term.name}" needs an address: write ${term.name}:<address>[/<prefix>]. Receivers return permerror.`, term.span));
    return;
  }
  const argStart = rest.start + 1;
  const arg = value.slice(argStart, rest.end);
  const slash = arg.indexOf('/');
  const ip = slash < 0 ? arg : arg.slice(0, slash);
  term.ip = ip;
  term.ipSpan = span(argStart, argStart + ip.length);
  const ok = version === 4 ? isIPv4(ip) : isIPv6(ip);
  if (!ok) {
    const other = version === 4 ? isIPv6(ip) : isIPv4(ip);
    const hint = other ? ` It is an IPv${version === 4 ? 6 : 4} address: write ip${version === 4 ? 6 : 4}:${shown(arg)}.`
      : /[g-z]/i.test(ip) ? ` It looks like a host name: use a:${shown(ip)} (costs a DNS lookup) or list its addresses.`
        : '';
    findings.push(finding('spf-bad-ip', 'error',
      `${quote(ip)} is not a valid IPv${version} address, so receivers return permerror.${hint}`, term.ipSpan, { ip }));
  }
  if (slash >= 0) {
    const digits = arg.slice(slash + 1);
    const at = span(argStart + slash + 1, rest.end);
    const max = version === 4 ? 32 : 128;
    if (!/^[0-9]+$/.test(digits)) {
      findings.push(finding('spf-bad-cidr', 'error', `${quote(`/${digits}`)} in ${quote(term.text)} is not a prefix length (0–${max}); receivers return permerror.`,
        span(at.start - 1, at.end), { cidr: digits, max }));
      return;
    }
    const n = cidrLength(digits, max, term, at, findings);
    if (version === 4) term.cidr4 = n; else term.cidr6 = n;
  }
}
