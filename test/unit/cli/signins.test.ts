import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../../../src/cli/run';
import { fakeIo } from './fakeIo';
import { scenario, toGraphJson, toPortalCsv, type FakeSignin } from '../signins/logBuilder';

const dir = mkdtempSync(join(tmpdir(), 'mailsec-signins-'));
writeFileSync(join(dir, 'attack.csv'), toPortalCsv(scenario(), { bom: true }));
const quiet: FakeSignin[] = [{ time: '2025-03-10T08:00:00Z', upn: 'a@contoso.com', clientApp: 'Browser', errorCode: 0, ip: '198.51.100.1', userAgent: 'Mozilla/5.0' }];
writeFileSync(join(dir, 'quiet.json'), toGraphJson(quiet));
const legacyOnly = scenario().filter((r) => r.errorCode === 0);
writeFileSync(join(dir, 'legacy.json'), toGraphJson(legacyOnly, 'ndjson'));

void test('exit 2 when spraying or brute force is found; the text report names them', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv'], io), 2);
  const out = io.out;
  assert.match(out, /^attack\.csv: CSV \(Entra admin center\), 74 sign-ins from 2025-03-10 08:00Z to/);
  assert.match(out, /203\.0\.113\.66 {2}12 users, 12 attempts {2}RU {2}"BAV2ROPC" {2}PASSWORD ACCEPTED for user3@contoso\.com/);
  assert.match(out, /ceo@contoso\.com {2}25 failures within 60 min from 2025-03-10 18:00Z, 25 in one day \(2025-03-10\)/);
  assert.match(out, /error signin-password-spray /);
});

void test('exit 1 when users still sign in with legacy authentication; exit 0 when none do', async () => {
  const legacy = fakeIo(dir);
  assert.equal(await runCli(['signins', 'legacy.json'], legacy), 1);
  assert.match(legacy.out, /Users still signing in with legacy authentication: 2/);
  const ok = fakeIo(dir);
  assert.equal(await runCli(['signins', 'quiet.json'], ok), 0);
});

void test('--fail-on: legacy users alone pass with error; spraying passes only with never', async () => {
  assert.equal(await runCli(['signins', 'legacy.json', '--fail-on', 'error'], fakeIo(dir)), 0);
  assert.equal(await runCli(['signins', 'attack.csv', '--fail-on', 'error'], fakeIo(dir)), 2);
  assert.equal(await runCli(['signins', 'attack.csv', '--fail-on', 'never'], fakeIo(dir)), 0);
  assert.equal(await runCli(['signins', 'nope.csv', '--fail-on', 'never'], fakeIo(dir)), 3);
});

void test('thresholds from the command line change the verdict', async () => {
  assert.equal(await runCli(['signins', 'attack.csv', '--spray-threshold', '13', '--bruteforce-threshold', '26', '--bruteforce-daily-threshold', '26'], fakeIo(dir)), 1);
  const bad = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--spray-threshold', 'ten'], bad), 64);
  assert.match(bad.err, /--spray-threshold must be a whole number/);
});

void test('json, csv and markdown formats', async () => {
  const json = fakeIo(dir);
  await runCli(['signins', 'attack.csv', '--format', 'json'], json);
  const report = JSON.parse(json.out) as { legacyUserCount: number; source: { schema: string } };
  assert.equal(report.legacyUserCount, 2);
  assert.equal(report.source.schema, 'entra-admin-center');
  const csv = fakeIo(dir);
  await runCli(['signins', 'attack.csv', '--format', 'csv'], csv);
  assert.ok((parse(csv.out, { columns: true }) as unknown[]).length > 5);
  const md = fakeIo(dir);
  await runCli(['signins', 'attack.csv', '--format', 'markdown'], md);
  assert.match(md.out, /^# Legacy authentication sign-in report/);
});

void test('exit 3 for a missing file or a file that is not a sign-in log', async () => {
  writeFileSync(join(dir, 'other.csv'), 'Name,Amount\nx,1\n');
  const other = fakeIo(dir);
  assert.equal(await runCli(['signins', 'other.csv'], other), 3);
  assert.match(other.err, /other\.csv: This CSV file does not look like a sign-in log/);
  const missing = fakeIo(dir);
  assert.equal(await runCli(['signins', 'nope.csv'], missing), 3);
  assert.match(missing.err, /cannot read nope\.csv: there is no such file/);
  const stdin = fakeIo(dir, toGraphJson(quiet, 'ndjson'));
  assert.equal(await runCli(['signins', '-'], stdin), 0);
});
