// A zone file of about 45 MB — just under the 50 MiB above which VS Code hands no file to
// extensions — in a real VS Code: its diagnostics arrive while no task of ours on the extension
// host runs longer than 50 ms, and typing in it costs each change listener under 30 ms
// (issue 16). The analysis runs in the zone worker (src/extension/zone/background.ts); the
// extension's own tasks are timed by the extension (`mailsec.zone.taskTimings`), the event
// loop of the extension host by a delay monitor here. Figures are printed as
// "large zone: ..." lines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PerformanceObserver, monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { zoneLines } from '../../../bench/generateZone';
import { activateExtension, waitForDiagnostics, workspaceRoot } from './util';

type Timings = Record<string, { maxMs: number; count: number; totalMs: number; long?: { at: number; ms: number; cpuMs?: number }[] }>;

const RECORDS = 830_000;
/** About where (0-based line) an error is planted; plantedLine: exactly. */
const PLANTED_LINE = 400_000;
let plantedLine = -1;
const PLANTED = 'planted-bad IN A 192.0.2.300\n';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));
const planted = (ds: readonly vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === 'zone-bad-ipv4' && d.range.start.line === plantedLine);
const taskTimings = async (reset = false): Promise<Timings> => (await vscode.commands.executeCommand<Timings>('mailsec.zone.taskTimings', reset ? 'reset' : undefined)) ?? {};
const longest = (t: Timings): [string, number] => Object.entries(t).reduce<[string, number]>((m, [k, v]) => (v.maxMs > m[1] ? [k, v.maxMs] : m), ['none', 0]);
/**
 * The longest work of our tasks: each run's wall time less the garbage-collection pauses inside
 * it — V8 collects the whole heap (VS Code's 45 MB document is most of it) whenever it must, and
 * such a pause of 50–240 ms lands in whatever task is running, ours or not — or, where Node can
 * tell (threadCpuUsage, Node 23.9+: VS Code 1.139, not 1.96), the CPU time the thread spent in
 * it when that is less: on this shared 2-core machine the thread is often not running at all
 * (the same file opened as plain text, without mailsec, shows event-loop delays of 300–900 ms).
 * Runs of 20 ms or more are timed one by one (TaskTimings.long), so each is set beside the pauses.
 */
function longestWork(t: Timings): [string, number, string] {
  let best: [string, number, string] = ['none', 0, ''];
  for (const [name, v] of Object.entries(t)) {
    const runs = v.long ?? [{ at: Number.NaN, ms: v.maxMs }];
    for (const r of runs) {
      const gcMs = Number.isNaN(r.at) ? 0 : gcPauses.reduce((sum, p) => sum + Math.max(0, Math.min(r.at + r.ms, p.at + p.ms) - Math.max(r.at, p.at)), 0);
      const work = Math.round(Math.min(r.ms - gcMs, r.cpuMs ?? Number.POSITIVE_INFINITY) * 10) / 10;
      if (work > best[1]) best = [name, work, Number.isNaN(r.at) ? '' : `wall ${r.ms} ms, GC inside ${Math.round(gcMs * 10) / 10} ms${r.cpuMs !== undefined ? `, CPU ${r.cpuMs} ms` : ''}`];
    }
  }
  return best;
}

const ms = (h: IntervalHistogram): number => Math.round(h.max / 1e5) / 10;
const report = (line: string): void => console.log(`    large zone (VS Code ${vscode.version}): ${line}`);

/** Garbage-collection pauses of the extension host (V8's, whoever allocated), on the performance clock. */
let gcPauses: { at: number; ms: number }[] = [];
const gc = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ at: e.startTime, ms: e.duration });
});
const longestGc = (since: number): number => Math.round(Math.max(0, ...gcPauses.filter((p) => p.at >= since).map((p) => p.ms)) * 10) / 10;

function lagMonitor(): IntervalHistogram {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  return h;
}

