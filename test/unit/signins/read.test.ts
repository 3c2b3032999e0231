import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SigninReader } from '../../../src/core/signins/read';
import { SigninFormatError, type SigninRecord } from '../../../src/core/signins/types';
import { PORTAL_COLUMNS, byteChunks, graphObject, minutesAfter, scenario, toGraphJson, toLogAnalyticsCsv, toLogAnalyticsJson, toPortalCsv, type FakeSignin } from './logBuilder';

async function read(input: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>) {
  const reader = new SigninReader(input);
  const records: SigninRecord[] = [];
  for await (const r of reader.records()) records.push(r);
  return { records, info: reader.info };
}

const ROWS: FakeSignin[] = [
  { time: '2025-03-10T08:00:00Z', upn: 'Alice@Contoso.com', display: 'Alice, "Al" Smith', clientApp: 'IMAP4', errorCode: 0, ip: '198.51.100.1', country: 'FR', userAgent: 'Thunderbird, 115' },
  { time: '2025-03-10T09:30:00Z', upn: 'bob@contoso.com', clientApp: 'Browser', errorCode: 50126, ip: '2001:db8::1', country: 'DE', userAgent: 'Mozilla/5.0' },
  { time: '2025-03-11T23:59:59Z', upn: 'zoë@contoso.com', display: 'Zoë\nMultiline', clientApp: 'Some New Protocol', errorCode: 53003, ip: '203.0.113.9', country: 'JP', userAgent: '' },
];

/** What every format must agree on. */
const essence = (r: SigninRecord) => [r.user, r.time && new Date(r.time).toISOString(), r.clientApp, r.errorCode, r.outcome, r.ip, r.country, r.userAgent];
const expected = ROWS.map((r) => [r.upn.toLowerCase(), new Date(r.time).toISOString(), r.clientApp, r.errorCode, r.errorCode === 0 ? 'success' : 'failure', r.ip, r.country, r.userAgent]);

void test('Entra admin center CSV: BOM, CRLF, quoted commas, quotes and newlines', async () => {
  const text = toPortalCsv(ROWS, { bom: true, eol: '\r\n' });
  const { records, info } = await read([text]);
  assert.deepEqual(records.map(essence), expected);
  assert.equal(info.kind, 'csv');
  assert.equal(info.schema, 'entra-admin-center');
  assert.equal(info.columns![9], 'Application ID ');
  assert.deepEqual(info.missing, []);
  assert.equal(records[0]!.userDisplayName, 'Alice, "Al" Smith');
  assert.equal(records[2]!.userDisplayName, 'Zoë\nMultiline');
  assert.equal(records[2]!.line, 5); // the record with a quoted newline ends on line 5
});

void test('the same file read in 7-byte Buffer chunks (multi-byte characters cut) gives the same records', async () => {
  const text = toPortalCsv(ROWS, { bom: true });
  const { records } = await read(byteChunks(text, 7));
  assert.deepEqual(records.map(essence), expected);
});

void test('columns in another order, LF line ends, a semicolon separator', async () => {
  const columns = [...PORTAL_COLUMNS].reverse();
  assert.deepEqual((await read([toPortalCsv(ROWS, { columns, eol: '\n' })])).records.map(essence), expected);
  const semi = await read([toPortalCsv(ROWS, { delimiter: ';' })]);
  assert.equal(semi.info.delimiter, ';');
  assert.deepEqual(semi.records.map(essence), expected);
});

void test('missing optional columns are named with what they disable', async () => {
  const columns = ['Date (UTC)', 'Username', 'Status', 'Client app'];
  const { records, info } = await read([toPortalCsv(ROWS, { columns })]);
  assert.deepEqual(records.map((r) => [r.user, r.outcome, r.errorCode, r.ip]), [
    ['alice@contoso.com', 'success', undefined, undefined],
    ['bob@contoso.com', 'failure', undefined, undefined],
    ['zoë@contoso.com', 'failure', undefined, undefined],
  ]);
  assert.deepEqual(info.missing.map((m) => m.field), ['errorCode', 'ip', 'userAgent', 'country', 'app']);
  assert.match(info.missing.find((m) => m.field === 'ip')!.consequence, /no password-spray detection/);
});

void test('a CSV with neither user nor result columns is refused in plain words', async () => {
  await assert.rejects(read(['Date,Amount\n2025-01-01,3\n']), (e: unknown) => e instanceof SigninFormatError && /does not look like a sign-in log/.test(e.message));
  await assert.rejects(read(['Username,Client app\nalice,IMAP4\n']), /no column for the result/);
  await assert.rejects(read(['   \n  ']), /empty/);
  await assert.rejects(read(['[{"foo":1}]']), /does not look like a sign-in log/);
});

void test('Graph page, bare array, NDJSON and pretty objects read alike', async () => {
  for (const layout of ['page', 'array', 'ndjson', 'pretty'] as const) {
    const { records, info } = await read(byteChunks(toGraphJson(ROWS, layout), 64));
    assert.deepEqual(records.map(essence), expected, layout);
    assert.equal(info.kind, 'json');
    assert.equal(info.schema, 'graph');
    assert.equal(info.container, { page: 'wrapped', array: 'array', ndjson: 'ndjson', pretty: 'objects' }[layout]);
  }
});

void test('Graph v1.0 records without userAgent: the field is reported missing', async () => {
  const objs = ROWS.map((r, i) => {
    const o = graphObject(r, i);
    delete o['userAgent'];
    return o;
  });
  const { records, info } = await read([JSON.stringify({ value: objs })]);
  assert.equal(records[0]!.userAgent, undefined);
  assert.deepEqual(info.missing.map((m) => m.field), ['userAgent']);
});

