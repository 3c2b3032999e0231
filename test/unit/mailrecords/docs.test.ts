import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DKIM_KEY_TAGS, DMARC_TAGS, SPF_MECHANISMS, SPF_MODIFIERS,
  describeDkimTag, describeDmarcTag, describeSpfTerm,
} from '../../../src/core/mailrecords';

const root = join(__dirname, '..', '..', '..');
const srcDir = join(root, 'src', 'core', 'mailrecords');
/** The live checks report dkim-/spf-/dmarc- codes of their own (documented in the same file). */
const checksDir = join(root, 'src', 'core', 'checks');

/** Every finding code the mail-record validators (and the live checks) can emit, read from their source. */
function codesInSource(): Set<string> {
  const found = new Set<string>();
  const files = [srcDir, checksDir].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ts')).map((f) => join(d, f)));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/'((?:dkim|spf|dmarc)-[a-z0-9-]+)'/g)) found.add(m[1]!);
    // The shared tag-list tokenizer builds codes from its prefix.
    for (const m of text.matchAll(/`\$\{opts\.prefix\}(-[a-z-]+)`/g)) {
      found.add(`dkim${m[1]}`);
      found.add(`dmarc${m[1]}`);
    }
  }
  return found;
}

function documentedCodes(): Set<string> {
  const md = readFileSync(join(root, 'docs', 'diagnostics.md'), 'utf8');
  return new Set([...md.matchAll(/^### ((?:dkim|spf|dmarc)-[a-z0-9-]+)\s*$/gm)].map((m) => m[1]!));
}

void describe('finding codes and docs/diagnostics.md', () => {
  void it('every code in the source has a ### heading, and every documented code exists', () => {
    const inSource = codesInSource();
    const documented = documentedCodes();
    assert.ok(inSource.size >= 60, `found only ${inSource.size} codes; is the scan broken?`);
    assert.deepEqual([...inSource].filter((c) => !documented.has(c)).sort(), [], 'codes without documentation');
    assert.deepEqual([...documented].filter((c) => !inSource.has(c)).sort(), [], 'documented codes no validator emits');
  });
});

void describe('hover descriptions', () => {
  void it('cover every DKIM tag, SPF mechanism, modifier and qualifier, and DMARC tag', () => {
    for (const t of DKIM_KEY_TAGS) assert.ok(describeDkimTag(t), `dkim ${t}`);
    for (const t of [...SPF_MECHANISMS, ...SPF_MODIFIERS, '+', '-', '~', '?', 'v=spf1']) assert.ok(describeSpfTerm(t), `spf ${t}`);
    for (const t of DMARC_TAGS) assert.ok(describeDmarcTag(t), `dmarc ${t}`);
  });

  void it('are short (one or two sentences)', () => {
    const all = [
      ...DKIM_KEY_TAGS.map((t) => describeDkimTag(t)!),
      ...[...SPF_MECHANISMS, ...SPF_MODIFIERS].map((t) => describeSpfTerm(t)!),
      ...DMARC_TAGS.map((t) => describeDmarcTag(t)!),
    ];
    for (const d of all) {
      assert.ok(d.length <= 200, d);
      assert.ok((d.match(/[.!?](\s|$)/g) ?? []).length <= 2, d);
    }
  });

  void it('follow each record type\'s case rules and reject unknown names', () => {
    assert.equal(describeDkimTag('P'), undefined, 'DKIM tag names are case-sensitive');
    assert.equal(describeSpfTerm('INCLUDE'), describeSpfTerm('include'));
    assert.equal(describeDmarcTag('RUA'), describeDmarcTag('rua'));
    assert.equal(describeDkimTag('toString'), undefined);
    assert.equal(describeSpfTerm('constructor'), undefined);
    assert.equal(describeDmarcTag('x'), undefined);
    assert.match(describeDmarcTag('pct')!, /Removed in RFC 9989/);
    assert.match(describeSpfTerm('~')!, /softfail/);
  });
});
