import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkDmarcRecordSet, isDmarcRecord, parseDmarcRecord } from '../../../src/core/mailrecords/dmarc';
import { at, codes, errors, none, one } from './helpers';

const REAL = {
  google: 'v=DMARC1; p=reject; rua=mailto:mailauth-reports@google.com',
  microsoft: 'v=DMARC1; p=reject; pct=100; rua=mailto:d@rua.agari.com; ruf=mailto:d@ruf.agari.com; fo=1',
  yahoo: 'v=DMARC1; p=reject; pct=100; rua=mailto:dmarc_y_rua@yahoo.com;',
  amazon: 'v=DMARC1; p=quarantine; pct=100; rua=mailto:report@dmarc.amazon.com; ruf=mailto:report@dmarc.amazon.com',
  sendgridDocs: 'v=DMARC1; p=none; rua=mailto:dmarc@example.com; ruf=mailto:dmarc@example.com; rf=afrf; pct=100; ri=86400',
  dmarcian: 'v=DMARC1; p=none; rua=mailto:a1b2c3@ag.dmarcian.com; ruf=mailto:a1b2c3@fr.dmarcian.com; fo=1',
  bis: 'v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=s; t=n; psd=n; rua=mailto:dmarc@example.com,mailto:agg@vendor.example.net!10m; fo=d:s',
};

void describe('DMARC records from real domains', () => {
  void it('Google\'s record is clean and parsed', () => {
    const { record, findings } = parseDmarcRecord(REAL.google);
    assert.deepEqual(findings, []);
    assert.equal(record.version, 'DMARC1');
    assert.equal(record.policy, 'reject');
    assert.equal(record.adkim, 'r');
    assert.equal(record.aspf, 'r');
    assert.deepEqual(record.failureOptions, ['0']);
    assert.equal(record.rua.length, 1);
    const uri = record.rua[0]!;
    assert.equal(uri.address, 'mailauth-reports@google.com');
    assert.equal(uri.domain, 'google.com');
    assert.equal(uri.valid, true);
    assert.equal(REAL.google.slice(uri.span.start, uri.span.end), 'mailto:mailauth-reports@google.com');
    assert.equal(REAL.google.slice(uri.domainSpan!.start, uri.domainSpan!.end), 'google.com');
  });

  void it('Microsoft, Yahoo and Amazon style records only get the RFC 9989 note on pct=100', () => {
    for (const v of [REAL.microsoft, REAL.yahoo, REAL.amazon]) {
      const { record, findings } = parseDmarcRecord(v);
      assert.deepEqual(codes(findings), ['dmarc-removed-tag'], v);
      assert.equal(at(v, findings[0]!), 'pct=100');
      assert.equal(record.pct, 100);
    }
    const ms = parseDmarcRecord(REAL.microsoft).record;
    assert.deepEqual(ms.failureOptions, ['1']);
    assert.deepEqual(ms.ruf.map((u) => u.domain), ['ruf.agari.com']);
  });

  void it('a p=none record (SendGrid docs) gets monitoring-only info and the removed-tag notes', () => {
    const v = REAL.sendgridDocs;
    const { record, findings } = parseDmarcRecord(v);
    assert.deepEqual(errors(findings), []);
    const f = one(findings, 'dmarc-policy-none');
    assert.equal(f.severity, 'info');
    assert.match(f.message, /monitoring only: receivers take no action on failing mail/);
    assert.equal(at(v, f), 'p=none');
    assert.deepEqual(findings.filter((x) => x.code === 'dmarc-removed-tag').map((x) => at(v, x)), ['rf=afrf', 'pct=100', 'ri=86400']);
    assert.deepEqual(record.reportFormats, ['afrf']);
    assert.equal(record.reportInterval, 86400);
  });

  void it('an RFC 9989 record with np, psd, t and a sized URI is clean', () => {
    const { record, findings } = parseDmarcRecord(REAL.bis);
    assert.deepEqual(findings, []);
    assert.equal(record.subdomainPolicy, 'quarantine');
    assert.equal(record.nonexistentPolicy, 'reject');
    assert.equal(record.adkim, 's');
    assert.equal(record.aspf, 's');
    assert.equal(record.testing, false);
    assert.equal(record.psd, 'n');
    assert.deepEqual(record.failureOptions, ['d', 's']);
    const sized = record.rua[1]!;
    assert.equal(sized.uri, 'mailto:agg@vendor.example.net');
    assert.equal(sized.maxSize, '10m');
    assert.equal(sized.maxBytes, 10 * 1024 * 1024);
    assert.equal(sized.domain, 'vendor.example.net');
    assert.equal(REAL.bis.slice(sized.uriSpan.start, sized.uriSpan.end), sized.uri);
    assert.equal(REAL.bis.slice(sized.span.start, sized.span.end), 'mailto:agg@vendor.example.net!10m');
  });

  void it('tag names and policy values are case-insensitive', () => {
    const { record, findings } = parseDmarcRecord('v=DMARC1; P=Reject; SP=NONE; rua=MAILTO:Dmarc@Example.COM');
    assert.deepEqual(findings, []);
    assert.equal(record.policy, 'reject');
    assert.equal(record.subdomainPolicy, 'none');
    assert.equal(record.rua[0]!.scheme, 'mailto');
    assert.equal(record.rua[0]!.domain, 'example.com');
  });
});

