import { tldts } from '../lazy';
import { isAbsolute, shownName } from './names';
import { relativeIsAtOrBelow } from './nameTable';

export interface RelativeNameProblem {
  message: string;
  /** True when the name repeats the origin (`example.com` in `example.com.`): adding the dot is safe. */
  certain: boolean;
  /** The absolute name the author most likely meant (`raw.`). */
  absolute: string;
}

const tldCache = new Map<string, boolean>();

/** Is this label a top-level domain of the Public Suffix List's ICANN section? (cached per label) */
function isIcannTld(label: string): boolean {
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(label)) return false;
  let v = tldCache.get(label);
  if (v === undefined) {
    v = tldts().parse(`x.${label}`, { allowPrivateDomains: false }).isIcann === true;
    if (tldCache.size < 4096) tldCache.set(label, v);
  }
  return v;
}

/**
 * A relative name that was probably meant to be absolute: `mail.example.com` inside
 * `$ORIGIN example.com.` becomes `mail.example.com.example.com.`. Certain when the name
 * already ends with the origin; probable when it ends with a public top-level domain
 * (Public Suffix List, via tldts).
 */
export function relativeNameProblem(raw: string, origin: string): RelativeNameProblem | null {
  if (raw === '@' || raw.indexOf('.') === -1 || isAbsolute(raw) || raw.includes('\\') || origin === '.') return null;
  if (relativeIsAtOrBelow(raw, origin)) {
    const absolute = raw + '.';
    return {
      message: `'${shownName(raw)}' has no trailing dot, so the origin is appended: it means ${shownName(`${raw}.${origin.slice(0, -1)}`)}, the origin twice. Write '${shownName(absolute)}' (with the dot) to mean the name as written.`,
      certain: true,
      absolute,
    };
  }
  // A top-level domain is letters (or xn--…): look before making any string.
  const dot = raw.lastIndexOf('.');
  if (raw.length - dot - 1 < 2) return null;
  const punycode = (raw.charCodeAt(dot + 1) | 32) === 120 && (raw.charCodeAt(dot + 2) | 32) === 110 && raw.charCodeAt(dot + 3) === 45;
  for (let i = dot + 1; i < raw.length && !punycode; i++) {
    const c = raw.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return null;
  }
  const last = raw.slice(dot + 1).toLowerCase();
  if (!isIcannTld(last)) return null;
  const absolute = raw + '.';
  const p = tldts().parse(raw, { allowPrivateDomains: false, extractHostname: false });
  if (p.isIcann && p.domain && p.publicSuffix && !p.isIp) {
    return {
      message: `'${shownName(raw)}' ends in the top-level domain .${p.publicSuffix} but has no trailing dot, so the origin is appended: it means ${shownName(`${raw}.${origin.slice(0, -1)}`)}. Write '${shownName(absolute)}' (with the dot) if the name is meant as written.`,
      certain: false,
      absolute,
    };
  }
  return null;
}