describe('a large zone file (~45 MB)', function () {
  this.timeout(240_000);
  let zoneUri: vscode.Uri;
  let textUri: vscode.Uri;

  before(async () => {
    gc.observe({ entryTypes: ['gc'] });
    await activateExtension();
    // The zone features load with the first zone document (src/extension/extension.ts).
    const small = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'zones', 'db.example.com'));
    await waitForDiagnostics(small.uri, (d) => d.length > 0);
    const dir = vscode.Uri.joinPath(workspaceRoot(), 'large');
    fs.mkdirSync(dir.fsPath, { recursive: true });
    zoneUri = vscode.Uri.joinPath(dir, 'bench.example.zone');
    textUri = vscode.Uri.joinPath(dir, 'bench-example.txt');
    const parts: string[] = [];
    let lines = 0;
    for (const chunk of zoneLines(RECORDS, 'mixed')) {
      // Between two records, at the first gap from PLANTED_LINE on.
      if (plantedLine < 0 && lines >= PLANTED_LINE) {
        parts.push(PLANTED);
        plantedLine = lines++;
      }
      parts.push(chunk);
      lines += countLines(chunk);
    }
    const text = parts.join('');
    assert.equal(text.split('\n', plantedLine + 1)[plantedLine], PLANTED.trimEnd(), 'the planted record is on its line');
    await fs.promises.writeFile(zoneUri.fsPath, text);
    await fs.promises.writeFile(textUri.fsPath, text);
    report(`${(text.length / 1048576).toFixed(1)} MiB, ${lines.toLocaleString('en')} lines`);
  });

  after(async () => {
    gc.disconnect();
    gcPauses = [];
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('baseline: the same text opened as plain text (VS Code receiving it; no mailsec task)', async () => {
    const h = lagMonitor();
    const t0 = performance.now();
    const document = await vscode.workspace.openTextDocument(textUri);
    await vscode.window.showTextDocument(document);
    const opened = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 1500));
    h.disable();
    assert.equal(document.languageId, 'plaintext');
    report(`baseline (plain text): opened in ${Math.round(opened)} ms, event-loop delay max ${ms(h)} ms, longest GC pause ${longestGc(t0)} ms`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('diagnostics arrive with no task of ours over 50 ms; at most what VS Code shows, errors first', async () => {
    await taskTimings(true);
    const h = lagMonitor();
    const t0 = performance.now();
    const document = await vscode.workspace.openTextDocument(zoneUri);
    const opened = performance.now() - t0;
    const afterOpen = lagMonitor();
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'dns-zone');
    const ds = await waitForDiagnostics(document.uri, planted, 180_000);
    const arrived = performance.now() - t0;
    h.disable();
    afterOpen.disable();
    const timings = await taskTimings();
    const [name, max] = longest(timings);
    report(`diagnostics after ${Math.round(arrived)} ms (document received in ${Math.round(opened)} ms); ${ds.length} diagnostics`);
    report(`event-loop delay max ${ms(h)} ms from opening, ${ms(afterOpen)} ms after the document was received; longest GC pause ${longestGc(t0)} ms (${longestGc(t0 + opened)} ms after the document was received)`);
    const [ownName, own, how] = longestWork(timings);
    report(`longest own task ${max} ms (${name}); its work ${own} ms (${ownName}${how ? `: ${how}` : ''}); tasks: ${JSON.stringify(timings)}`);
    assert.ok(own <= 50, `a mailsec task worked ${own} ms (${ownName}: ${how})`);
    assert.ok(ds.length <= 1000, `${ds.length} diagnostics`);
    assert.ok(ds.some((d) => /more findings? in this file (is|are) not shown/.test(d.message)), 'the notice of findings left out');
  });

  it('typing in it: each change listener under 30 ms, and the diagnostics follow the edits', async () => {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === zoneUri.toString());
    await taskTimings(true);
    const h = lagMonitor();
    const t0 = performance.now();
    // Type ", ok" as separate keystrokes into a comment at the end of line 1000, then repair the planted address.
    const line = editor.document.lineAt(1000);
    for (const ch of [' ', ';', ' ', 'o', 'k']) {
      const end = editor.document.lineAt(1000).range.end;
      assert.ok(await editor.edit((b) => b.insert(end, ch), { undoStopBefore: false, undoStopAfter: false }));
    }
    assert.equal(editor.document.lineAt(1000).text, `${line.text} ; ok`);
    const at = editor.document.lineAt(plantedLine).text.indexOf('300');
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(plantedLine, at + 2, plantedLine, at + 3))));
    const typed = await taskTimings();
    report(`typing: change listener ${JSON.stringify(typed['document changed'])}`);
    await waitForDiagnostics(editor.document.uri, (d) => !planted(d) && d.length > 0, 120_000).catch(async (e: unknown) => {
      report(`no update; tasks: ${JSON.stringify(await taskTimings())}`);
      throw e;
    });
    const repaired = performance.now() - t0;
    h.disable();
    const timings = await taskTimings();
    const change = timings['document changed'];
    const [name, max] = longest(timings);
    const [ownName, own, how] = longestWork(timings);
    report(`typing: ${change?.count ?? 0} changes, change listener max ${change?.maxMs ?? '?'} ms, mean ${change ? (change.totalMs / change.count).toFixed(2) : '?'} ms; longest own task ${max} ms (${name}), its work ${own} ms (${ownName}${how ? `: ${how}` : ''}); event-loop delay max ${ms(h)} ms, longest GC pause ${longestGc(t0)} ms; the repair's diagnostics after ${Math.round(repaired)} ms`);
    assert.ok(change && change.count >= 6, 'the change listener ran for each edit');
    assert.ok(change.maxMs <= 30, `a change listener ran ${change.maxMs} ms`);
    assert.ok(own <= 50, `a mailsec task worked ${own} ms (${ownName}: ${how})`);
  });

  it('a new line-break style: the text goes to the worker again, in slices, each task under 50 ms', async () => {
    const editor = vscode.window.activeTextEditor!;
    const document = editor.document;
    await taskTimings(true);
    const t0 = performance.now();
    // CRLF: every line ending changes (a new version without content changes), and a CRLF text is
    // not read from the file by the worker but handed over from the editor's text, in slices.
    assert.ok(await editor.edit((b) => b.setEndOfLine(vscode.EndOfLine.CRLF)));
    assert.equal(document.eol, vscode.EndOfLine.CRLF);
    // Until the new analysis's diagnostics have been set (the timings were reset above).
    for (let waited = 0; !(await taskTimings())['worker diagnostics: set']; waited += 200) {
      if (waited > 120_000) throw new Error(`no diagnostics from the new analysis in 120 s; tasks: ${JSON.stringify(await taskTimings())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const ds = vscode.languages.getDiagnostics(document.uri);
    assert.ok(!planted(ds) && ds.length > 0, 'the diagnostics of the edited text');
    const arrived = performance.now() - t0;
    const timings = await taskTimings();
    const slices = timings['send text slice'];
    const [name, max] = longest(timings);
    const [ownName, own, how] = longestWork(timings);
    report(`CRLF, in slices: diagnostics after ${Math.round(arrived)} ms; ${slices?.count ?? 0} slices, longest ${slices?.maxMs ?? '?'} ms, mean ${slices ? (slices.totalMs / slices.count).toFixed(1) : '?'} ms; longest own task ${max} ms (${name}), its work ${own} ms (${ownName}${how ? `: ${how}` : ''}); longest GC pause ${longestGc(t0)} ms; tasks: ${JSON.stringify(timings)}`);
    assert.ok(slices && slices.count > 10, 'the text went in slices');
    assert.ok(own <= 50, `a mailsec task worked ${own} ms (${ownName}: ${how})`);
  });

  it('hover, outline and folding answer from the background analysis', async () => {
    const document = vscode.window.activeTextEditor!.document;
    await taskTimings(true);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 1));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const folding = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    const timings = await taskTimings();
    const [name, max] = longest(timings);
    const [ownName, own, how] = longestWork(timings);
    report(`hover ${hovers?.length ?? 0}, symbols ${symbols?.length ?? 0}, folding ranges ${folding?.length ?? 0}; longest own task ${max} ms (${name}), its work ${own} ms (${ownName}${how ? `: ${how}` : ''})`);
    assert.ok(hovers?.some((h) => h.contents.some((c) => /TTL/.test(typeof c === 'string' ? c : c.value))), 'a hover on $TTL');
    assert.ok(symbols && symbols.length > 0 && symbols.length <= 5000);
    assert.ok(folding && folding.length > 0);
    assert.ok(own <= 50, `a mailsec task worked ${own} ms (${ownName}: ${how})`);
  });
});

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
