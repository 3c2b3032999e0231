/**
 * SPF domain-spec and macro-string syntax (RFC 7208 §7.1 and §12):
 *
 *   domain-spec  = macro-string domain-end
 *   domain-end   = ( "." toplabel [ "." ] ) / macro-expand
 *   macro-string = *( macro-expand / macro-literal )
 *   macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
 *   macro-letter = s l o d i p h c r t v   (c, r, t only in explanation text)
 *   transformers = *DIGIT [ "r" ]          (a DIGIT count must be nonzero)
 *   delimiter    = . - + , / _ =
 */
import type { Finding, Span } from '../findings';
import { finding, quote, span } from './finding';
import { isIPv4, isIPv6 } from '../net/ip';

const LETTERS = 'slodiphcrtv';
const EXP_ONLY = 'crt';
const DELIMITERS = '.-+,/_=';
const TOPLABEL = /^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$/;
const HOST_CHARS = /^[A-Za-z0-9_.-]*$/;

export interface MacroScan {
  ok: boolean;
  hasMacros: boolean;
  /** The spec ends with a macro-expand (a valid domain-end by itself). */
  endsWithMacro: boolean;
  /** Literal text after the last macro (the whole text when there is none). */
  tail: string;
  tailStart: number;
}

/**
 * Checks macro syntax in value[s.start, s.end). `where` names the term in messages.
 * `allowExpLetters` permits c, r, t (only explanation text may use them).
 */
export function scanMacroString(value: string, s: Span, where: string, findings: Finding[], allowExpLetters = false): MacroScan {
  let hasMacros = false;
  let endsWithMacro = false;
  let tailStart = s.start;
  let i = s.start;
  while (i < s.end) {
    const c = value[i]!;
    if (c !== '%') { i++; endsWithMacro = false; continue; }
    hasMacros = true;
    const next = value[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      i += 2; endsWithMacro = true; tailStart = i; continue;
    }
    if (next !== '{') {
      findings.push(finding('spf-bad-macro', 'error',
        `In ${where}, "%" must start a macro such as %{d}; write "%%" for a literal percent sign. Receivers return permerror.`,
        span(i, Math.min(i + 2, s.end))));
      return { ok: false, hasMacros, endsWithMacro: false, tail: '', tailStart: i };
    }
    const close = value.indexOf('}', i);
    if (close < 0 || close >= s.end) {
      findings.push(finding('spf-bad-macro', 'error',
        `In ${where}, the macro ${quote(value.slice(i, s.end))} has no closing "}". Receivers return permerror.`,
        span(i, s.end)));
      return { ok: false, hasMacros, endsWithMacro: false, tail: '', tailStart: i };
    }
    const body = value.slice(i + 2, close);
    const problem = macroBodyProblem(body, allowExpLetters);
    if (problem) {
      findings.push(finding('spf-bad-macro', 'error',
        `In ${where}, the macro ${quote(value.slice(i, close + 1))} is invalid: ${problem}. Receivers return permerror.`,
        span(i, close + 1), { macro: value.slice(i, close + 1) }));
      return { ok: false, hasMacros, endsWithMacro: false, tail: '', tailStart: i };
    }
    i = close + 1;
    endsWithMacro = true;
    tailStart = i;
  }
  return { ok: true, hasMacros, endsWithMacro, tail: value.slice(tailStart, s.end), tailStart };
}

function macroBodyProblem(body: string, allowExpLetters: boolean): string | undefined {
  const letter = body[0];
  if (letter === undefined) return 'it names no macro letter';
  const l = letter.toLowerCase();
  if (!LETTERS.includes(l)) return `"${letter}" is not a macro letter (s, l, o, d, i, p, h, v)`;
  if (!allowExpLetters && EXP_ONLY.includes(l)) return `"${letter}" may only be used in the explanation text an exp= record points to`;
  // [^] and not ".": a line terminator (U+2028, U+2029, LF) in the body must not make the match fail
  const m = /^([0-9]*)(r?)([^]*)$/i.exec(body.slice(1))!;
  if (m[1] !== '' && Number(m[1]) === 0) return 'the part count must be a nonzero number';
  for (const d of m[3]!) {
    if (!DELIMITERS.includes(d)) return `${quote(d)} is not a delimiter (. - + , / _ =)`;
  }
  return undefined;
}

/**
 * Checks a domain-spec and returns whether it uses macros (undefined when invalid).
 * `term` is the whole term text, for messages ("include:example").
 */
export function checkDomainSpec(value: string, s: Span, term: string, findings: Finding[]): { hasMacros: boolean } | undefined {
  const scan = scanMacroString(value, s, quote(term), findings);
  if (!scan.ok) return undefined;
  if (scan.endsWithMacro) return { hasMacros: scan.hasMacros };
  const text = value.slice(s.start, s.end);
  const bad = (message: string, at: Span = s): undefined => {
    findings.push(finding('spf-bad-domain', 'error', message, at, { domain: text }));
    return undefined;
  };
  if (!scan.hasMacros) {
    if (isIPv4(text) || isIPv6(text)) {
      return bad(`${quote(term)} names an IP address where a domain is needed; receivers return permerror. Write ip${isIPv4(text) ? '4' : '6'}:${text} instead.`);
    }
    for (let i = s.start; i < s.end; i++) {
      if (!HOST_CHARS.test(value[i]!)) {
        // RFC 7208 §7.1 macro-literal allows every visible character: valid, but no host is named so
        findings.push(finding('spf-domain-character', 'warning', `${quote(text)} contains ${quote(value[i]!)}, which no host name has, so the lookup finds nothing. Check the term ${quote(term)}.`, span(i, i + 1), { domain: text }));
        break;
      }
    }
    const name = text.endsWith('.') ? text.slice(0, -1) : text;
    const labels = name.split('.');
    if (labels.length < 2) return bad(`${quote(text)} is not a fully qualified domain name (it has no dot), so receivers return permerror. Write the fully qualified name.`);
    if (labels.some((l) => l === '')) return bad(`${quote(text)} has an empty label (two dots in a row or a leading dot).`);
    const long = labels.find((l) => l.length > 63);
    if (long) return bad(`${quote(text)} has a label of ${long.length} characters; DNS allows at most 63.`);
    if (name.length > 253) return bad(`${quote(text)} is ${name.length} characters long; a domain name is at most 253.`);
  }
  // domain-end: "." toplabel [ "." ] in the literal text after the last macro
  const tail = scan.tail.endsWith('.') ? scan.tail.slice(0, -1) : scan.tail;
  const dot = tail.lastIndexOf('.');
  const top = tail.slice(dot + 1);
  if (dot < 0) return bad(`${quote(text)} must end with a macro or with "." and a top-level label (such as ".example.com"); receivers return permerror.`);
  if (!TOPLABEL.test(top)) {
    const topStart = scan.tailStart + dot + 1;
    return bad(`${quote(top)} is not a valid top-level label of ${quote(text)} (letters and digits, not all digits, "-" only inside); receivers return permerror.`,
      span(topStart, topStart + top.length));
  }
  return { hasMacros: scan.hasMacros };
}