void describe('isDmarcRecord', () => {
  void it('recognises v=DMARC1 first, with optional whitespace', () => {
    assert.equal(isDmarcRecord('v=DMARC1; p=none'), true);
    assert.equal(isDmarcRecord('v = DMARC1 ;p=none'), true);
    assert.equal(isDmarcRecord('v=DMARC1'), true);
    assert.equal(isDmarcRecord('v=dmarc1; p=none'), true);
    assert.equal(isDmarcRecord('p=none; v=DMARC1'), false);
    assert.equal(isDmarcRecord('v=DMARC10; p=none'), false);
    assert.equal(isDmarcRecord('v=spf1 -all'), false);
  });
});

void describe('DMARC version and policy', () => {
  void it('a missing v= is an error', () => {
    const v = 'p=reject; rua=mailto:d@example.com';
    assert.equal(at(v, one(parseDmarcRecord(v).findings, 'dmarc-missing-version')), 'p=reject');
  });

  void it('v= not first is an error; a lower-case version is an error on the value', () => {
    const v = 'p=reject; v=DMARC1';
    assert.equal(at(v, one(parseDmarcRecord(v).findings, 'dmarc-version-not-first')), 'v=DMARC1');
    const w = 'v=dmarc1; p=reject; rua=mailto:d@example.com';
    assert.equal(at(w, one(parseDmarcRecord(w).findings, 'dmarc-bad-version')), 'dmarc1');
  });

  void it('missing p= with a valid rua= is a warning explaining RFC 9989 and RFC 7489', () => {
    const { record, findings } = parseDmarcRecord('v=DMARC1; rua=mailto:d@example.com');
    const f = one(findings, 'dmarc-missing-policy');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /RFC 9989/);
    assert.match(f.message, /RFC 7489/);
    assert.equal(record.policy, undefined);
  });

  void it('missing p= without a usable rua= is an error', () => {
    assert.equal(one(parseDmarcRecord('v=DMARC1').findings, 'dmarc-missing-policy').severity, 'error');
    assert.equal(one(parseDmarcRecord('v=DMARC1; rua=d@example.com').findings, 'dmarc-missing-policy').severity, 'error');
  });

  void it('an invalid p, sp or np is an error with a suggestion, and the policy stays unset', () => {
    const v = 'v=DMARC1; p=rejet; sp=quarantine; np=nope; rua=mailto:d@example.com';
    const { record, findings } = parseDmarcRecord(v);
    const bad = findings.filter((f) => f.code === 'dmarc-bad-policy');
    assert.deepEqual(bad.map((f) => at(v, f)), ['rejet', 'nope']);
    assert.match(bad[0]!.message, /Did you mean "reject"\?/);
    assert.match(bad[0]!.message, /treat the whole record as p=none/);
    assert.equal(record.policy, undefined);
    assert.equal(record.subdomainPolicy, 'quarantine');
    assert.equal(record.nonexistentPolicy, undefined);
  });

  void it('p= not right after v= is info only', () => {
    const v = 'v=DMARC1; rua=mailto:d@example.com; p=reject';
    const f = one(parseDmarcRecord(v).findings, 'dmarc-policy-not-second');
    assert.equal(f.severity, 'info');
    assert.equal(at(v, f), 'p=reject');
  });

  void it('no rua= is info', () => {
    const v = 'v=DMARC1; p=reject';
    const f = one(parseDmarcRecord(v).findings, 'dmarc-no-rua');
    assert.equal(f.severity, 'info');
    none(parseDmarcRecord(REAL.google).findings, 'dmarc-no-rua');
  });
});

