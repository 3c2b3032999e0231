import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Severity } from '../../../src/core/findings';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { BackgroundZoneDocument, applyChanges, chooseShown, composeChanges, omittedNotice, placeFindings } from '../../../src/core/zone/editor/background';
import { tooLargeForEditorMessage } from '../../../src/core/zone/editor/syncLimit';
import { analyzeZone } from '../../../src/core/zone/lint';
import { zoneOwnerOutline, zoneSymbols } from '../../../src/core/zone/editor/symbols';
import { TaskTimings } from '../../../src/core/timings';

const f = (severity: Severity, start: number, file?: string): Finding => ({ code: `c-${severity}`, severity, message: `${severity} at ${start}`, span: { start, end: start + 1 }, ...(file ? { file } : {}) });

describe('chooseShown: what VS Code keeps of too many diagnostics', () => {
  test('keeps everything up to the limit, in order', () => {
    const items = [f('info', 0), f('error', 1), f('warning', 2)];
    assert.deepEqual(chooseShown(items, 3), { shown: items, omitted: 0 });
  });
  test('errors first, then warnings, then information, each in the list order; the result in list order', () => {
    const items = [f('info', 0), f('warning', 1), f('error', 2), f('warning', 3), f('error', 4), f('info', 5)];
    const { shown, omitted } = chooseShown(items, 3);
    assert.deepEqual(shown.map((x) => x.span.start), [1, 2, 4]);
    assert.equal(omitted, 3);
    assert.deepEqual(chooseShown(items, 2).shown.map((x) => x.span.start), [2, 4]);
    assert.deepEqual(chooseShown(items, 5).shown.map((x) => x.span.start), [0, 1, 2, 3, 4]);
  });
});

describe('placeFindings', () => {
  const text = 'a\nbb\nccc\n';
  const lines = new LineIndex(text);
  const inc = new LineIndex('x\ny\n');
  const linesFor = (file: string | undefined) => (file ? inc : lines);

  test('positions computed, grouped by file, the document first', () => {
    const placed = placeFindings([f('warning', 3), f('error', 2, '/z/inc.zone'), { ...f('info', 5), related: [{ message: 'there', span: { start: 0, end: 1 }, file: '/z/inc.zone' }] }], linesFor);
    assert.equal(placed.length, 2);
    assert.equal(placed[0]!.file, undefined);
    assert.deepEqual(placed[0]!.findings.map((p) => p.range), [[1, 1, 1, 2], [2, 0, 2, 1]]);
    assert.deepEqual(placed[0]!.findings[1]!.related, [{ message: 'there', range: [0, 0, 0, 1], file: '/z/inc.zone' }]);
    assert.deepEqual(placed[1], { file: '/z/inc.zone', omitted: 0, findings: [{ code: 'c-error', severity: 'error', message: 'error at 2', range: [1, 0, 1, 1] }] });
  });

  test('over the limit: one place left for the notice, errors kept first', () => {
    const many = Array.from({ length: 10 }, (_, i) => f(i % 3 === 0 ? 'error' : 'info', i % 8));
    const [doc] = placeFindings(many, linesFor, 5);
    assert.equal(doc!.findings.length, 4);
    assert.equal(doc!.omitted, 6);
    assert.deepEqual(doc!.findings.map((x) => x.severity), ['error', 'error', 'error', 'error']);
    assert.match(omittedNotice(6, '/z/big.zone'), /6 more findings .* at most 1000 per file, errors first\); `mailsec lint \/z\/big\.zone` lists them all/);
    assert.match(omittedNotice(1, undefined), /1 more finding in this file is not shown/);
  });
});

describe('composeChanges: several changes in a row as one', () => {
  const cases: [string, { start: number; end: number; text: string }[]][] = [
    ['one insertion', [{ start: 2, end: 2, text: 'XY' }]],
    ['typing', [{ start: 3, end: 3, text: 'a' }, { start: 4, end: 4, text: 'b' }, { start: 5, end: 5, text: 'c' }]],
    ['backspace after typing', [{ start: 3, end: 3, text: 'ab' }, { start: 4, end: 5, text: '' }]],
    ['far apart, later one first', [{ start: 8, end: 9, text: 'Q' }, { start: 1, end: 2, text: '' }]],
    ['delete all, type', [{ start: 0, end: 10, text: '' }, { start: 0, end: 0, text: 'new' }]],
    ['append at the end', [{ start: 10, end: 10, text: '\n' }]],
  ];
  for (const [name, changes] of cases) {
    test(name, () => {
      const old = '0123456789';
      const next = applyChanges(old, changes);
      const c = composeChanges(old.length, changes, next);
      assert.equal(old.slice(0, c.start) + c.text + old.slice(c.end), next);
      assert.ok(c.start <= c.end);
    });
  }
});

