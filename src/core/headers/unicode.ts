/**
 * Character-level checks on attacker-written header text: bidirectional controls,
 * control characters, scripts that look alike (Latin/Cyrillic/Greek) mixed in one name,
 * and a confusable "skeleton" used to compare domains.
 */

/** Bidi embedding/override/isolate controls and marks (RLO, LRI, RLM…). */
export const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** C0 controls except TAB, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHAR = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/** Zero-width characters that hide inside names and domains. */
export const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

import { codePointName } from '../text/visible';

export interface CharHit {
  index: number;
  char: string;
  codePoint: string;
}

export function findAll(text: string, re: RegExp): CharHit[] {
  const hits: CharHit[] = [];
  const g = new RegExp(re.source, 'g');
  for (let m = g.exec(text); m; m = g.exec(text)) {
    hits.push({ index: m.index, char: m[0], codePoint: codePointName(m[0]) });
  }
  return hits;
}

export { codePointName, visible } from '../text/visible';

const SCRIPT_TESTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];

/** Scripts whose letters are easily mistaken for one another. */
const CONFUSABLE_SCRIPTS = new Set(['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee']);

export function scriptOf(ch: string): string | null {
  for (const [name, re] of SCRIPT_TESTS) if (re.test(ch)) return name;
  if (/\p{L}/u.test(ch)) return 'Other';
  return null;
}

export interface MixedScripts {
  /** Scripts found among the confusable ones. */
  scripts: string[];
  /** Words mixing confusable scripts inside themselves (the strongest sign). */
  words: Array<{ word: string; index: number; scripts: string[] }>;
}

/** Reports Latin mixed with Cyrillic, Greek, Armenian or Cherokee, in the whole text and per word. */
export function mixedScripts(text: string): MixedScripts | null {
  const all = new Set<string>();
  const words: MixedScripts['words'] = [];
  const wordRe = /[\p{L}\p{M}\p{N}]+/gu;
  for (let m = wordRe.exec(text); m; m = wordRe.exec(text)) {
    const inWord = new Set<string>();
    for (const ch of m[0]) {
      const s = scriptOf(ch);
      if (s && CONFUSABLE_SCRIPTS.has(s)) {
        inWord.add(s);
        all.add(s);
      }
    }
    if (inWord.size > 1) words.push({ word: m[0], index: m.index, scripts: [...inWord].sort() });
  }
  if (all.size < 2) return null;
  return { scripts: [...all].sort(), words };
}

/** Lookalikes of Latin letters in Cyrillic and Greek (lower case), and a few Latin letter forms. */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', н: 'h', о: 'o',
  р: 'p', ԛ: 'q', г: 'r', ѕ: 's', т: 't', у: 'y', ѵ: 'v', ԝ: 'w', х: 'x', ү: 'y', з: '3', ь: 'b',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', γ: 'y',
  // Latin letter forms
  ı: 'i', ȷ: 'j', ɑ: 'a', ɡ: 'g', ſ: 's', ł: 'l', ø: 'o', đ: 'd', ħ: 'h',
};

/**
 * A comparison key under which lookalike strings collide: Unicode compatibility
 * folding, accents removed, Cyrillic/Greek lookalikes mapped to Latin, then the
 * classic multi-letter tricks (`rn` → `m`, `vv` → `w`) and digits (`0` → `o`, `1` → `l`).
 */
export function skeleton(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  let out = '';
  for (const ch of folded) out += CONFUSABLES[ch] ?? ch;
  return out
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/cl/g, 'd')
    .replace(/0/g, 'o')
    .replace(/[1|i]/g, 'l')
    .replace(ZERO_WIDTH, '');
}

/** Levenshtein distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}
