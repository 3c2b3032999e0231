/**
 * Writes a synthetic zone of N records (default 1,000,000 ≈ 57 MB) for benchmarks:
 * A/AAAA/MX/TXT/CNAME/SRV mixes, DKIM keys split in strings, SPF and DMARC at some
 * names, a $TTL and an SOA. Deterministic (a seeded generator), so runs compare.
 * With --fixes, one name in fifty gets work for `mailsec lint --fix`: a TXT string over
 * 255 bytes to split, or a name that repeats the origin (a trailing dot to add).
 *   npx tsx bench/generateZone.ts <out> [records] [--fixes]
 */
import { createWriteStream } from 'node:fs';

export function* zoneLines(records: number, fixes = false): Generator<string> {
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

if (require.main === module) {
  const out = process.argv[2];
  const count = Number(process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : 1_000_000);
  const fixes = process.argv.includes('--fixes');
  if (!out) {
    console.error('usage: tsx bench/generateZone.ts <out> [records]');
    process.exit(2);
  }
  const w = createWriteStream(out);
  for (const line of zoneLines(count, fixes)) w.write(line);
  w.end();
}
