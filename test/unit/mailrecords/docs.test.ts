import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DKIM_KEY_TAGS, DMARC_TAGS, SPF_MECHANISMS, SPF_MODIFIERS,
  describeDkimTag, describeDmarcTag, describeSpfTerm,
} from '../../../src/core/mailrecords';

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
