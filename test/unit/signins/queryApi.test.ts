import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSignins } from '../../../src/core/signins/report';
import { QueryApiTableStream, looksLikeQueryApiAnswer } from '../../../src/core/signins/queryApi';
import { byteChunks, scenario, toLogAnalyticsCsv, toLogAnalyticsQueryApi } from './logBuilder';

const essence = (r: Awaited<ReturnType<typeof analyzeSignins>>) => ({
  totals: r.totals,
  legacy: r.legacyUsers.map((u) => [u.user, u.signIns]),
  spray: r.passwordSpray.map((s) => [s.ip, s.users, s.attempts]),
  brute: r.bruteForce.map((b) => [b.user, b.failures]),
  days: r.perDay,
});

void test('a Log Analytics query-API answer (tables/columns/rows) gives the same report as the CSV export', async () => {
  const rows = scenario();
  const csv = await analyzeSignins([toLogAnalyticsCsv(rows)]);
  for (const pretty of [false, true]) {
    for (const size of [7, 4096]) {
      const api = await analyzeSignins(byteChunks(toLogAnalyticsQueryApi(rows, pretty), size));
      assert.equal(api.source.container, 'tables');
      assert.equal(api.source.schema, 'log-analytics');
      assert.equal(api.source.records, rows.length);
      assert.equal(api.source.skipped, 0);
      assert.deepEqual(essence(api), essence(csv));
    }
  }
});

void test('rows are read one at a time with their table\'s columns; broken rows are reported by line', () => {
  const s = new QueryApiTableStream();
  const text = '{"tables":[{"name":"PrimaryResult","columns":[{"name":"A","type":"string"},{"name":"B","type":"string"}],\n"rows":[["x","y ]\\" ["],\n["z", tru],\n["u","v"]]}]}';
  const items = [...text].flatMap((ch) => s.push(ch)).concat(s.end());
  assert.deepEqual(items.filter((i) => i.kind === 'record').map((i) => (i as { value: unknown }).value), [{ A: 'x', B: 'y ]" [' }, { A: 'u', B: 'v' }]);
  const errors = items.filter((i) => i.kind === 'error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, 3);
  assert.equal(looksLikeQueryApiAnswer('\uFEFF \n{ "tables" : ['), true);
  assert.equal(looksLikeQueryApiAnswer('{"value":[{"tables":1}]}'), false);
});

void test('a cut-off answer says so', () => {
  const s = new QueryApiTableStream();
  const items = [...s.push('{"tables":[{"columns":[{"name":"A"}],"rows":[["x"],["y"'), ...s.end()];
  assert.deepEqual(items.map((i) => i.kind), ['record', 'error']);
});
