import * as vscode from 'vscode';
import { compareWithLive, zoneMailRecords, type ZoneLiveResult, type ZoneMailRecord } from '../../core/checks/zoneCompare';
import { liveChecks, type LiveOutcome } from '../live/service';
import { toRange } from '../diagnostics';
import type { ZoneAnalysisCache } from './analysisCache';
import type { BackgroundZones } from './background';
import { largeFileMessage } from './moveDkim';
import { ZONE_LANGUAGE } from './diagnostics';
import { registerCommand } from '../registry';

export const CHECK_LIVE_COMMAND = 'mailsec.zone.checkLive';
export const CHECK_LIVE_KIND = vscode.CodeActionKind.Empty.append('mailsec').append('checkLive');

const WORDS = { dkim: 'DKIM key', spf: 'SPF record', dmarc: 'DMARC record' } as const;

/** Results are remembered per record value, so editing a record resets its lens. */
const keyOf = (uri: vscode.Uri, r: ZoneMailRecord): string => `${uri.toString()}|${r.kind}|${r.name.toLowerCase()}|${r.value}`;

function lensTitle(r: ZoneLiveResult | undefined): string {
  const p = r?.parsed;
  if (!p) return '$(globe) Check live';
  const via = p.chain.length ? ' via CNAME' : '';
  switch (p.status) {
    case 'same': return `$(pass) Live DNS: same${p.exact ? '' : ' (written differently)'}${via}`;
    case 'differs': return `$(warning) Live DNS: differs${via} (${p.differences.length} change${p.differences.length === 1 ? '' : 's'})`;
    case 'not-published': return `$(error) Live DNS: not published${via}`;
    default: return '$(question) Live DNS: could not check';
  }
}

/**
 * "Check live" on the DKIM, SPF and DMARC TXT records of a zone file: a CodeLens (unless
 * `mailsec.zone.liveCheckCodeLens` is off) and a code action run `mailsec.zone.checkLive`,
 * which asks the DNS for the record's owner and shows the comparison in the results
 * panel; the lens then shows the outcome. Nothing is offered in an untrusted workspace.
 */
export function registerZoneLiveCheck(context: vscode.ExtensionContext, cache: ZoneAnalysisCache, background: BackgroundZones): void {
  const results = new Map<string, ZoneLiveResult>();
  const changed = new vscode.EventEmitter<void>();
  const records = (document: vscode.TextDocument): ZoneMailRecord[] => zoneMailRecords(cache.get(document).analysis.records);

  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      // A large document's analysis lives in the zone worker: no lenses (README).
      if (background.isLarge(document)) return [];
      if (!vscode.workspace.isTrusted || !vscode.workspace.getConfiguration('mailsec', document.uri).get<boolean>('zone.liveCheckCodeLens', true)) return [];
      const { lines } = cache.get(document);
      return records(document)
        .filter((r) => r.queryable)
        .map((r) => {
          const range = toRange(lines, { start: r.span.start, end: r.span.start });
          const result = results.get(keyOf(document.uri, r));
          return new vscode.CodeLens(range, { title: lensTitle(result), tooltip: `Compare this ${WORDS[r.kind]} with what the DNS answers for ${r.name}${result ? ' (again)' : ''}`, command: CHECK_LIVE_COMMAND, arguments: [document.uri, r.span.start] });
        });
    },
  };

  const actions: vscode.CodeActionProvider = {
    provideCodeActions(document, range) {
      if (!vscode.workspace.isTrusted || background.isLarge(document)) return [];
      const { lines } = cache.get(document);
      return records(document)
        .filter((r) => r.queryable && toRange(lines, r.span).intersection(range) !== undefined)
        .map((r) => {
          const a = new vscode.CodeAction(`Check this ${WORDS[r.kind]} in the live DNS (${r.name})`, CHECK_LIVE_KIND);
          a.command = { command: CHECK_LIVE_COMMAND, title: a.title, arguments: [document.uri, r.span.start] };
          return a;
        });
    },
  };

  const command = async (uri?: vscode.Uri, offset?: number): Promise<LiveOutcome> => {
    const live = liveChecks(context);
    if (!live.trusted()) return { status: 'untrusted' };
    const editor = vscode.window.activeTextEditor;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!document || document.languageId !== ZONE_LANGUAGE) {
      const message = 'Open a zone file and put the cursor on a DKIM, SPF or DMARC TXT record to check it live.';
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }
    if (background.isLarge(document)) {
      const message = largeFileMessage(document, 'Check live');
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }
    const { lines } = cache.get(document);
    const at = offset ?? (editor && editor.document === document ? lines.offsetAt({ line: editor.selection.active.line, character: editor.selection.active.character }) : -1);
    const rec = records(document).find((r) => r.span.start <= at && at <= r.span.end);
    if (!rec || !rec.queryable) {
      const message = rec ? `${rec.name} is not a full domain name: add $ORIGIN to the file or set mailsec.zone.defaultOrigin.` : 'Put the cursor on a DKIM, SPF or DMARC TXT record to check it live.';
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }
    const outcome = await live.run({
      title: `Zone file vs live DNS: ${rec.name}`,
      tab: `${rec.kind.toUpperCase()} · ${rec.name}`,
      progress: `comparing the ${WORDS[rec.kind]} at ${rec.name} with the live DNS…`,
      scope: document.uri,
      work: async (s, signal) => ({ kind: 'check', result: await compareWithLive(s.resolver, rec, { signal }) }),
    });
    if (outcome.status === 'done') {
      results.set(keyOf(document.uri, rec), outcome.result.result as ZoneLiveResult);
      changed.fire();
    }
    return outcome;
  };

  const selector = { language: ZONE_LANGUAGE };
  context.subscriptions.push(
    changed,
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerCodeActionsProvider(selector, actions, { providedCodeActionKinds: [CHECK_LIVE_KIND] }),
    registerCommand(CHECK_LIVE_COMMAND, command),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mailsec.zone.liveCheckCodeLens') && changed.fire()),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const prefix = `${d.uri.toString()}|`;
      for (const k of results.keys()) if (k.startsWith(prefix)) results.delete(k);
    }),
  );
}