void describe('DMARC tag values', () => {
  void it('pct other than 100 is info about partial enforcement and RFC 9989', () => {
    const v = 'v=DMARC1; p=quarantine; pct=25; rua=mailto:d@example.com';
    const { record, findings } = parseDmarcRecord(v);
    const f = one(findings, 'dmarc-pct-partial');
    assert.equal(at(v, f), 'pct=25');
    assert.match(f.message, /25%/);
    assert.match(f.message, /RFC 9989 removed pct=/);
    assert.equal(record.pct, 25);
    none(findings, 'dmarc-removed-tag');
  });

  void it('an invalid pct is a warning (the tag is gone in RFC 9989)', () => {
    for (const pct of ['101', '50%', '-1', '']) {
      const v = `v=DMARC1; p=reject; pct=${pct}; rua=mailto:d@example.com`;
      const f = one(parseDmarcRecord(v).findings, 'dmarc-bad-value');
      assert.equal(f.severity, 'warning');
      assert.equal(at(v, f), pct);
    }
  });

  void it('bad adkim, aspf, t, psd and fo are errors on the value', () => {
    const v = 'v=DMARC1; p=reject; adkim=strict; aspf=x; t=yes; psd=maybe; fo=2:d; rua=mailto:d@example.com';
    const bad = parseDmarcRecord(v).findings.filter((f) => f.code === 'dmarc-bad-value');
    assert.deepEqual(bad.map((f) => [at(v, f), f.severity]), [
      ['strict', 'error'], ['x', 'error'], ['yes', 'error'], ['maybe', 'error'], ['2:d', 'error'],
    ]);
    assert.deepEqual(bad.map((f) => f.data?.['tag']), ['adkim', 'aspf', 't', 'psd', 'fo']);
  });

  void it('bad rf and ri are warnings', () => {
    const v = 'v=DMARC1; p=reject; rf=iodef; ri=daily; rua=mailto:d@example.com';
    const bad = parseDmarcRecord(v).findings.filter((f) => f.code === 'dmarc-bad-value');
    assert.deepEqual(bad.map((f) => [at(v, f), f.severity]), [['iodef', 'warning'], ['daily', 'warning']]);
  });

  void it('t=y is testing info', () => {
    const v = 'v=DMARC1; p=reject; t=y; rua=mailto:d@example.com';
    const { record, findings } = parseDmarcRecord(v);
    assert.equal(at(v, one(findings, 'dmarc-testing')), 't=y');
    assert.equal(record.testing, true);
  });

  void it('unknown tags warn with the nearest tag; duplicates are errors', () => {
    const v = 'v=DMARC1; p=reject; rue=mailto:d@example.com; aspf=r; aspf=s; policy=reject';
    const { findings } = parseDmarcRecord(v);
    const unknown = findings.filter((f) => f.code === 'dmarc-unknown-tag');
    assert.deepEqual(unknown.map((f) => at(v, f)), ['rue', 'policy']);
    assert.match(unknown[0]!.message, /"rua=" or "ruf="/);
    const dup = one(findings, 'dmarc-duplicate-tag');
    assert.equal(at(v, dup), 'aspf=s');
    assert.equal(dup.severity, 'error');
  });

  void it('a DMARC tag-list syntax error is reported with the dmarc prefix', () => {
    const v = 'v=DMARC1; p=reject; rua=mailto:d@example.com; reject';
    assert.equal(at(v, one(parseDmarcRecord(v).findings, 'dmarc-tag-syntax')), 'reject');
  });
});

