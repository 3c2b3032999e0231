/**
 * Time linear in input size, for the whole header analysis (and the editor's lint, run on
 * every keystroke): each adversarial pattern at 10 KB, 100 KB and 1 MB, compared as
 * ratios (test/fuzz/scaling.ts), never against fixed milliseconds. The patterns are the
 * inputs that were quadratic or overflowed the stack (issue 11 §5, §6) and their relatives.
 */
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../src/core/headers/analyze';
import { lintHeaders } from '../../src/core/headers/lint';
import { assertLinear, repeatTo } from './scaling';

const NOW = Date.parse('2024-04-10T00:00:00Z');
const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: [] };
const analyze = (text: string) => analyzeHeaders(text, { org: ORG, now: NOW });
const lint = (text: string) => lintHeaders(text, { now: NOW });
const FROM = 'From: a@b.example\n';

const PATTERNS: Array<[string, (n: number) => string]> = [
  ['trailing whitespace in a value', (n) => `${FROM}Subject: a${' '.repeat(n)}x\n`],
  ['whitespace in a field name', (n) => `${FROM}Subject${' '.repeat(n)}x: y\n`],
  ['lines without a colon', (n) => FROM + repeatTo('abc def\n', n)],
  ['blank-looking lines before the header', (n) => repeatTo(' \n', n) + FROM],
  ['folded continuation lines', (n) => `${FROM}Subject: a\n${repeatTo(' b\n', n)}`],
  ['many fields', (n) => FROM + repeatTo('X-A: b\n', n)],
  ['many Received fields', (n) => FROM + repeatTo('Received: from a.example by b.example; Mon, 1 Jan 2024 00:00:00 +0000\n', n)],
  ['Received: "[" without "]"', (n) => `${FROM}Received: from ${'['.repeat(n)}\n`],
  ['Received: "<" without ">"', (n) => `${FROM}Received: from ${'<'.repeat(n)}\n`],
  ['Received: a dotted host ending in "-"', (n) => `${FROM}Received: from x (${repeatTo('a.', n)}-) by y\n`],
  ['Received: no ";" and many date-like words', (n) => `${FROM}Received: by x ${repeatTo('Mon 1 Apr ', n)}\n`],
  ['Received: hex runs without a colon', (n) => `${FROM}Received: from x (${'a'.repeat(n)}) by y\n`],
  ['Date: spaces', (n) => `${FROM}Date: Mon${' '.repeat(n)}1\n`],
  ['Subject: "=?" flood', (n) => `${FROM}Subject: ${'=?'.repeat(n / 2)}\n`],
  ['Subject: adjacent encoded words', (n) => `${FROM}Subject: ${repeatTo('=?utf-8?q?a?= ', n)}\n`],
  ['Subject: Q word with spaces and no end', (n) => `${FROM}Subject: =?utf-8?q?${' a'.repeat(n / 2)}\n`],
  ['Subject: "<" markup flood', (n) => `${FROM}Subject: ${'<a'.repeat(n / 2)}\n`],
  ['Subject: "<x on" flood', (n) => `${FROM}Subject: ${repeatTo('<x on', n)}\n`],
  ['Subject: bidi flood', (n) => `${FROM}Subject: ${'\u202e'.repeat(n)}\n`],
  ['Subject: control-character flood', (n) => `${FROM}Subject: ${'\u0001'.repeat(n)}\n`],
  ['From: many addresses', (n) => `From: ${repeatTo('a@b.example,', n)}\n`],
  ['From: "@" flood', (n) => `From: ${'@'.repeat(n)}\n`],
  ['From: long display name', (n) => `From: "${'a.'.repeat(n / 2)}" <x@y.example>\n`],
  // The display-name rules (org.displayNames 'Jean Dupont'): the matched name was trimmed with
  // /[separators]+$/ and the "Last, First" pattern was \s*[,\s]\s* — both quadratic on spaces.
  ['From: a display name matching the org name with a run of spaces inside', (n) => `From: Jean${' '.repeat(n)}Dupont <x@y.example>\n`],
  ['From: the org last name, then a run of spaces', (n) => `From: Dupont${' '.repeat(n)}x <x@y.example>\n`],
  ['From: encoded words', (n) => `From: ${repeatTo('=?x?q?a?=', n)} <a@b.example>\n`],
  ['Authentication-Results: many results', (n) => `${FROM}Authentication-Results: x; ${repeatTo('spf=pass a=b; ', n)}\n`],
  ['Authentication-Results: "=" flood', (n) => `${FROM}Authentication-Results: x; spf=pass ${'='.repeat(n)}\n`],
  ['Authentication-Results: bare domains', (n) => `${FROM}Authentication-Results: spf=pass smtp.mailfrom=a.example; ${repeatTo('b.example; ', n)}\n`],
  ['Received-SPF: an unclosed comment', (n) => `${FROM}Received-SPF: pass (${'a'.repeat(n)}\n`],
  ['DKIM-Signature: many tags', (n) => `${FROM}DKIM-Signature: ${repeatTo('a=b; ', n)}\n`],
  ['ARC-Seal: instance flood', (n) => `${FROM}${repeatTo('ARC-Seal: i=1; cv=none\n', n)}`],
  ['X-Forefront-Antispam-Report: rule codes', (n) => `${FROM}X-Forefront-Antispam-Report: SFS:${repeatTo('(1)', n)}\n`],
];

describe('header analysis is linear in input size (10 KB / 100 KB / 1 MB)', () => {
  for (const [name, build] of PATTERNS) {
    it(name, () => {
      assertLinear(name, build, analyze);
    });
  }
  // What the editor runs on every keystroke, on the reproducers.
  for (const [name, build] of PATTERNS.slice(0, 3)) {
    it(`lint: ${name}`, () => {
      assertLinear(name, build, lint);
    });
  }
});
