import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkSpfRecordSet, isSpfRecord, parseSpfRecord } from '../../../src/core/mailrecords/spf';
import { at, codes, errors, none, one } from './helpers';

/** Records as the providers publish them (or as their docs tell customers to). */
const REAL = {
  google: 'v=spf1 include:_spf.google.com ~all',
  googleSpf: 'v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all',
  googleNetblocks2: 'v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ip6:2607:f8b0:4000::/36 ip6:2800:3f0:4000::/36 ip6:2a00:1450:4000::/36 ip6:2c0f:fb50:4000::/36 ~all',
  m365: 'v=spf1 include:spf.protection.outlook.com -all',
  outlook: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip4:52.102.0.0/16 ip4:52.103.0.0/17 ip4:104.47.0.0/17 ip6:2a01:111:f400::/48 ip6:2a01:111:f403::/49 ip6:2a01:111:f403:8000::/51 ip6:2a01:111:f403:c000::/51 ip6:2a01:111:f403:f000::/52 -all',
  sendgrid: 'v=spf1 include:sendgrid.net -all',
  ses: 'v=spf1 include:amazonses.com ~all',
  amazonses: 'v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 ip4:69.169.224.0/20 ip4:23.249.208.0/20 ip4:23.251.224.0/19 ip4:76.223.176.0/20 ip4:54.240.64.0/19 ip4:54.240.96.0/19 ip4:52.82.172.0/22 -all',
  mandrill: 'v=spf1 include:spf.mandrillapp.com ?all',
  salesforce: 'v=spf1 exists:%{i}._spf.mta.salesforce.com -all',
  proofpoint: 'v=spf1 include:%{ir}.%{v}.%{d}.spf.has.pphosted.com ~all',
  yahoo: 'v=spf1 redirect=_spf.mail.yahoo.com',
  combined: 'v=spf1 mx a:mail.example.com/28 ip4:192.0.2.0/24 include:_spf.google.com include:spf.protection.outlook.com include:sendgrid.net include:amazonses.com -all',
};

void describe('SPF records from real providers', () => {
  void it('Google, Microsoft 365, SendGrid and SES customer records are clean', () => {
    for (const v of [REAL.google, REAL.googleSpf, REAL.googleNetblocks2, REAL.m365, REAL.outlook, REAL.sendgrid, REAL.ses, REAL.amazonses]) {
      assert.deepEqual(parseSpfRecord(v).findings, [], v);
    }
  });

  void it('collects include targets with spans, and counts lookups', () => {
    const { record } = parseSpfRecord(REAL.combined);
    assert.deepEqual(record.includes.map((i) => i.domain), ['_spf.google.com', 'spf.protection.outlook.com', 'sendgrid.net', 'amazonses.com']);
    for (const inc of record.includes) assert.equal(REAL.combined.slice(inc.span.start, inc.span.end), inc.domain);
    assert.equal(record.lookupCount, 6);
    assert.deepEqual(record.lookupTerms.map((t) => t.name), ['mx', 'a', 'include', 'include', 'include', 'include']);
    assert.equal(record.all?.text, '-all');
    assert.equal(record.all?.qualifier, '-');
  });

  void it('each term span slices back to the term, names and arguments too', () => {
    const { record } = parseSpfRecord(`${REAL.combined}  `);
    assert.equal(record.terms.length, 8);
    for (const t of record.terms) {
      assert.equal(REAL.combined.slice(t.span.start, t.span.end), t.text);
      assert.equal(REAL.combined.slice(t.nameSpan.start, t.nameSpan.end).toLowerCase(), t.name);
      if (t.ipSpan) assert.equal(REAL.combined.slice(t.ipSpan.start, t.ipSpan.end), t.ip);
    }
    const a = record.terms[1]!;
    assert.equal(a.domainSpec, 'mail.example.com');
    assert.equal(a.cidr4, 28);
    const ip4 = record.terms[2]!;
    assert.equal(ip4.ip, '192.0.2.0');
    assert.equal(ip4.cidr4, 24);
    assert.equal(ip4.lookup, false);
  });

  void it('Mailchimp/Mandrill "?all" is a warning', () => {
    const f = one(parseSpfRecord(REAL.mandrill).findings, 'spf-neutral-all');
    assert.equal(f.severity, 'warning');
    assert.equal(at(REAL.mandrill, f), '?all');
  });

  void it('macro targets (Salesforce exists, Proofpoint include) are valid and flagged hasMacros', () => {
    const sf = parseSpfRecord(REAL.salesforce);
    assert.deepEqual(sf.findings, []);
    assert.equal(sf.record.terms[0]!.hasMacros, true);
    assert.equal(sf.record.lookupCount, 1);
    const pp = parseSpfRecord(REAL.proofpoint);
    assert.deepEqual(pp.findings, []);
    assert.equal(pp.record.includes[0]!.hasMacros, true);
    assert.equal(pp.record.includes[0]!.domain, '%{ir}.%{v}.%{d}.spf.has.pphosted.com');
  });

  void it('redirect= alone is clean and becomes the redirect target', () => {
    const { record, findings } = parseSpfRecord(REAL.yahoo);
    assert.deepEqual(findings, []);
    assert.equal(record.redirect?.domain, '_spf.mail.yahoo.com');
    assert.equal(record.lookupCount, 1);
  });

  void it('"v=spf1 -all" (a domain that sends no mail) is clean with no lookups', () => {
    const { record, findings } = parseSpfRecord('v=spf1 -all');
    assert.deepEqual(findings, []);
    assert.equal(record.lookupCount, 0);
  });
});

