/**
 * The worked examples of Microsoft's "Eliminate bad passwords using Microsoft
 * Entra Password Protection" (learn.microsoft.com/entra/identity/authentication/concept-password-ban-bad),
 * quoted, and what evaluatePassword makes of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePassword } from '../../../src/core/bannedPasswords/evaluate';

void test('normalisation: "The password "blank" is banned. A user tries ... "Bl@nK" ... This password would be rejected."', () => {
  const r = evaluatePassword('Bl@nK', { bannedTerms: ['blank'] });
  assert.equal(r.normalized, 'blank');
  assert.equal(r.accepted, false);
  assert.deepEqual(r.matches.map((m) => [m.term, m.start, m.end, m.distance]), [['blank', 0, 5, 0]]);
  assert.equal(r.score, 1);
});

void test('fuzzy matching: "abcdef" banned rejects \'abcdeg\', \'abcdefg\' and \'abcde\' ("within an edit distance of 1")', () => {
  for (const pw of ['abcdeg', 'abcdefg', 'abcde']) {
    const r = evaluatePassword(pw, { bannedTerms: ['abcdef'] });
    assert.equal(r.accepted, false, pw);
    assert.equal(r.matches[0]!.term, 'abcdef', pw);
  }
  assert.equal(evaluatePassword('abcdeg', { bannedTerms: ['abcdef'] }).matches[0]!.distance, 1);
  // two edits away is not a match
  const far = evaluatePassword('abxdeg', { bannedTerms: ['abcdef'] });
  assert.deepEqual(far.matches, []);
  assert.equal(far.score, 6);
  assert.equal(far.accepted, true);
});

void test('substring matching: "A user named Poll ... "p0LL23fb" ... This password would be rejected."', () => {
  const r = evaluatePassword('p0LL23fb', { bannedTerms: [], userFirstName: 'Poll' });
  assert.equal(r.normalized, 'poll23fb');
  assert.equal(r.accepted, false);
  assert.deepEqual(r.matches.map((m) => [m.kind, m.term, m.start, m.end]), [['first-name', 'Poll', 0, 4]]);
  assert.match(r.reasons.join(' '), /first name "Poll"/);
  // without the name, the same password passes on score alone
  assert.equal(evaluatePassword('p0LL23fb', { bannedTerms: [] }).accepted, true);
});

void test('names shorter than four characters are not matched ("at least four characters long")', () => {
  const r = evaluatePassword('bobsecret99', { bannedTerms: [], userFirstName: 'Bob' });
  assert.equal(r.accepted, true);
  assert.deepEqual(r.matches, []);
});

void test('score: "C0ntos0Blank12" -> "contosoblank12" = [contoso] + [blank] + [1] + [2] = 4 points, rejected', () => {
  const r = evaluatePassword('C0ntos0Blank12', { bannedTerms: ['contoso', 'blank'] });
  // The page's own table maps 1 to l, so the normalised text is "contosoblankl2"; the page
  // prints "contosoblank12" (it skipped its substitution there). The score is 4 either way.
  assert.equal(r.normalized, 'contosoblankl2');
  assert.equal(r.score, 4);
  assert.equal(r.accepted, false);
  assert.deepEqual(r.matches.map((m) => m.term), ['contoso', 'blank']);
  assert.deepEqual(r.remaining.map((c) => c.char), ['1', '2']); // reported as typed
  assert.match(r.reasons[0]!, /scores 4 points.*at least 5/);
});

void test('score: "ContoS0Bl@nkf9!" -> "contosoblankf9!" = [contoso] + [blank] + [f] + [9] + [!] = 5 points, accepted', () => {
  const r = evaluatePassword('ContoS0Bl@nkf9!', { bannedTerms: ['contoso', 'blank'] });
  assert.equal(r.normalized, 'contosoblankf9!');
  assert.equal(r.score, 5);
  assert.equal(r.accepted, true);
  assert.deepEqual(r.remaining.map((c) => c.char), ['f', '9', '!']);
  assert.deepEqual(r.matches.map((m) => [m.term, m.start, m.end]), [['contoso', 0, 7], ['blank', 7, 12]]);
  assert.equal(r.reasons.length, 0);
});

void test('tenant name: "Contoso" is matched as a substring and rejects', () => {
  const r = evaluatePassword('Tr0ub4dor&C0ntoso', { bannedTerms: [], tenantName: 'Contoso' });
  assert.equal(r.accepted, false);
  assert.equal(r.matches.at(-1)!.kind, 'tenant-name');
  assert.equal(r.matches.at(-1)!.start, 10);
});

void test('match positions map back to the password as typed, including astral characters', () => {
  const r = evaluatePassword('😀P@ssw0rd😀', { bannedTerms: ['password'] });
  assert.deepEqual(r.matches.map((m) => [m.start, m.end, m.matched]), [[2, 10, 'password']]);
  assert.deepEqual(r.remaining.map((c) => c.char), ['😀', '😀']);
  assert.equal(r.score, 3);
});

void test('the global list caveat is always stated', () => {
  assert.match(evaluatePassword('x', { bannedTerms: [] }).notes[0]!, /global banned password list is not published/);
});
