import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { signinDetectionsKql, signinDetectionsKqlText } from '../../../src/core/signins/kql';
import { scenario, toPortalCsv } from '../signins/logBuilder';
import { fakeIo } from './fakeIo';

const dir = mkdtempSync(join(tmpdir(), 'mailsec-signins-kql-'));
writeFileSync(join(dir, 'attack.csv'), toPortalCsv(scenario()));

void test('mailsec signins --emit kql: the detections with the thresholds and days given, no file read', async () => {
  const io = fakeIo(dir);
  assert.equal(await runCli(['signins', '--emit', 'kql', '--days', '7', '--spray-threshold', '15', '--bruteforce-daily-threshold', '12'], io), 0);
  const thresholds = { sprayMinUsers: 15, bruteForceDailyMinFailures: 12 };
  assert.equal(io.out, signinDetectionsKqlText({ days: 7, thresholds }));
  for (const d of signinDetectionsKql({ days: 7, thresholds })) assert.ok(io.out.includes(d.query), d.id);
  assert.match(io.out, /\| where FailedUsers >= 15$/m);
});

void test('--emit kql usage errors; the text report points large tenants to it', async () => {
  const withFile = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--emit', 'kql'], withFile), 64);
  assert.match(withFile.err, /--emit kql reads no file/);
  const days = fakeIo(dir);
  assert.equal(await runCli(['signins', 'attack.csv', '--days', '3'], days), 64);
  const bad = fakeIo(dir);
  assert.equal(await runCli(['signins', '--emit', 'sql'], bad), 64);
  const report = fakeIo(dir);
  await runCli(['signins', 'attack.csv'], report);
  assert.match(report.out, /Large tenants: `mailsec signins --emit kql` prints these detections as KQL to run in Log Analytics/);
});