void describe('isSpfRecord', () => {
  void it('wants v=spf1 in any case followed by a space or the end', () => {
    assert.equal(isSpfRecord('v=spf1 -all'), true);
    assert.equal(isSpfRecord('V=SPF1 -all'), true);
    assert.equal(isSpfRecord('v=spf1'), true);
    assert.equal(isSpfRecord('v=spf10 -all'), false);
    assert.equal(isSpfRecord(' v=spf1 -all'), false);
    assert.equal(isSpfRecord('v=spf1\t-all'), false);
    assert.equal(isSpfRecord('spf2.0/pra include:x.com'), false);
    assert.equal(isSpfRecord('v=DMARC1; p=none'), false);
  });
});

void describe('SPF policy findings', () => {
  void it('+all and a bare "all" are errors', () => {
    for (const v of ['v=spf1 +all', 'v=spf1 mx all']) {
      const f = one(parseSpfRecord(v).findings, 'spf-plus-all');
      assert.equal(f.severity, 'error');
      assert.match(at(v, f), /^\+?all$/);
    }
  });

  void it('no all and no redirect is info; redirect alone is not', () => {
    const f = one(parseSpfRecord('v=spf1 mx').findings, 'spf-no-all');
    assert.equal(f.severity, 'info');
    none(parseSpfRecord('v=spf1 mx redirect=_spf.example.com').findings, 'spf-no-all');
  });

  void it('redirect with all warns that redirect is ignored', () => {
    const v = 'v=spf1 mx redirect=_spf.example.com -all';
    const f = one(parseSpfRecord(v).findings, 'spf-redirect-ignored');
    assert.equal(at(v, f), 'redirect=_spf.example.com');
  });

  void it('mechanisms after all warn with a span over them; exp= after all does not', () => {
    const v = 'v=spf1 -all include:_spf.google.com mx exp=explain.example.com';
    const f = one(parseSpfRecord(v).findings, 'spf-after-all');
    assert.equal(at(v, f), 'include:_spf.google.com mx');
    assert.equal(f.data?.['count'], 2);
    none(parseSpfRecord('v=spf1 -all exp=explain.example.com').findings, 'spf-after-all');
  });

  void it('ptr warns', () => {
    const v = 'v=spf1 ptr:example.com -all';
    assert.equal(at(v, one(parseSpfRecord(v).findings, 'spf-ptr')), 'ptr:example.com');
  });

  void it('more than 10 lookup terms is an error spanning the ones over the limit', () => {
    const incs = Array.from({ length: 11 }, (_, i) => `include:s${i}.example.com`);
    const v = `v=spf1 ${incs.join(' ')} ip4:192.0.2.1 -all`;
    const { record, findings } = parseSpfRecord(v);
    assert.equal(record.lookupCount, 11);
    const f = one(findings, 'spf-too-many-lookups');
    assert.equal(at(v, f), 'include:s10.example.com');
    assert.equal(f.data?.['count'], 11);
    const ten = `v=spf1 ${incs.slice(0, 9).join(' ')} redirect=x.example.com`;
    assert.equal(parseSpfRecord(ten).record.lookupCount, 10);
    none(parseSpfRecord(ten).findings, 'spf-too-many-lookups');
  });

  void it('every lookup kind counts; ip4, ip6, all and exp do not', () => {
    const v = 'v=spf1 a mx ptr exists:%{i}.x.example.com include:b.example.com ip4:192.0.2.1 ip6:2001:db8::1 exp=e.example.com redirect=r.example.com';
    const { record } = parseSpfRecord(v);
    assert.deepEqual(record.lookupTerms.map((t) => t.name), ['a', 'mx', 'ptr', 'exists', 'include', 'redirect']);
  });

  void it('duplicate redirect or exp is an error on the second', () => {
    const v = 'v=spf1 redirect=a.example.com redirect=b.example.com';
    const f = one(parseSpfRecord(v).findings, 'spf-duplicate-modifier');
    assert.equal(at(v, f), 'redirect=b.example.com');
    assert.equal(f.related?.[0]?.span.start, v.indexOf('redirect=a'));
    one(parseSpfRecord('v=spf1 exp=a.example.com exp=b.example.com -all').findings, 'spf-duplicate-modifier');
    assert.equal(parseSpfRecord(v).record.redirect?.domain, 'a.example.com');
  });

  void it('records over 450 bytes warn, and over 512 say why', () => {
    const ips = (n: number) => Array.from({ length: n }, (_, i) => `ip4:192.0.${i}.0/24`).join(' ');
    const v450 = `v=spf1 ${ips(26)} -all`;
    assert.ok(v450.length > 450 && v450.length <= 512, String(v450.length));
    const f = one(parseSpfRecord(v450).findings, 'spf-record-too-long');
    assert.equal(f.data?.['bytes'], v450.length);
    assert.doesNotMatch(f.message, /512/);
    assert.match(one(parseSpfRecord(`v=spf1 ${ips(40)} -all`).findings, 'spf-record-too-long').message, /512-byte/);
    none(parseSpfRecord(REAL.outlook).findings, 'spf-record-too-long');
  });
});