void test('Log Analytics CSV export: "TimeGenerated [UTC]" in US format, LocationDetails and Status as JSON text', async () => {
  const { records, info } = await read([toLogAnalyticsCsv(ROWS)]);
  assert.equal(info.schema, 'log-analytics');
  assert.deepEqual(records.map(essence), expected);
  assert.deepEqual(info.missing, []);
  assert.equal(records[0]!.interactive, true);
});

void test('Log Analytics JSON and Azure Monitor diagnostic records', async () => {
  const la = await read([toLogAnalyticsJson(ROWS)]);
  assert.equal(la.info.schema, 'log-analytics');
  assert.deepEqual(la.records.map(essence), expected);
  const diag = { records: ROWS.map((r, i) => ({ time: r.time, resultType: String(r.errorCode), callerIpAddress: r.ip, category: 'SignInLogs', identity: 'x', location: r.country, properties: graphObject(r, i) })) };
  const d = await read([JSON.stringify(diag)]);
  assert.deepEqual(d.records.map(essence), expected);
});

void test('unknown client apps, empty user agents and missing users are kept or counted, never silently lost', async () => {
  const rows = [...ROWS, { ...ROWS[0]!, upn: '' }];
  const text = toPortalCsv(rows, { columns: ['Date (UTC)', 'Username', 'Sign-in error code', 'Client app', 'User agent'] });
  const { records, info } = await read([text]);
  assert.equal(records.length, 3);
  assert.equal(records[2]!.clientApp, 'Some New Protocol');
  assert.equal(records[2]!.userAgent, '');
  assert.equal(info.skipped, 1);
  assert.match(info.skippedSamples[0]!.reason, /no user/);
  assert.equal(info.skippedSamples[0]!.line, 5);
});

void test('day-first dates: the first unambiguous date switches the file, and the note says what was read before', async () => {
  const text = 'Date (UTC),Username,Sign-in error code,Client app\n05/01/2024 10:00,a@x,0,IMAP4\n15/01/2024 10:00,b@x,0,IMAP4\n06/01/2024 10:00,c@x,0,IMAP4\n';
  const { records, info } = await read([text]);
  assert.deepEqual(records.map((r) => new Date(r.time!).toISOString().slice(0, 10)), ['2024-05-01', '2024-01-15', '2024-01-06']);
  assert.equal(info.dateOrder, 'day-first');
  assert.match(info.dateOrderNote!, /1 earlier date/);
});

void test('an unclosed quote at the end stops reading with a message; what came before is kept', async () => {
  const text = toPortalCsv(ROWS.slice(0, 2)) + '2025-03-12T00:00:00Z,req,"unterminated,';
  const { records, info } = await read([text]);
  assert.equal(records.length, 2);
  assert.match(info.truncated!, /Reading stopped at line \d+/);
});

void test('progress is reported in bytes and an abort stops the read', async () => {
  const text = toPortalCsv(scenario());
  const seen: number[] = [];
  const reader = new SigninReader(byteChunks(text, 256), { onProgress: (n) => seen.push(n) });
  for await (const _ of reader.records()) {
    // drain
  }
  assert.equal(seen.at(-1), Buffer.byteLength(text));
  assert.ok(seen.length > 1 && seen.every((n, i) => i === 0 || n > seen[i - 1]!));
  const controller = new AbortController();
  async function* chunks() {
    const parts = byteChunks(text, 256);
    for (let i = 0; i < parts.length; i++) {
      if (i === 3) controller.abort(new Error('cancelled by the user'));
      yield parts[i]!;
    }
  }
  const aborted = new SigninReader(chunks(), { signal: controller.signal });
  await assert.rejects(
    (async () => {
      for await (const _ of aborted.records()) {
        // drain
      }
    })(),
    /cancelled by the user/,
  );
});

void test('a record is yielded before the whole file is read (streaming)', async () => {
  let produced = 0;
  const rows = Array.from({ length: 50 }, (_, i) => ({ ...ROWS[0]!, time: minutesAfter('2025-01-01T00:00:00Z', i) }));
  const text = toGraphJson(rows, 'array');
  async function* chunks() {
    for (const c of byteChunks(text, 100)) {
      produced++;
      yield c;
    }
  }
  const reader = new SigninReader(chunks());
  for await (const _ of reader.records()) break;
  assert.ok(produced < byteChunks(text, 100).length / 2, `read ${produced} chunks before the first record`);
});

void test('a key or column name of megabytes is shown clipped in the message, not echoed whole', async () => {
  const long = 'k'.repeat(2_000_000);
  for (const input of [`[{"${long}":1}]`, `{"value":[{"${long}":1}]}`, `${long},Amount\n1,2\n`]) {
    await assert.rejects(read([input]), (e: unknown) => {
      assert.ok(e instanceof SigninFormatError);
      assert.match(e.message, /does not look like a sign-in log/);
      assert.ok(e.message.length < 1000, `message of ${e.message.length} characters`);
      assert.match(e.message, /k{59}…/);
      return true;
    });
  }
  // Found: … lists the names of a file that has some sign-in columns but not all: clipped too.
  await assert.rejects(read([`UserPrincipalName,${long}\na@b.c,1\n`]), (e: unknown) => e instanceof SigninFormatError && e.message.length < 1000 && /Found: .*k{59}…/.test(e.message));
});
