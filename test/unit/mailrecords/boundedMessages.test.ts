/**
 * A value of a megabyte in any place of an SPF, DMARC or DKIM record (a tag name or value,
 * a mechanism, a modifier, a macro, an address, a prefix length) is quoted clipped in the
 * findings, never whole: the records come from DNS answers and zone files anyone writes.
 */
import { test } from 'node:test';
import { checkDmarcRecordSet, checkSpfRecordSet, keyMismatches, parseDkimKeyRecord, parseDmarcRecord, parseSpfRecord } from '../../../src/core/mailrecords';
import { BoundedMessages, findingMessages, huge } from '../text/bounded';

/** `X` is replaced by a megabyte of each planted character. */
const PLANTED = ['q', '9', 'é'];

function each(templates: string[], check: (value: string, ch: string, template: string) => void): void {
  for (const ch of PLANTED) {
    const x = huge(ch);
    for (const t of templates) check(t.replaceAll('X', x), ch, t);
  }
}

const SPF = [
  'v=spf1X', 'v=spf1 X', 'v=spf1 X=a.example', 'v=spf1 foo=X', 'v=spf1 +X=a', 'v=spf1 X.example.com', 'v=spf1 X:a.example', 'v=spf1 X/24',
  'v=spf1 include=X', 'v=spf1 include=X.example', 'v=spf1 include:X', 'v=spf1 include:X.com', 'v=spf1 include:a.X', 'v=spf1 include:a.X9', 'v=spf1 include:a..X',
  'v=spf1 a:X', 'v=spf1 a/X', 'v=spf1 a:a.example/X', 'v=spf1 mx:X/24', 'v=spf1 mx//X', 'v=spf1 ptr:X', 'v=spf1 exists:X',
  'v=spf1 ip4:X', 'v=spf1 ip4:192.0.2.1/X', 'v=spf1 ip6:X', 'v=spf1 ip6:2001:db8::/X', 'v=spf1 ip4:2001:db8::X', 'v=spf1 ip6:192.0.2.X', 'v=spf1 ip4:',
  'v=spf1 redirect=X', 'v=spf1 redirect=X.example', 'v=spf1 exp=X', 'v=spf1 redirect=a.example redirect=X', 'v=spf1 -all redirect=X', 'v=spf1 -allX', 'v=spf1 -all:X', 'v=spf1 +all X',
  'v=spf1 include:%{X}', 'v=spf1 include:%{dX}.example', 'v=spf1 include:%{d1X}.example', 'v=spf1 include:%{d1rX}.example', 'v=spf1 include:%X', 'v=spf1 include:%{X', 'v=spf1 exp=%{X}',
  'v=spf1 include:192.0.2.1X', 'v=spf1 a:X.example.com?', 'v=spf1 include:a.example X -all',
];

test('SPF: a megabyte in any term is quoted clipped', () => {
  const b = new BoundedMessages();
  each(SPF, (v, ch, t) => {
    b.check(findingMessages(parseSpfRecord(v).findings), ch, `parseSpfRecord ${t} (${ch})`);
    b.check(checkSpfRecordSet([v, v]).findings.map((f) => f.finding.message), ch, `checkSpfRecordSet ${t} (${ch})`);
  });
  b.done();
});

const DMARC = [
  'v=DMARC1X', 'v=X; p=none', 'v=DMARC1; p=X', 'v=DMARC1; p=none; sp=X', 'v=DMARC1; p=none; np=X', 'v=DMARC1; p=none; adkim=X', 'v=DMARC1; p=none; aspf=X',
  'v=DMARC1; p=none; pct=X', 'v=DMARC1; p=none; fo=X', 'v=DMARC1; p=none; rf=X', 'v=DMARC1; p=none; ri=X', 'v=DMARC1; p=none; t=X', 'v=DMARC1; p=none; psd=X',
  'v=DMARC1; p=none; X=1', 'v=DMARC1; p=none; X=1; X=2', 'v=DMARC1; p=none; X=a\u0001', 'v=DMARC1; p=none; X', 'v=DMARC1; p=none; =X', 'v=DMARC1; p=none; 9X=1', 'v=DMARC1; p=none; a\u0001X=1', 'v=DMARC1; p=none; rua=a\u0001X',
  'v=DMARC1; p=none; rua=X', 'v=DMARC1; p=none; rua=X@a.example', 'v=DMARC1; p=none; rua=mailto:X', 'v=DMARC1; p=none; rua=mailto:X@a.example', 'v=DMARC1; p=none; rua=mailto:a@X',
  'v=DMARC1; p=none; rua=mailto:a@X.example', 'v=DMARC1; p=none; rua=mailto:a@a.example!X', 'v=DMARC1; p=none; rua=mailto:a@a.example!9X', 'v=DMARC1; p=none; rua=https:X', 'v=DMARC1; p=none; rua=mailto:X X',
  'v=DMARC1; p=none; ruf=mailto:a@a.example,X', 'v=DMARC1; p=none; ruf=mailto:a@a.example,,X', 'v=DMARC1; p=none; rua=mailto:a\u0001X@a.example',
];

test('DMARC: a megabyte in any tag name or value is quoted clipped', () => {
  const b = new BoundedMessages();
  each(DMARC, (v, ch, t) => {
    b.check(findingMessages(parseDmarcRecord(v).findings), ch, `parseDmarcRecord ${t} (${ch})`);
    b.check(checkDmarcRecordSet([v, v]).findings.map((f) => f.finding.message), ch, `checkDmarcRecordSet ${t} (${ch})`);
  });
  b.done();
});

const DKIM = [
  'v=X; p=', 'v=DKIM1; k=X; p=', 'v=DKIM1; h=X; p=', 'v=DKIM1; h=sha256:X; p=', 'v=DKIM1; s=X; p=', 'v=DKIM1; t=X; p=', 'v=DKIM1; t=y:X; p=', 'v=DKIM1; n=X; p=',
  'v=DKIM1; X=1; p=', 'v=DKIM1; X=1; X=2; p=', 'v=DKIM1; p=X', 'v=DKIM1; p=!X', 'v=DKIM1; p=MIGfX', 'v=DKIM1; p=MIGf===X', 'v=DKIM1; X', 'v=DKIM1; p=; k=rsa; t=s; h=sha1',
];

test('DKIM key records and their mismatches with a signature: a megabyte is quoted clipped', () => {
  const b = new BoundedMessages();
  each(DKIM, (v, ch, t) => {
    const { record, findings } = parseDkimKeyRecord(v);
    b.check(findingMessages(findings), ch, `parseDkimKeyRecord ${t} (${ch})`);
    const x = huge(ch);
    for (const sig of [{ algorithm: x, domain: 'a.example', identity: x }, { algorithm: `ed25519-${x}`, domain: x, identity: `@${x}` }, { algorithm: `rsa-${x}`, domain: 'a.example', identity: `a@b.${x}` }]) {
      b.check(findingMessages(keyMismatches(record, v, sig)), ch, `keyMismatches ${t} (${ch})`);
    }
  });
  b.done();
});
