import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintBannedPasswordList } from '../../../src/core/bannedPasswords/lint';
import type { Finding } from '../../../src/core/findings';

type Fix = { title: string; span: { start: number; end: number }; newText: string };
const fixes = (f: Finding) => f.data!.fixes as Fix[];
const apply = (text: string, fix: Fix) => text.slice(0, fix.span.start) + fix.newText + text.slice(fix.span.end);
const codes = (text: string) => lintBannedPasswordList(text).findings.map((f) => `${f.code}@${text.slice(f.span.start, f.span.end)}`);

void test('a clean list has no findings; empty lines are ignored and not counted', () => {
  const r = lintBannedPasswordList('contoso\r\n\r\nlondon\n   \nwidget\n');
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.terms.map((t) => [t.text, t.line]), [['contoso', 0], ['london', 2], ['widget', 4]]);
});

void test('term length limits: 4 to 16 characters, counted in characters not UTF-16 units', () => {
  assert.deepEqual(codes('xyz\nabcd\nqrstuvwxyzabcdef\nmnopqrstuvwxyzabc\n😀😀😀😀'), [
    'banned-term-too-short@xyz',
    'banned-term-too-long@mnopqrstuvwxyzabc',
  ]);
});

void test('duplicates after case folding are warnings with a fix that removes the later line', () => {
  const text = 'Contoso\nlondon\nCONTOSO\n';
  const [f] = lintBannedPasswordList(text).findings;
  assert.equal(f!.code, 'banned-duplicate-term');
  assert.equal(f!.severity, 'warning');
  assert.equal(text.slice(f!.span.start, f!.span.end), 'CONTOSO');
  assert.equal(f!.related![0]!.span.start, 0);
  assert.equal(apply(text, fixes(f!)[0]!), 'Contoso\nlondon\n');
});

void test('terms equal after the documented substitutions (0→o, 1→l, $→s, @→a) are redundant', () => {
  const text = 'password\nP@$$w0rd\nhe11o-world\nhello-world';
  const findings = lintBannedPasswordList(text).findings;
  assert.deepEqual(findings.map((f) => [f.code, text.slice(f.span.start, f.span.end), f.data!.duplicateOf]), [
    ['banned-term-normalizes-to-another', 'P@$$w0rd', 'password'],
    ['banned-term-normalizes-to-another', 'hello-world', 'he11o-world'],
  ]);
  // the last line has no line break: removing it also removes the break before it
  assert.equal(apply(text, fixes(findings[1]!)[0]!), 'password\nP@$$w0rd\nhe11o-world');
});

void test('terms within edit distance 1 of a kept term are reported as covered by fuzzy matching', () => {
  const text = 'contoso\ncontosa\ncontoso1\nkontoso\nontoso\nfabrikam\ncontosoab';
  const findings = lintBannedPasswordList(text).findings;
  assert.deepEqual(findings.map((f) => [f.code, f.severity, text.slice(f.span.start, f.span.end), f.data!.coveredBy]), [
    ['banned-term-within-edit-distance', 'info', 'contosa', 'contoso'],
    // "contoso1" normalises to "contosol": one insertion away from "contoso"
    ['banned-term-within-edit-distance', 'info', 'contoso1', 'contoso'],
    ['banned-term-within-edit-distance', 'info', 'kontoso', 'contoso'],
    ['banned-term-within-edit-distance', 'info', 'ontoso', 'contoso'],
  ]);
});

void test('terms are compared only with kept terms, so removing every reported line leaves a consistent list', () => {
  // "abcdx" is within 1 of "abcde" (reported), "abcxx" is within 1 of "abcdx" only: it stays
  const text = 'abcde\nabcdx\nabcxx\n';
  const r = lintBannedPasswordList(text);
  assert.deepEqual(r.findings.map((f) => text.slice(f.span.start, f.span.end)), ['abcdx']);
});

void test('leading and trailing spaces: warning with a trim fix first', () => {
  const text = 'contoso\n  london \t\n';
  const [f] = lintBannedPasswordList(text).findings;
  assert.equal(f!.code, 'banned-term-whitespace');
  assert.equal(apply(text, fixes(f!)[0]!), 'contoso\nlondon\n');
  assert.equal(apply(text, fixes(f!)[1]!), 'contoso\n');
});

void test('more than 1000 terms is an error on the first term that does not fit', () => {
  const terms = Array.from({ length: 1003 }, (_, i) => `term${String(i).padStart(4, '0')}x${'abcdefghij'[i % 10]}`);
  // make every term far from the others so only the count is reported
  const unique = terms.map((t, i) => `${t}${String.fromCharCode(0x4e00 + i)}${String.fromCharCode(0x5e00 + i)}`);
  const text = unique.join('\n') + '\n';
  const r = lintBannedPasswordList(text);
  const many = r.findings.filter((f) => f.code === 'banned-too-many-terms');
  assert.equal(many.length, 1);
  assert.equal(many[0]!.data!.count, 1003);
  assert.equal(text.slice(many[0]!.span.start, many[0]!.span.end), unique[1000]);
  assert.equal(apply(text, fixes(many[0]!)[0]!).split('\n').filter(Boolean).length, 1000);
});

void test('a list of 20,000 terms is linted (the deletion index keeps it linear)', () => {
  const words: string[] = [];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < 20000; i++) words.push(Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rnd() * 26)]).join(''));
  const r = lintBannedPasswordList(words.join('\n'));
  assert.equal(r.terms.length, 20000);
  assert.ok(r.findings.some((f) => f.code === 'banned-too-many-terms'));
});
