/**
 * Property tests of the rdata reader (fixed seed): on any tokens, for any type, linting never
 * throws, and rdata mailsec accepts can always be encoded to wire format (the split-fix proof
 * and the differential tier rely on it). MAILSEC_FUZZ_RUNS raises the number of runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeZone } from '../../../src/core/zone/lint';
import { ALL_TYPES } from '../../../src/core/zone/rrtypes';
import { hasEncoder } from '../../../src/core/zone/rdataEncode';
import { rdataWire } from '../../../src/core/zone/wire';

const RUNS = Number(process.env.MAILSEC_FUZZ_RUNS ?? 3000);
const HEAD = '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
const types = ALL_TYPES.filter((t) => !t.notInZone && hasEncoder(t.name)).map((t) => t.name);
// Pieces that hit the readers' branches: numbers at the edges, names, escapes, lists, base64/hex/base32.
const piece = fc.oneof(
  fc.constantFrom('0', '1', '255', '256', '65535', '65536', '4294967295', '4294967296', '-1', '.', '@', 'a.example.', 'x', '\\#', '\\032', '\\'),
  fc.constantFrom('AA==', 'AAAA', 'A===', 'Zm9v', '00', '0', 'abcdef', 'CPNMU', '00======', 'h2,h3', '"h2,h3"', '1.2.3.4', '::1', '2001:db8::1', 'N', 'S', 'E', 'W', '10m'),
  fc.constantFrom('alpn=h2', 'alpn="a\\\\,b"', 'mandatory=alpn', 'port=53', 'ipv4hint=1.2.3.4,5.6.7.8', 'ech=AA==', 'ipv6hint=::1', 'dohpath=/q{?dns}', 'ohttp', 'key65535=x', 'no-default-alpn', '1:192.0.2.0/24', '!2:2001:db8::/32', 'A', 'NS', 'TYPE65535', 'NOTIFY', '+1650', '0x47.0005', '"quoted text"', '""'),
  fc.stringMatching(/^[0-9a-zA-Z=+/.:,\\-]{1,12}$/),
);

test('any tokens for any type: lint never throws, and accepted rdata encodes to wire format', () => {
  fc.assert(
    fc.property(fc.constantFrom(...types), fc.array(piece, { maxLength: 12 }), (type, toks) => {
      const text = `${HEAD}r IN ${type} ${toks.join(' ')}\n`;
      const a = analyzeZone(text, { origin: 'example.com.' });
      const rec = a.records.find((r) => r.owner === 'r.example.com.');
      if (!rec || rec.generic) return;
      const line = text.indexOf('r IN');
      const errors = a.findings.filter((f) => f.severity === 'error' && f.span.start >= line && f.file === undefined);
      if (errors.length === 0) assert.doesNotThrow(() => rdataWire(rec), `${type} ${toks.join(' ')}`);
    }),
    { seed: 13, numRuns: RUNS },
  );
});
