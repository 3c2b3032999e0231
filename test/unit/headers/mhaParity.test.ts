/**
 * Parity with Microsoft's Message Header Analyzer (MHA): its own test expectations for
 * Received parsing, Received dates and RFC 2047 decoding (collected as data in ./mha, MIT),
 * run against mailsec's parsers. A case mailsec deliberately reads differently is listed,
 * with the reason, in ./mha/differences.json; every other disagreement fails, and so does a
 * listed case that agrees again (the list must not go stale).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeHeaders } from '../../../src/core/headers/analyze';
import { parseHeaderBlock } from '../../../src/core/headers/parse';
import { parseReceived } from '../../../src/core/headers/received';
import { decodeEncodedWords } from '../../../src/core/headers/rfc2047';
import { byCode } from './helpers';

const DIR = join(__dirname, 'mha');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T;

interface ReceivedCase {
  name: string;
  field: string;
  expected: Partial<Record<'from' | 'by' | 'with' | 'id' | 'for' | 'via', string>> & { dateNum?: number };
}
interface WordCase {
  name: string;
  input: string;
  expected: string;
}
interface Difference {
  suite: 'received' | 'received-dates' | 'rfc2047';
  name: string;
  reason: string;
}

const differences = load<{ cases: Difference[] }>('differences.json').cases;
const listed = (suite: Difference['suite'], name: string) => differences.find((d) => d.suite === suite && d.name === name) ?? null;

/** The Received field's value, unfolded, as mailsec's header parser reads it. */
function receivedValue(field: string): string {
  const f = parseHeaderBlock(`${field}\n`).fields[0];
  assert.ok(f && f.lname === 'received', `not a Received field: ${field}`);
  return f.unfolded;
}

const firstWord = (s: string) => s.trim().split(/\s+/)[0]!.replace(/\.$/, '');
/** MHA keeps comments in its values ("host (10.0.0.1)", "Microsoft SMTP Server (version=…)"); mailsec keeps them apart. */
const noComments = (s: string) => s.replace(/\([^()]*(?:\([^()]*\)[^()]*)*\)/g, ' ').replace(/\s+/g, ' ').replace(/\s*;\s*/g, '; ').trim();

/** What mailsec reads, in MHA's terms. */
function ours(value: string): ReceivedCase['expected'] {
  const r = parseReceived(value);
  const out: ReceivedCase['expected'] = {};
  if (r.from) out.from = r.from;
  if (r.byHosts.length) out.by = r.byHosts.join('; ');
  if (r.with) out.with = r.with;
  if (r.id) out.id = r.id;
  if (r.for) out.for = r.for;
  if (r.via) out.via = r.via;
  if (r.time) out.dateNum = r.time.epochMs;
  return out;
}

/** MHA's expectation, in the same terms: hosts without their comments, `for` without <>. */
function theirs(e: ReceivedCase['expected']): ReceivedCase['expected'] {
  const out: ReceivedCase['expected'] = {};
  if (e.from) out.from = firstWord(e.from);
  if (e.by) out.by = e.by.split(/;\s*/).map(firstWord).join('; ');
  if (e.with) out.with = noComments(e.with);
  if (e.id) out.id = firstWord(e.id);
  if (e.for) out.for = firstWord(e.for).replace(/^<|>$/g, '');
  if (e.via) out.via = noComments(e.via);
  if (e.dateNum !== undefined) out.dateNum = e.dateNum;
  return out;
}

function lower(x: ReceivedCase['expected']): ReceivedCase['expected'] {
  return JSON.parse(JSON.stringify(x).toLowerCase());
}

function check(suite: Difference['suite'], name: string, agree: boolean, detail: string): void {
  const d = listed(suite, name);
  if (d) assert.ok(!agree, `${name} agrees with MHA now: remove it from differences.json (${d.reason})`);
  else assert.ok(agree, detail);
}

describe('MHA parity: Received fields', () => {
  for (const c of load<{ cases: ReceivedCase[] }>('received.json').cases) {
    it(c.name, () => {
      const got = lower(ours(receivedValue(c.field)));
      const want = lower(theirs(c.expected));
      check('received', c.name, JSON.stringify(got) === JSON.stringify(want), `mailsec ${JSON.stringify(got)}\n    MHA ${JSON.stringify(want)}`);
    });
  }
});

describe('MHA parity: Received dates', () => {
  for (const c of load<{ cases: ReceivedCase[] }>('received-dates.json').cases) {
    it(c.name, () => {
      const t = parseReceived(receivedValue(c.field)).time;
      check('received-dates', c.name, t?.epochMs === c.expected.dateNum, `mailsec ${t ? new Date(t.epochMs).toISOString() : 'no date'}, MHA ${new Date(c.expected.dateNum!).toISOString()}`);
    });
  }
});

describe('MHA parity: RFC 2047', () => {
  for (const c of load<{ cases: WordCase[] }>('rfc2047.json').cases) {
    it(c.name, () => {
      const got = decodeEncodedWords(c.input).text;
      check('rfc2047', c.name, got === c.expected, `mailsec ${JSON.stringify(got)}\n    MHA ${JSON.stringify(c.expected)}`);
    });
  }

  it('Mailsploit: in a From field, what the encoded words hide is reported (address characters, NUL, line breaks)', () => {
    for (const c of load<{ cases: WordCase[] }>('rfc2047.json').cases.filter((x) => x.name.startsWith('2047 Tests / Mailsploit'))) {
      const hidden = decodeEncodedWords(c.input).runs.map((r) => r.decoded).join('');
      const text = `From: ${c.input.replace(/\r\n/g, '\n')}\nTo: a@b.example\nSubject: x\n`;
      const a = analyzeHeaders(text, { org: { domains: ['whitehouse.gov'], displayNames: [], authservIds: [] }, now: 0 });
      if (/[@<>]/.test(hidden)) assert.ok(byCode(a.findings, 'hdr-encoded-address-chars').some((f) => f.severity === 'error'), `${c.name}: no hdr-encoded-address-chars`);
      if (hidden.includes('\0')) assert.equal(byCode(a.findings, 'hdr-encoded-nul').length > 0, true, `${c.name}: no hdr-encoded-nul`);
      if (/[\r\n]/.test(hidden)) assert.equal(byCode(a.findings, 'hdr-encoded-crlf').length > 0, true, `${c.name}: no hdr-encoded-crlf`);
      if (hidden) assert.equal(a.verdict, 'fail', c.name);
    }
  });

  it('the differences list names only cases that exist', () => {
    const names = new Set<string>();
    for (const [suite, file] of [['received', 'received.json'], ['received-dates', 'received-dates.json'], ['rfc2047', 'rfc2047.json']] as const) {
      for (const c of load<{ cases: Array<{ name: string }> }>(file).cases) names.add(`${suite}/${c.name}`);
    }
    for (const d of differences) {
      assert.ok(names.has(`${d.suite}/${d.name}`), `differences.json: no case ${d.suite}/${d.name}`);
      assert.ok(d.reason.length > 20, `differences.json: ${d.name} needs a reason`);
    }
  });
});
