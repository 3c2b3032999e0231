/**
 * A token of a megabyte anywhere in a zone file (owner, TTL, class, type, rdata, directive
 * and its arguments, TXT values read as SPF, DMARC or DKIM) is quoted clipped in every
 * finding and related message, never whole: zone files come from anyone (a registrar's
 * export, a pull request, a DNS host's download).
 */
import { test } from 'node:test';
import { analyzeZone, lintZone } from '../../../src/core/zone/lint';
import { BoundedMessages, findingMessages, huge } from '../text/bounded';

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

const LINES = [
  'X IN A 192.0.2.1', 'X.example.com. IN A 192.0.2.1', 'a.X IN A 192.0.2.1', '"X" IN A 192.0.2.1', 'X\\. IN A 192.0.2.1', 'X IN CNAME www\nX IN A 192.0.2.1',
  'www X IN A 192.0.2.1', 'www 1X IN A 192.0.2.1', 'www X A 192.0.2.1', 'www IN X 192.0.2.1', 'www 3600 IN X', 'www IN TYPEX \\# 0', 'www X', 'www IN X\\# 0',
  'www IN A X', 'www IN A 192.0.2.1 X', 'www IN AAAA X', 'www IN MX X mail', 'www IN MX 10 X', 'www IN MX 10 X.', 'www IN CNAME X', 'www IN CNAME X.', 'www IN NS X', 'www IN PTR X',
  'www IN SRV X 0 0 a', 'www IN SRV 0 0 0 X', 'www IN CAA 0 X "v"', 'www IN CAA 0 issue X', 'www IN CAA X issue "ca.example"', 'www IN TLSA X 0 0 00', 'www IN TLSA 3 1 1 X',
  'www IN SSHFP 1 1 X', 'www IN DS X 8 2 00', 'www IN DS 1 X 2 00', 'www IN LOC X', 'www IN HINFO X', 'www IN NAPTR 1 1 "X" "" "" .', 'www IN HTTPS 1 . X=1', 'www IN SVCB 1 . alpn=X',
  'www IN HTTPS 1 . port=X', 'www IN HTTPS 1 . ipv4hint=X', 'www IN HTTPS 1 . mandatory=X', 'www IN HTTPS 1 X', 'www IN A \\# 4 X', 'www IN TYPE1 \\# X', 'www IN TYPE1 \\# 4 X', 'www IN \\# X',
  'www IN SOA X X X X X X X', 'www IN RRSIG A 8 2 3600 X 20240101000000 1 example.com. AAAA', 'www IN DNSKEY 256 3 X AAAA', 'www IN CERT X 0 0 AAAA', 'www IN APL X', 'www IN EUI48 X',
  'www IN LOC 1 X N 1 E 0m', 'www IN LOC 1 1 X N 1 E 0m', 'www IN LOC 1 N 1 E Xm', 'www IN APL 1:X/24', 'www IN APL 1:192.0.2.0/X', 'www IN APL X:192.0.2.0/24', 'www IN HTTPS 1 . keyX=', 'www IN HTTPS 1 . keyX',
  'www IN WKS 192.0.2.1 X', 'www IN WKS 192.0.2.1 tcp X', 'www IN DSYNC A X 53 a.example.', 'www IN OPENPGPKEY X', 'www IN SMIMEA 3 1 1 X',
  'www IN TXT "X"', 'www IN TXT X', 'www IN TXT "a";X', 'www IN TXT "a" ;X', 'www IN TXT ("X"', 'www IN TXT "X', 'www IN TXT "\\X"', 'www IN TXT "a"X',
  'www IN TXT "v=spf1 X"', 'www IN TXT "v=spf1 include:X -all"', 'www IN TXT "v=spf1 include:X.example.com -all"', 'www IN TXT "v=spf1 redirect=X"', 'www IN TXT "v=spf1 a:X -all"',
  'www IN TXT "v=spf1 -all" "X"', 'www IN TXT "v=spf1 -all"\nwww IN TXT "v=spf1 X"', 'www IN SPF "v=spf1 X"', 'www IN TXT "v=spf1 exp=X -all"',
  '_dmarc IN TXT "v=DMARC1; X"', '_dmarc IN TXT "v=DMARC1; p=X"', '_dmarc IN TXT "v=DMARC1; p=none; X=1"', '_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:a@X"', '_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:a@X.example.net"',
  'X._dmarc IN TXT "v=DMARC1; p=none"', 'www IN TXT "v=DMARC1; p=none"', '_dmarc.X IN TXT "v=DMARC1; p=none"',
  's._domainkey IN TXT "v=DKIM1; X=1; p="', 's._domainkey IN TXT "v=DKIM1; k=X; p="', 's._domainkey IN TXT "v=DKIM1; p=X"', 'X._domainkey IN TXT "v=DKIM1; p="', 's._domainkey IN CNAME X',
  '_mta-sts IN TXT "v=STSv1; id=X"', '_smtp._tls IN TXT "v=TLSRPTv1; rua=X"', '_smtp._tls IN TXT "v=TLSRPTv1; X"',
  '$ORIGIN X', '$ORIGIN X.', '$ORIGIN example.com. X', '$TTL X', '$TTL 3600 X', '$X', '$INCLUDE X', '$INCLUDE a.zone X', '$INCLUDE "X"',
  '$GENERATE X www A 192.0.2.1', '$GENERATE 1-3 X A 192.0.2.1', '$GENERATE 1-3 h$ A X', '$GENERATE 1-3 h${X} A 192.0.2.1', '$GENERATE 1-3 h${0,X} A 192.0.2.1', '$GENERATE 1-3 h$ X 192.0.2.1',
  '$GENERATE 1-3 h$ X A 192.0.2.1', '$GENERATE 1-X h$ A 192.0.2.1', '$GENERATE 1-3/X h$ A 192.0.2.1',
];

const PLANTED = ['q', '9', 'é'];

function check(b: BoundedMessages, text: string, ch: string, where: string): void {
  // $INCLUDE: not followed, a file that cannot be read (the error quotes the path), a cycle.
  const readers = where.startsWith('$INCLUDE')
    ? [undefined, (path: string) => { throw new Error(`ENOENT: no such file or directory, open '${path}'`); }, () => ({ path: '/zones/self.zone', text })]
    : [undefined];
  for (const readInclude of readers) {
    const opts = { file: '/zones/self.zone', ...(readInclude ? { readInclude } : {}) };
    b.check(findingMessages(lintZone(text, opts).findings), ch, where);
  }
  if (ch === 'q') b.check(findingMessages(analyzeZone(text, { file: '/zones/self.zone' }).findings), ch, where);
}

test('zone files: a megabyte in any token is quoted clipped in findings', () => {
  const b = new BoundedMessages();
  for (const ch of PLANTED) {
    const x = huge(ch);
    for (const line of LINES) check(b, HEAD + line.replaceAll('X', x) + '\n', ch, `${line} (${ch})`);
    // the same long owner twice: findings that name the other record
    check(b, `${HEAD}${x} IN CNAME www\n${x} IN CNAME ns1\n${x} 60 IN A 192.0.2.1\n${x} 70 IN A 192.0.2.2\n`, ch, `duplicate owners (${ch})`);
  }
  b.done();
});