void describe('SPF syntax errors', () => {
  void it('an unknown mechanism suggests the nearest one', () => {
    const v = 'v=spf1 inclde:_spf.google.com -all';
    const f = one(parseSpfRecord(v).findings, 'spf-unknown-mechanism');
    assert.equal(at(v, f), 'inclde');
    assert.match(f.message, /Did you mean "include"\?/);
    assert.match(one(parseSpfRecord('v=spf1 ipv4:192.0.2.1 -all').findings, 'spf-unknown-mechanism').message, /Did you mean "ip4"\?/);
  });

  void it('a bare domain suggests include:, a bare address suggests ip4:', () => {
    const v = 'v=spf1 spf.protection.outlook.com -all';
    assert.match(one(parseSpfRecord(v).findings, 'spf-unknown-mechanism').message, /include:spf\.protection\.outlook\.com/);
    assert.match(one(parseSpfRecord('v=spf1 192.0.2.1 -all').findings, 'spf-unknown-mechanism').message, /ip4:192\.0\.2\.1/);
    assert.match(one(parseSpfRecord('v=spf1 2001:db8::/32 -all').findings, 'spf-unknown-mechanism').message, /ip6:2001:db8::\/32/);
  });

  void it('redirect: with a colon says redirect is a modifier', () => {
    assert.match(one(parseSpfRecord('v=spf1 redirect:_spf.example.com').findings, 'spf-unknown-mechanism').message, /write redirect=_spf\.example\.com/);
  });

  void it('include= is a mechanism written as a modifier (silently ignored): error', () => {
    const v = 'v=spf1 include=_spf.google.com -all';
    const { record, findings } = parseSpfRecord(v);
    const f = one(findings, 'spf-mechanism-as-modifier');
    assert.match(f.message, /include:_spf\.google\.com/);
    assert.equal(record.includes.length, 0);
    assert.equal(record.lookupCount, 0);
  });

  void it('an unknown modifier warns, suggesting redirect for a typo', () => {
    const v = 'v=spf1 redirct=_spf.example.com';
    const f = one(parseSpfRecord(v).findings, 'spf-unknown-modifier');
    assert.equal(at(v, f), 'redirct');
    assert.match(f.message, /Did you mean "redirect="\?/);
    const g = one(parseSpfRecord('v=spf1 foo=bar -all').findings, 'spf-unknown-modifier');
    assert.doesNotMatch(g.message, /Did you mean/);
  });

  void it('include, exists, redirect and exp without a domain are errors', () => {
    for (const v of ['v=spf1 include -all', 'v=spf1 include: -all', 'v=spf1 exists -all', 'v=spf1 redirect=', 'v=spf1 -all exp=']) {
      one(parseSpfRecord(v).findings, 'spf-missing-domain');
    }
    one(parseSpfRecord('v=spf1 a: -all').findings, 'spf-missing-domain');
  });

  void it('all with an argument is a syntax error', () => {
    const v = 'v=spf1 -all:example.com';
    assert.equal(at(v, one(parseSpfRecord(v).findings, 'spf-syntax')), ':example.com');
  });

  void it('a qualified modifier is a syntax error', () => {
    one(parseSpfRecord('v=spf1 -redirect=_spf.example.com').findings, 'spf-syntax');
  });

  void it('U+2028, U+2029 and LF inside a macro are findings, not a crash (issue 11)', () => {
    for (const c of ['\u2028', '\u2029', '\n']) {
      for (const v of [`v=spf1 include:%{d${c}}.example.com -all`, `v=spf1 exists:%{i${c}r}.x.example -all`, `v=spf1 foo=%{l${c}} -all`, `v=spf1 -all exp=%{d${c}}.example.com`]) {
        const codes = parseSpfRecord(v).findings.map((f) => f.code);
        assert.ok(codes.includes('spf-bad-macro'), `${JSON.stringify(v)}: ${codes.join(', ')}`);
      }
    }
  });

  void it('a visible character no host name has is valid syntax (RFC 7208 macro-literal), with a warning', () => {
    const v = 'v=spf1 include:spf@example.com a:foo:bar/baz.example.com -all';
    const found = parseSpfRecord(v).findings;
    assert.deepEqual(found.map((f) => [f.code, f.severity, at(v, f)]), [['spf-domain-character', 'warning', '@'], ['spf-domain-character', 'warning', ':']]);
    assert.match(found[0]!.message, /"@"/);
  });

  void it('bad domains: no dot, IP address, numeric top label, empty label, long label', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['v=spf1 include:localhost -all', 'localhost', /no dot/],
      ['v=spf1 a:192.0.2.1 -all', '192.0.2.1', /ip4:192\.0\.2\.1/],
      ['v=spf1 include:example.123 -all', '123', /top-level label/],
      ['v=spf1 include:a..example.com -all', 'a..example.com', /empty label/],
      [`v=spf1 include:${'x'.repeat(64)}.example.com -all`, `${'x'.repeat(64)}.example.com`, /64 characters/],
      ['v=spf1 include:%{d}.com- -all', 'com-', /top-level label/],
    ];
    for (const [v, text, message] of cases) {
      const f = one(parseSpfRecord(v).findings, 'spf-bad-domain');
      assert.equal(at(v, f), text, v);
      assert.match(f.message, message, v);
    }
    assert.deepEqual(parseSpfRecord('v=spf1 include:example.com. -all').findings, [], 'a trailing dot is allowed');
  });

  void it('bad IPs name the version mix-up or the host name', () => {
    const v = 'v=spf1 ip4:2001:db8::1 ip6:192.0.2.1 ip4:mail.example.com ip4:10.0.0.256 -all';
    const found = parseSpfRecord(v).findings.filter((f) => f.code === 'spf-bad-ip');
    assert.deepEqual(found.map((f) => at(v, f)), ['2001:db8::1', '192.0.2.1', 'mail.example.com', '10.0.0.256']);
    assert.match(found[0]!.message, /ip6:2001:db8::1/);
    assert.match(found[1]!.message, /ip4:192\.0\.2\.1/);
    assert.match(found[2]!.message, /a:mail\.example\.com/);
    one(parseSpfRecord('v=spf1 ip4 -all').findings, 'spf-bad-ip');
  });

  void it('bad CIDR lengths: too long, leading zero, not a number; valid dual CIDR', () => {
    const v = 'v=spf1 ip4:192.0.2.0/33 ip6:2001:db8::/129 a/024 mx//200 ip4:192.0.2.0/x -all';
    const found = parseSpfRecord(v).findings.filter((f) => f.code === 'spf-bad-cidr');
    assert.deepEqual(found.map((f) => at(v, f)), ['33', '129', '024', '200', '/x']);
    const empty = 'v=spf1 ip4:192.0.2.0/ -all';
    assert.equal(at(empty, one(parseSpfRecord(empty).findings, 'spf-bad-cidr')), '/');
    const ok = parseSpfRecord('v=spf1 a:example.com/24//64 mx/30 a//48 ip6:2001:db8::/0 -all');
    assert.deepEqual(ok.findings, []);
    const [a, mx, a6] = ok.record.terms;
    assert.deepEqual([a!.cidr4, a!.cidr6, mx!.cidr4, mx!.cidr6, a6!.cidr4, a6!.cidr6], [24, 64, 30, undefined, undefined, 48]);
  });

  void it('a junk suffix after a/mx is a syntax error', () => {
    one(parseSpfRecord('v=spf1 mxexample.com -all').findings, 'spf-unknown-mechanism');
    one(parseSpfRecord('v=spf1 a/24x -all').findings, 'spf-syntax');
  });

  void it('bad macros: unknown letter, exp-only letter, zero count, bad delimiter, unclosed, lone %', () => {
    const cases: Array<[string, string]> = [
      ['v=spf1 exists:%{x}.example.com -all', '%{x}'],
      ['v=spf1 exists:%{c}.example.com -all', '%{c}'],
      ['v=spf1 exists:%{d0}.example.com -all', '%{d0}'],
      ['v=spf1 exists:%{d2r;}.example.com -all', '%{d2r;}'],
      ['v=spf1 exists:%{d.example.com -all', '%{d.example.com'],
      ['v=spf1 exists:100%.example.com -all', '%.'],
      ['v=spf1 exists:%{}.example.com -all', '%{}'],
    ];
    for (const [v, text] of cases) assert.equal(at(v, one(parseSpfRecord(v).findings, 'spf-bad-macro')), text, v);
    const good = 'v=spf1 exists:%{l1r+-}.%{d2}.%{ir}.%{v}.%{h}._spf.%{O}.example.com include:%%%_%-.example.com include:%{d} -all';
    assert.deepEqual(parseSpfRecord(good).findings, []);
  });

  void it('a tab or non-ASCII character is reported at the character', () => {
    const v = 'v=spf1 mx\t-all';
    const f = one(parseSpfRecord(v).findings, 'spf-invalid-character');
    assert.equal(at(v, f), '\t');
    assert.equal(parseSpfRecord(v).record.terms.length, 2, 'the tab still separates the terms');
    const u = 'v=spf1 include:b\u00fccher.example -all';
    assert.equal(at(u, one(parseSpfRecord(u).findings, 'spf-invalid-character')), '\u00fc');
  });

  void it('a value that is not SPF gets one version error and no terms', () => {
    const cases: Array<[string, string]> = [
      [' v=spf1 -all', ' '], ['v=spf1,mx -all', ','], ['v = spf1 -all', 'v = spf1'], ['v=spf2 -all', 'v=spf2'],
    ];
    for (const [v, text] of cases) {
      const { record, findings } = parseSpfRecord(v);
      assert.deepEqual(codes(findings), ['spf-bad-version'], v);
      assert.equal(at(v, findings[0]!), text, v);
      assert.equal(record.terms.length, 0);
    }
  });

  void it('an invalid term does not hide other findings, and lone errors keep valid terms valid', () => {
    const { record, findings } = parseSpfRecord('v=spf1 ip4:1.2.3 include:_spf.google.com +all');
    assert.deepEqual(codes(errors(findings)), ['spf-bad-ip', 'spf-plus-all']);
    assert.deepEqual(record.terms.map((t) => t.valid), [false, true, true]);
  });
});

