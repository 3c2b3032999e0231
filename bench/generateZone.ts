/**
 * Writes a synthetic zone of N records (default 1,000,000 ≈ 57 MB) for benchmarks, in one of
 * three styles:
 *   mixed     A/AAAA/MX/TXT/CNAME/SRV mixes, DKIM keys split in strings (one name in a
 *             thousand), SPF and DMARC at some names, a $TTL and an SOA;
 *   dkim      many distinct owners with multi-line DKIM TXT records holding real 2048-bit keys
 *             (one name in twenty, eight different keys), CAA, SPF/DMARC, A/AAAA/MX/CNAME/SRV;
 *   bad-dkim  the dkim zone with every DKIM p= replaced by base64 of the same length that is
 *             not a key: a zone full of errors, to compare with the clean one.
 * Deterministic apart from the generated keys (a seeded generator), so runs compare.
 * With --fixes (mixed style), one name in fifty gets work for `mailsec lint --fix`: a TXT
 * string over 255 bytes to split, or a name that repeats the origin (a trailing dot to add).
 *   npx tsx bench/generateZone.ts <out> [records] [mixed|dkim|bad-dkim] [--fixes]
 */
import { generateKeyPairSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';

export type ZoneStyle = 'mixed' | 'dkim' | 'bad-dkim';

export function* zoneLines(records: number, style: ZoneStyle = 'mixed', fixes = false): Generator<string> {
  if (style !== 'mixed') {
    yield* dkimZoneLines(records, style === 'bad-dkim');
    return;
  }
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  yield '$ORIGIN bench.example.\n$TTL 3600\n';
  yield '@ IN SOA ns1 hostmaster ( 2026112501 3600 900 1209600 300 )\n  IN NS ns1\n  IN NS ns2\nns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n';
  // A real 2048-bit RSA public key, so DKIM validation does its full work.
  const key = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAjqEUtDZ5gvEkHpxb+oKgMXilN7ikL3uv92m5JT1YCdTcRrYnWhEIvQt6W4Wt1bi2LW7UlY0qUcYuolVSVfue4C1dZy+FK+TqS1yPv6FyQMsk0n0UJ0Xd/9E3hsq87oNOtk2zsP/bIvsL5+4lLHrjIjyQkDYSXQj3sKwNRNs0MMiZLwHhPKk/Asll9ffmFdzVrqy6RJasJvX+pIaJp9xwrWCi7WmDImyGERIUccO5cgpd5z9P2cm1BtyfacSbKVfl3ZCRlNaf0ZQPIog5ccJxtZeHuOAAawkCGM362x7gzEU+sp1EfGlsf5VFySGnlahSlBEQyZ3A0wFZqHWuJHPP+QIDAQAB';
  let n = 5;
  for (let i = 0; n < records; i++) {
    const host = `server-${i.toString(36)}-${rnd(1000)}.dept${rnd(40)}.site${rnd(9)}`;
    const r = rnd(1000);
    if (fixes && i % 50 === 0) {
      yield i % 100 === 0 ? `${host} IN TXT "${key}${key.slice(0, 100)}"\n` : `${host}.bench.example IN A 192.0.2.${rnd(256)}\n`;
      n++;
    } else if (r === 0) {
      // DKIM keys are rare in real zones: one in a thousand names.
      yield `s${i}._domainkey.${host} IN TXT ( "v=DKIM1; k=rsa; "\n    "p=${key.slice(0, 200)}"\n    "${key.slice(200)}" ) ; key ${i}\n`;
      n++;
    } else if (r < 50) {
      yield `${host} IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.mail.example.net -all"\n_dmarc.${host} IN TXT "v=DMARC1; p=reject; rua=mailto:d@${host}.bench.example"\n`;
      n += 2;
    } else if (r < 100) {
      yield `_sip._tcp.${host} IN SRV 10 ${rnd(100)} 5060 ns1\n`;
      n++;
    } else if (r < 250) {
      yield `${host} IN CNAME ns${1 + rnd(2)}\n`;
      n++;
    } else if (r < 350) {
      yield `${host} IN TXT "verification-token=${rnd(1e9).toString(36)}${rnd(1e9).toString(36)}"\n`;
      n++;
    } else if (r < 450) {
      yield `${host} IN MX ${rnd(50)} mx${rnd(9)}.mail.example.net.\n`;
      n++;
    } else if (r < 600) {
      yield `${host} IN AAAA 2001:db8:${rnd(65536).toString(16)}::${rnd(65536).toString(16)}\n  IN A 192.0.2.${rnd(256)}\n`;
      n += 2;
    } else {
      yield `${host} 300 IN A 10.${rnd(256)}.${rnd(256)}.${rnd(256)}\n`;
      n++;
    }
  }
}

/** Eight real 2048-bit RSA public keys (SubjectPublicKeyInfo, base64), made once per generation. */
function realKeys(): string[] {
  return Array.from({ length: 8 }, () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
}

function* dkimZoneLines(records: number, bad: boolean): Generator<string> {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const keys = realKeys();
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // Not a key: base64 of the same length whose bytes are no DER SubjectPublicKeyInfo.
  const notKey = (k: string) => Array.from(k, (c, i) => (c === '=' ? c : B64[(B64.indexOf(c) * 7 + i + 3) % 64])).join('');
  yield '$ORIGIN dkim.example.\n$TTL 3600\n';
  yield '@ IN SOA ns1 hostmaster ( 2026120401 3600 900 1209600 300 )\n  IN NS ns1\n  IN NS ns2\n  IN CAA 0 issue "letsencrypt.org"\nns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n';
  let n = 7;
  for (let i = 0; n < records; i++) {
    const owner = `h${i.toString(36)}-${rnd(100000)}.d${rnd(500)}`;
    const r = rnd(100);
    if (r < 5) {
      const key = keys[rnd(keys.length)]!;
      const p = bad ? notKey(key) : key;
      yield `sel${rnd(50)}._domainkey.${owner} 3600 IN TXT ( "v=DKIM1; k=rsa; t=s; "\n\t"p=${p.slice(0, 200)}"\n\t"${p.slice(200)}" )\n`;
      n++;
    } else if (r < 12) {
      yield `${owner} IN TXT "v=spf1 ip4:198.51.100.${rnd(256)}/32 include:_spf.mail.example.net ~all"\n_dmarc.${owner} IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@${owner}.dkim.example; adkim=s"\n`;
      n += 2;
    } else if (r < 16) {
      yield `${owner} IN CAA 0 issue "${rnd(2) ? 'letsencrypt.org' : 'digicert.com'}"\n`;
      n++;
    } else if (r < 22) {
      yield `_submission._tcp.${owner} IN SRV 0 1 587 mail${rnd(9)}.dkim.example.\n`;
      n++;
    } else if (r < 35) {
      yield `www.${owner} IN CNAME ${owner}\n`;
      n++;
    } else if (r < 45) {
      yield `${owner} IN MX ${10 * rnd(5)} mx${rnd(9)}.mail.example.net.\n`;
      n++;
    } else if (r < 65) {
      yield `${owner} IN AAAA 2001:db8:${rnd(65536).toString(16)}::${rnd(65536).toString(16)}\n`;
      n++;
    } else {
      yield `${owner} IN A 203.0.113.${rnd(256)}\n`;
      n++;
    }
  }
}

if (require.main === module) {
  const out = process.argv[2];
  const count = Number(process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : 1_000_000);
  const style = (process.argv.slice(4).find((a) => !a.startsWith('--')) ?? 'mixed') as ZoneStyle;
  const fixes = process.argv.includes('--fixes');
  if (!out) {
    console.error('usage: tsx bench/generateZone.ts <out> [records]');
    process.exit(2);
  }
  const w = createWriteStream(out);
  for (const line of zoneLines(count, style, fixes)) w.write(line);
  w.end();
}