describe('BackgroundZoneDocument', () => {
  const zone = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster ( 1 3600 900 1209600 300 )\n  IN NS ns1\nns1 IN A 192.0.2.1\nwww IN CNAME @\nwww IN A 192.0.2.9\n_dmarc IN TXT "v=DMARC1; p=none"\n';

  test('its findings after batched edits and a refresh are those of the edited text analysed afresh', () => {
    const d = new BackgroundZoneDocument(zone, {}, 1);
    const at = zone.indexOf('192.0.2.1');
    d.edit([{ start: at + 8, end: at + 9, text: '' }, { start: at + 8, end: at + 8, text: '300' }], 2);
    d.edit([{ start: zone.length, end: zone.length, text: 'bad IN A 1.2.3\n' }], 3);
    d.refresh();
    assert.equal(d.version, 3);
    const text = applyChanges(zone, [{ start: at + 8, end: at + 9, text: '' }, { start: at + 8, end: at + 8, text: '300' }, { start: zone.length, end: zone.length, text: 'bad IN A 1.2.3\n' }]);
    assert.equal(d.text, text);
    const fresh = analyzeZone(text, {});
    const lines = new LineIndex(text);
    const expected = fresh.findings.map((x) => [x.code, lines.positionAt(x.span.start).line]);
    assert.deepEqual(d.diagnostics()[0]!.findings.map((x) => [x.code, x.range[0]]), expected);
    assert.ok(expected.some(([code]) => code === 'zone-cname-and-other-data'));
    assert.ok(expected.some(([, line]) => line === 4), 'the bad address on line 5');
  });

  test('hover, outline (owners only, bounded) and folding, placed', () => {
    const d = new BackgroundZoneDocument(zone, {}, 1);
    const h = d.hover(zone.indexOf('CNAME') + 1);
    assert.ok(h);
    assert.equal(h.range[0], 5);
    const { symbols, complete } = d.symbols(3);
    assert.equal(symbols.length, 3);
    assert.equal(complete, false);
    assert.equal(d.symbols(100).complete, true);
    assert.ok(symbols.every((s) => s.children.length === 0));
    assert.deepEqual(d.folding(), []);
  });
});

test('zoneOwnerOutline: the owners and directives of zoneSymbols, bounded, without children', () => {
  const zone = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster ( 1 3600 900 1209600 300 )\n  IN NS ns1\n  IN MX 10 mail\nmail IN A 192.0.2.1\n  IN AAAA 2001:db8::1\n$GENERATE 1-3 h$ A 192.0.2.$\nwww IN CNAME @\n$TTL 60\nmail IN TXT "x"\n';
  const parse = analyzeZone(zone, {});
  const full = zoneSymbols(parse);
  const { symbols, complete } = zoneOwnerOutline(parse, 1000);
  assert.equal(complete, true);
  assert.deepEqual(symbols.map((s) => ({ ...s, children: [] })), full.map((s) => ({ ...s, children: [] })));
  const cut = zoneOwnerOutline(parse, 4);
  assert.equal(cut.complete, false);
  assert.deepEqual(cut.symbols.map((s) => s.name), full.slice(0, 4).map((s) => s.name));
});

test('tooLargeForEditorMessage names the file, its size and the command that checks it', () => {
  assert.equal(
    tooLargeForEditorMessage('/srv/zones/big.zone', 57 * 1048576),
    'big.zone is 57 MB: VS Code does not hand files over 50 MB to extensions, so mailsec cannot check it in the editor. Run `mailsec lint /srv/zones/big.zone` in a terminal to check it.',
  );
});

test('TaskTimings keeps the longest run of each task', () => {
  let now = 0;
  let cpu = 0;
  const t = new TaskTimings(() => now, () => cpu);
  t.measure('a', () => { now += 5; });
  t.measure('a', () => { now += 2; });
  assert.throws(() => t.measure('b', () => { now += 7; throw new Error('x'); }));
  t.measure('b', () => { now += 25; cpu += 3000; });
  assert.deepEqual(t.snapshot(), { a: { maxMs: 5, count: 2, totalMs: 7 }, b: { maxMs: 25, count: 2, totalMs: 32, long: [{ at: 14, ms: 25, cpuMs: 3 }] } });
  t.reset();
  assert.deepEqual(t.snapshot(), {});
});
