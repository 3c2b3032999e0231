/**
 * Live checks: a TXT record is written by whoever controls the DNS answer. A megabyte in an
 * MTA-STS or TLS-RPT record comes back clipped in the findings' messages and fixes.
 */
import { test } from 'node:test';
import { parseMtaSts } from '../../../src/core/checks/mtaSts';
import { parseTlsRpt } from '../../../src/core/checks/tlsRpt';
import { BoundedMessages, huge } from '../text/bounded';

test('MTA-STS and TLS-RPT records: a megabyte in a field is clipped in messages and fixes', () => {
  const b = new BoundedMessages();
  for (const ch of ['q', '9']) {
    const x = huge(ch);
    for (const record of [`v=STSv1${x}; id=1`, `v=STSv1; ${x}`, `v=STSv1; id=${x}`, `v=STSv1; id=1; ${x}=`]) {
      const r = parseMtaSts(record, '_mta-sts.example.com');
      b.check(r.findings.flatMap((f) => [f.message, f.fix]), ch, `MTA-STS ${record.slice(0, 12)}…`);
    }
    for (const record of [`v=TLSRPTv1; rua=${x}`, `v=TLSRPTv1; rua=mailto:a@b.example,${x}`, `v=TLSRPTv1${x}; rua=mailto:a@b.example`]) {
      const r = parseTlsRpt(record, '_smtp._tls.example.com');
      b.check(r.findings.flatMap((f) => [f.message, f.fix]), ch, `TLS-RPT ${record.slice(0, 16)}…`);
    }
  }
  b.done();
});
