// Issue 15, "Move DKIM key behind a CNAME": the clipboard holds what a DNS host's web form
// wants (labelled host name and value, the value as one string or split), the notice has
// no double dot, and the external record, linted as a fragment, warns neither about its
// length (that host accepts it) nor about a missing SOA.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeZone, lintZone } from '../../../src/core/zone/lint';
import { dkimCnameFix, movedNotice, webFormRecord } from '../../../src/core/zone/fixes/dkimCname';
import { allQualifierEdit } from '../../../src/core/zone/fixes/simple';
import { applyEdits } from '../../../src/core/text/edits';

const KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoHQUjJudjoqtRjLRuSDVS7Bcr2DUlgVtKcv7xv2skTyfeay+GJbF/8i705rpoPXtam7CYAVT4zm04MmdwzVKrBk7b2YEAlDQS1URL6HYy3Wpth8/F1hMy/cVYcErICWn/mwdrgp3YEvT3DRbAhLtSurgSL0ACrrGA1M1e/mnw3g+5PYqF0l4s5skVRyOHlOR0P+3ue/VnyzJNklyTmr3YxTY7L06TFFoHH3ANU4atsMX07pjMAzISXL4kii3CfwZheG6Ms6k8g6S4W4pvGRoa2tQg06R6ftkfYp80jaCaKmXDYfUJl7nHj1ZbwjrCqK31p1e4Mtch3XMjFs2MLSilwIDAQAB';
const VALUE = `v=DKIM1; k=rsa; p=${KEY}`;
const ZONE = `$ORIGIN contoso.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\nsel1._domainkey IN TXT ( "${VALUE.slice(0, 200)}" ; first half\n    "${VALUE.slice(200)}" )\n`;

function fix() {
  const a = analyzeZone(ZONE);
  const rec = a.records.find((r) => r.type === 'TXT')!;
  return dkimCnameFix(rec, 'sel1.dkim.contoso.com.example.net.');
}

describe('DKIM → CNAME: what goes on the clipboard', () => {
  test('one string: labelled host name and value, no zone syntax', () => {
    const text = webFormRecord(fix(), 'one-string');
    assert.equal(text, `Host name: sel1.dkim.contoso.com.example.net\nType: TXT\nValue: ${VALUE}\n`);
    assert.doesNotMatch(text, /[();]\s*$|^\s+"|; first half|\bIN\b/m, 'no parentheses, comments, continuation indents or class');
  });

  test('split: the quoted strings of at most 255 bytes on the value line', () => {
    const text = webFormRecord(fix(), 'split');
    const value = /^Value: (.*)$/m.exec(text)![1]!;
    const strings = [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    assert.ok(strings.length >= 2 && strings.every((s) => s.length <= 255), strings.map((s) => s.length).join(', '));
    assert.equal(strings.join(''), VALUE);
    assert.equal(text.split('\n').length, 4, 'three lines and the final newline');
  });

  test('the notice names the hosts without trailing dots: no ".." at a sentence end', () => {
    const n = movedNotice('sel1._domainkey.contoso.com.', 'sel1.dkim.contoso.com.example.net.');
    assert.doesNotMatch(n, /\.\./);
    assert.match(n, /^sel1\._domainkey\.contoso\.com is now a CNAME to sel1\.dkim\.contoso\.com\.example\.net\. /);
  });
});

describe('DKIM → CNAME: the external record linted as a fragment', () => {
  test('as a zone it gets the web-form warning and the missing SOA; as a fragment neither', () => {
    const external = fix().externalRecord;
    const asZone = lintZone(external).findings.map((f) => f.code);
    assert.ok(asZone.includes('txt-long-for-web-forms') && asZone.includes('zone-no-soa'), `as a zone: ${asZone.join(', ')}`);
    const asFragment = lintZone(external, { fragment: true }).findings.map((f) => f.code);
    assert.deepEqual(asFragment.filter((c) => c === 'txt-long-for-web-forms' || c === 'zone-no-soa'), [], `as a fragment: ${asFragment.join(', ')}`);
    assert.ok(asFragment.includes('zone-fragment'), 'says it is checked as a fragment');
    const broken = lintZone(`${external}bad IN TXT "v=DKIM1; p=" "${'x'.repeat(300)}"\n`, { fragment: true }).findings.map((f) => f.code);
    assert.ok(broken.includes('txt-string-too-long'), 'a fragment is still checked for real errors');
  });
});

describe('SPF "+all" quick-fix edits (issue 15)', () => {
  test('"+all" and "?all" become "~all" or "-all"; a span that is not exactly the term gets no edit', () => {
    for (const [record, code] of [['v=spf1 mx +all', 'spf-plus-all'], ['v=spf1 mx ?all', 'spf-neutral-all']] as const) {
      const zone = `$ORIGIN contoso.com.\n@ IN TXT "${record}"\n`;
      const f = analyzeZone(zone).findings.find((x) => x.code === code)!;
      assert.ok(f, code);
      for (const q of ['~', '-'] as const) {
        const edit = allQualifierEdit(zone, f, q)!;
        assert.equal(applyEdits(zone, [edit]), zone.replace(/[+?]all/, `${q}all`));
      }
      assert.equal(allQualifierEdit(zone, { ...f, span: { start: f.span.start - 1, end: f.span.end } }, '-'), undefined);
    }
  });
});
