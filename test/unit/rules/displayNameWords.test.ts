/**
 * Display-name patterns match names, not substrings (issue 14). The reference is Exchange's
 * word semantics for "includes any of these words" (-HeaderContainsWords): "the text can be
 * surrounded by spaces and punctuation marks … if the text is surrounded by other characters,
 * it isn't considered a match. For example, "contoso" doesn't match "acontoso" or "contosob""
 * (Microsoft, "Conditions and Exceptions for Transport Rules"). `containsWords` below is that
 * reference, written from the documentation; each row is checked three ways: the reference
 * (where the From shows the name as written), the rule's patterns, and the transport-rule
 * tester on a whole Exchange Online header.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { displayNamePatterns } from '../../../src/core/rules/namePatterns';
import { ruleTestMarkdown } from '../../../src/core/rules/testReport';
import { buildTransportRules } from '../../../src/core/rules/transportRules';

/** Exchange's documented word match: case-insensitive, not preceded or followed by a letter or digit. */
function containsWords(value: string, phrase: string): boolean {
  const v = value.toLowerCase();
  const p = phrase.toLowerCase();
  for (let i = v.indexOf(p); i >= 0; i = v.indexOf(p, i + 1)) {
    const before = v[i - 1];
    const after = v[i + p.length];
    if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) return true;
  }
  return false;
}

/** The forms of a name an admin would list as words: "First Last", "Last, First", "Last First". */
function wordForms(name: string): string[] {
  const [first, ...rest] = name.split(' ');
  const last = rest.join(' ');
  return [`${first} ${last}`, `${last}, ${first}`, `${last} ${first}`];
}

interface Row {
  name: string;
  from: string;
  fires: boolean;
  /** The From shows the name in one of its written forms, so the word reference applies (false: folding mailsec adds: hyphens, lookalikes, spacing). */
  reference: boolean;
}

const ROWS: Row[] = [
  { name: 'Li Na', from: 'Analise Schmidt <analise@evil.example>', fires: false, reference: true },
  { name: 'Li Na', from: 'Nali Okoro <n@evil.example>', fires: false, reference: true },
  { name: 'Li Na', from: 'Li Na <li.na@evil.example>', fires: true, reference: true },
  { name: 'Li Na', from: '"Na, Li" <li.na@evil.example>', fires: true, reference: true },
  { name: 'Jean Dupont', from: 'Jean Dupontel <jd@evil.example>', fires: false, reference: true },
  { name: 'Jean Dupont', from: 'Jeanne Dupont <jd@evil.example>', fires: false, reference: true },
  { name: 'Jean Dupont', from: 'xJean Dupont <jd@evil.example>', fires: false, reference: true },
  { name: 'Jean Dupont', from: 'Jean Dupont <jd@evil.example>', fires: true, reference: true },
  { name: 'Jean Dupont', from: '"Jean Dupont" <jd@evil.example>', fires: true, reference: true },
  { name: 'Jean Dupont', from: '"DUPONT, Jean" <jd@evil.example>', fires: true, reference: true },
  { name: 'Jean Dupont', from: 'Dupont Jean <jd@evil.example>', fires: true, reference: true },
  { name: 'Jean Dupont', from: '"Jean Dupont (Finance)" <jd@evil.example>', fires: true, reference: true },
  { name: 'Jean Dupont', from: '"Jean Dupont-Durand" <jd@evil.example>', fires: true, reference: true },
  { name: 'Jean Dupont', from: 'jean.dupont@evil.example', fires: false, reference: true },
  // what the patterns fold beyond the words: hyphen for space, runs of spaces, comma without space, lookalikes
  { name: 'Jean Dupont', from: 'Jean-Dupont <jd@evil.example>', fires: true, reference: false },
  { name: 'Jean Dupont', from: '"Jean   Dupont" <jd@evil.example>', fires: true, reference: false },
  { name: 'Jean Dupont', from: '"Dupont,Jean" <jd@evil.example>', fires: true, reference: false },
  { name: 'Jean Dupont', from: 'J\u0435an Dup\u043ent <jd@evil.example>', fires: true, reference: false },
  { name: 'Jean Dupont', from: 'Jéan Dupont <jd@evil.example>', fires: true, reference: false },
  { name: 'Jean Dupont', from: 'J\u0435an Dup\u043entel <jd@evil.example>', fires: false, reference: false },
];

const phishing = readFileSync(join(__dirname, '../headers/fixtures/phishing-lookalike.txt'), 'utf8');
const NOW = Date.parse('2024-04-08T08:00:00Z');

describe('display-name patterns follow Exchange word semantics', () => {
  for (const row of ROWS) {
    it(`${row.name} vs ${JSON.stringify(row.from)}: ${row.fires ? 'fires' : 'does not fire'}`, () => {
      if (row.reference) {
        assert.equal(wordForms(row.name).some((f) => containsWords(row.from, f)), row.fires, 'the -HeaderContainsWords reference');
      }
      const r = displayNamePatterns(row.name);
      assert.ok(r && r.ok);
      assert.equal(r.patterns.some((p) => new RegExp(p, 'i').test(row.from)), row.fires, 'the patterns');
      // the tester, on an Exchange Online header received from outside
      const org = { domains: ['contoso.com'], displayNames: [row.name] };
      const text = phishing.replace('From: "Dupont, Jean" <jean.dupont@c0ntoso.com>', `From: ${row.from}`);
      const analysis = analyzeHeaders(text, { org, now: NOW });
      const verdict = analysis.transportRules.find((v) => v.ruleId === 'external-internal-display-name')!;
      assert.equal(verdict.fires, row.fires, verdict.explanation);
      const md = ruleTestMarkdown(text, analysis, buildTransportRules(org), 'x.eml');
      assert.match(md, new RegExp(`## ${row.fires ? 'Fires' : 'Does not fire'}: mailsec\\\\: external sender`));
      if (row.fires) assert.doesNotMatch(verdict.matches[0]!.matchedText, /^[\s"'(),.<>-]|[\s"'(),.<>-]$/, 'the name is reported without the separators');
    });
  }
});