void describe('DMARC report URIs', () => {
  void it('a bare address is an error with the mailto: fix and its domain', () => {
    const v = 'v=DMARC1; p=none; rua=dmarc@example.com';
    const { record, findings } = parseDmarcRecord(v);
    const f = one(findings, 'dmarc-uri-missing-mailto');
    assert.equal(at(v, f), 'dmarc@example.com');
    assert.equal(f.data?.['fix'], 'mailto:dmarc@example.com');
    assert.equal(f.data?.['domain'], 'example.com');
    assert.equal(record.rua[0]!.valid, false);
  });

  void it('https: and other schemes warn that no reports arrive', () => {
    const v = 'v=DMARC1; p=none; rua=https://reports.example.net/dmarc, ftp://x.example.net';
    const found = parseDmarcRecord(v).findings.filter((f) => f.code === 'dmarc-uri-unsupported-scheme');
    assert.deepEqual(found.map((f) => at(v, f)), ['https://reports.example.net/dmarc', 'ftp://x.example.net']);
    assert.equal(found[0]!.data?.['domain'], 'reports.example.net');
  });

  void it('invalid mailto: URIs are errors on the broken part', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['rua=mailto:', 'mailto:', /no address/],
      ['rua=mailto:dmarc.example.com', 'dmarc.example.com', /no "@"/],
      ['rua=mailto:@example.com', '', /mailbox/],
      ['rua=mailto:d@example', 'example', /not a valid domain/],
      ['rua=mailto:d@exa_mple..com', 'exa_mple..com', /not a valid domain/],
      ['rua=mailto:d@example.com!10x', 'example.com!10x', /size suffix/],
      ['ruf=mailto:d@example.com mailto:e@example.com', 'mailto:d@example.com mailto:e@example.com', /whitespace/],
      ['rua=', 'rua=', /empty/],
      ['rua=not a uri', 'not a uri', /whitespace/],
      ['rua=reports', 'reports', /not a URI/],
    ];
    for (const [tag, text, message] of cases) {
      const v = `v=DMARC1; p=none; ${tag}`;
      const f = one(parseDmarcRecord(v).findings, 'dmarc-bad-uri');
      assert.equal(at(v, f), text, tag);
      assert.match(f.message, message, tag);
      assert.equal(f.severity, 'error');
    }
  });

  void it('an extra comma is a warning on that comma', () => {
    const v = 'v=DMARC1; p=none; rua=mailto:a@example.com,,mailto:b@example.com';
    const f = one(parseDmarcRecord(v).findings, 'dmarc-bad-uri');
    assert.equal(f.severity, 'warning');
    assert.equal(f.span.start, v.indexOf(',,'));
    assert.equal(parseDmarcRecord(v).record.rua.length, 2);
  });

  void it('several URIs with spaces after commas each get span and domain (for external authorisation)', () => {
    const v = 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com, mailto:x1@rua.vendor.example.net ,mailto:y%21z@other.example.org';
    const { record, findings } = parseDmarcRecord(v);
    assert.deepEqual(findings, []);
    assert.deepEqual(record.rua.map((u) => v.slice(u.span.start, u.span.end)), [
      'mailto:dmarc@example.com', 'mailto:x1@rua.vendor.example.net', 'mailto:y%21z@other.example.org',
    ]);
    assert.deepEqual(record.rua.map((u) => u.domain), ['example.com', 'rua.vendor.example.net', 'other.example.org']);
    assert.equal(record.rua[2]!.address, 'y!z@other.example.org');
    for (const u of record.rua) assert.equal(v.slice(u.domainSpan!.start, u.domainSpan!.end), u.domain);
  });
});

void describe('checkDmarcRecordSet', () => {
  void it('two DMARC records at one name are an error on the second', () => {
    const values = ['v=DMARC1; p=none', 'some-verification=1', 'v=DMARC1; p=reject'];
    const r = checkDmarcRecordSet(values);
    assert.deepEqual(r.dmarcIndexes, [0, 2]);
    assert.deepEqual(r.findings.map((f) => [f.index, f.finding.code]), [[2, 'dmarc-multiple-records']]);
    assert.equal(r.findings[0]!.finding.span.end, values[2]!.length);
  });

  void it('one record is fine', () => {
    assert.deepEqual(checkDmarcRecordSet([REAL.google]).findings, []);
  });
});