void describe('checkSpfRecordSet', () => {
  void it('one SPF record among other TXT values is fine', () => {
    const r = checkSpfRecordSet(['google-site-verification=abc', REAL.google, 'MS=ms12345']);
    assert.deepEqual(r.spfIndexes, [1]);
    assert.deepEqual(r.findings, []);
  });

  void it('each extra SPF record gets an error at its index', () => {
    const values = [REAL.google, 'MS=ms12345', REAL.m365, 'V=SPF1 -all'];
    const r = checkSpfRecordSet(values);
    assert.deepEqual(r.spfIndexes, [0, 2, 3]);
    assert.deepEqual(r.findings.map((f) => [f.index, f.finding.code]), [[2, 'spf-multiple-records'], [3, 'spf-multiple-records']]);
    assert.equal(r.findings[0]!.finding.span.end, values[2]!.length);
    assert.equal(r.findings[0]!.finding.data?.['count'], 3);
  });

  void it('near misses are reported: error when there is no real SPF record, warning otherwise', () => {
    const alone = checkSpfRecordSet([' v=spf1 include:_spf.google.com ~all']);
    assert.equal(alone.findings[0]!.finding.code, 'spf-not-recognized');
    assert.equal(alone.findings[0]!.finding.severity, 'error');
    const withReal = checkSpfRecordSet([REAL.google, 'v=spf1include:sendgrid.net']);
    assert.deepEqual(withReal.findings.map((f) => [f.index, f.finding.code, f.finding.severity]), [[1, 'spf-not-recognized', 'warning']]);
  });
});
