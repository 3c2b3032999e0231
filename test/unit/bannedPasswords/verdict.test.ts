import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePassword } from '../../../src/core/bannedPasswords/evaluate';
import { describeVerdict, passwordVerdict, verdictMarkdown } from '../../../src/core/bannedPasswords/verdict';

const PASSWORDS = ['C0ntos0Blank12', 'ContoS0Bl@nkf9!', 'p0LL23fb', 'Zx9!qR7#kL', 'Bl@nK'];

void test('the verdict keeps the score, the terms as listed and the reasons', () => {
  const v = passwordVerdict(evaluatePassword('C0ntos0Blank12', { bannedTerms: ['contoso', 'blank'], tenantName: 'Fabrikam' }));
  assert.equal(v.accepted, false);
  assert.equal(v.score, 4);
  assert.deepEqual(v.found, [
    { kind: 'banned-term', term: 'contoso', fuzzy: false },
    { kind: 'banned-term', term: 'blank', fuzzy: false },
  ]);
  assert.equal(v.otherCharacters, 2);
  const { title, detail } = describeVerdict(v, 2);
  assert.match(title, /^Rejected: It scores 4 points/);
  assert.match(detail, /banned term "contoso", banned term "blank"/);
  assert.match(detail, /Other characters: 2/);
});

void test('a fuzzy match and a name are labelled as such', () => {
  const v = passwordVerdict(evaluatePassword('abcdeg-p0LL', { bannedTerms: ['abcdef'], userFirstName: 'Poll' }));
  const { detail } = describeVerdict(v, 1);
  assert.match(detail, /banned term "abcdef" \(one edit away\)/);
  assert.match(detail, /user's first name "Poll"/);
});

void test('an accepted password says so and how many points it has', () => {
  const v = passwordVerdict(evaluatePassword('Zx9!qR7#kL', { bannedTerms: ['contoso'] }));
  assert.equal(v.accepted, true);
  const { title, detail } = describeVerdict(v, 1);
  assert.equal(title, 'Accepted by your custom list: 10 points (at least 5 needed).');
  assert.match(detail, /No banned term of the 1 in the list was found/);
  assert.match(detail, /global banned password list is not published/);
});

void test('neither the verdict nor its description contains the password, its normalised form or a matched part', () => {
  for (const pw of PASSWORDS) {
    const e = evaluatePassword(pw, { bannedTerms: ['contoso', 'blank', 'abcdef'], userFirstName: 'Poll', tenantName: 'Contoso' });
    const v = passwordVerdict(e);
    const text = JSON.stringify(v) + JSON.stringify(describeVerdict(v, 3));
    assert.ok(!text.includes(pw), pw);
    // (a password that is exactly a listed term shows that term: it is the list's text)
    if (!e.matches.some((m) => m.normalizedTerm === e.normalized)) assert.ok(!text.toLowerCase().includes(e.normalized), e.normalized);
    for (const m of e.matches) if (m.matched !== m.normalizedTerm) assert.ok(!text.includes(pw.slice(m.start, m.end)), `${pw}: ${m.matched}`);
  }
});

void test('the scoring breakdown is a document (every part and its points, the total, why), never the password', () => {
  const password = 'C0ntosoSummer!Jean';
  const v = passwordVerdict(evaluatePassword(password, { bannedTerms: ['contoso', 'summer'], userFirstName: 'Jean', userLastName: 'Dupont', tenantName: 'Fabrikam' }));
  const md = verdictMarkdown(v, { name: 'tenant.bannedpasswords', size: 2 }, { first: 'Jean', last: 'Dupont', tenant: 'Fabrikam' });
  assert.match(md, /\*\*Rejected\*\* by the custom list tenant\\\.bannedpasswords \(2 terms\): \*\*4 points\*\*, at least 5 needed\./);
  assert.match(md, /\| banned term "contoso" \| 1 \|/);
  assert.match(md, /\| banned term "summer" \| 1 \|/);
  assert.match(md, /\| user's first name "Jean" \| 1 \|/);
  assert.match(md, /\| other characters: 1 \| 1 \|/);
  assert.match(md, /\| \*\*total\*\* \| \*\*4\*\* \|/);
  assert.match(md, /It contains the user's first name "Jean"\\\./);
  for (const part of [password, password.toLowerCase(), 'c0ntoso', 'C0nto', 'Summer!']) assert.ok(!md.includes(part), part);
});
