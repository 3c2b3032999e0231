import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePassword } from '../../../src/core/bannedPasswords/evaluate';
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

void test('one edit apart is not redundant: contoso/contosa, without contosa "Kontosa12" scores 9 instead of 3 (issue 14)', () => {
  assert.equal(evaluatePassword('Kontosa12', { bannedTerms: ['contoso', 'contosa'] }).score, 3);
  assert.equal(evaluatePassword('Kontosa12', { bannedTerms: ['contoso'] }).score, 9);
  const text = 'contoso\ncontosa\ncontoso1\nkontoso\nfabrikam';
  const findings = lintBannedPasswordList(text).findings;
  assert.ok(findings.every((f) => f.code === 'banned-term-within-edit-distance' && f.severity === 'info'));
  for (const f of findings) {
    assert.doesNotMatch(f.message, /can go/);
    assert.match(f.message, /is not redundant.*Keep both\.$/);
    assert.deepEqual(f.data!.fixes, [], 'no fix removes a term that is not redundant');
    // the example is the evaluator's: blocked with the term, accepted without it
    const terms = text.split('\n');
    const term = text.slice(f.span.start, f.span.end);
    const example = f.data!.example as string;
    assert.ok(evaluatePassword(example, { bannedTerms: terms }).score < 5, example);
    assert.ok(evaluatePassword(example, { bannedTerms: terms.filter((t) => t !== term) }).score >= 5, example);
  }
  assert.deepEqual(findings.map((f) => text.slice(f.span.start, f.span.end)), ['contosa', 'contoso1', 'kontoso']);
});

void test('redundancy is claimed only where the evaluator gives every password the same score without the line', () => {
  const text = 'contoso\nCONTOSO\nc0nt0s0\nfabrikam\n';
  const r = lintBannedPasswordList(text);
  const redundant = r.findings.filter((f) => (f.data!.fixes as unknown[]).length > 0).map((f) => text.slice(f.span.start, f.span.end));
  assert.deepEqual(redundant, ['CONTOSO', 'c0nt0s0']);
  const all = text.trim().split('\n');
  const kept = all.filter((t) => !redundant.includes(t));
  for (const pw of ['contoso', 'Kontosa12', 'c0ntoso!!', 'xcontosoy', 'fabrikam2024', 'Contoso-Fabrikam', 'abc']) {
    assert.equal(evaluatePassword(pw, { bannedTerms: kept }).score, evaluatePassword(pw, { bannedTerms: all }).score, pw);
  }
});

void test('terms are never compared with invalid terms (too short, too long): Entra refuses those, they block nothing', () => {
  const text = 'abc\nabcd\nabcdefghijklmnopq\nabcdefghijklmnopq\n';
  const r = lintBannedPasswordList(text);
  assert.deepEqual(r.findings.map((f) => [f.code, text.slice(f.span.start, f.span.end)]), [
    ['banned-term-too-short', 'abc'],
    ['banned-term-too-long', 'abcdefghijklmnopq'],
    ['banned-term-too-long', 'abcdefghijklmnopq'],
  ]);
});

void test('CR, LF and CRLF line ends: a CR-only file is one term per line (issue 11)', () => {
  const text = 'contoso\rfabrikam\r\nlitware\ncontoso\r';
  const r = lintBannedPasswordList(text);
  assert.deepEqual(r.terms.map((t) => [t.text, t.line]), [['contoso', 0], ['fabrikam', 1], ['litware', 2], ['contoso', 3]]);
  const [dup] = r.findings;
  assert.equal(dup!.code, 'banned-duplicate-term');
  assert.equal(apply(text, fixes(dup!)[0]!), 'contoso\rfabrikam\r\nlitware\n');
  const last = lintBannedPasswordList('contoso\rcontoso');
  assert.equal(apply('contoso\rcontoso', fixes(last.findings[0]!)[0]!), 'contoso');
});

void test('a 20 KB line is linted in linear time (issue 11: it took 13 s)', () => {
  const line = 'a'.repeat(20_000);
  const started = process.hrtime.bigint();
  const r = lintBannedPasswordList(`${line}\n${line}x\ncontoso\n`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.deepEqual(r.findings.map((f) => f.code), ['banned-term-too-long', 'banned-term-too-long']);
  assert.ok(ms < 500, `${ms} ms`);
  // and 10x the input takes about 10x the time, not 100x
  const t = (n: number) => {
    const s = process.hrtime.bigint();
    lintBannedPasswordList(('x'.repeat(n) + '\n').repeat(4));
    return Number(process.hrtime.bigint() - s) / 1e6;
  };
  t(10_000);
  const small = Math.max(t(20_000), 1);
  assert.ok(t(200_000) < small * 40, 'linear');
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
