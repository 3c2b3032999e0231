import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { analyzeSignins, SigninFormatError, type SigninReport, type SigninThresholds } from '../../core/signins/index';
import type { SigninsRendered } from '../../shared/signinsPanel';
import type { M365Log } from '../m365/log';
import type { SigninReportPanel } from './panel';
import type { SigninSession } from './session';

export function thresholds(scope: vscode.Uri | undefined): Partial<SigninThresholds> {
  const config = vscode.workspace.getConfiguration('mailsec', scope);
  const n = (key: string): number | undefined => {
    const v = config.get<number>(key);
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
  };
  const out: Partial<SigninThresholds> = {};
  const spray = n('signins.sprayThreshold');
  const brute = n('signins.bruteForceThreshold');
  const windowMinutes = n('signins.bruteForceWindowMinutes');
  if (spray) out.sprayMinUsers = spray;
  if (brute) out.bruteForceMinFailures = brute;
  if (windowMinutes) out.bruteForceWindowMinutes = windowMinutes;
  const daily = n('signins.bruteForceDailyThreshold');
  if (daily) out.bruteForceDailyMinFailures = daily;
  return out;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;

async function pickLog(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && /\.(csv|json|ndjson)$/i.test(active.path)) return active;
  const picked = await vscode.window.showOpenDialog({
    title: 'Analyze sign-in log',
    canSelectMany: false,
    filters: { 'Sign-in logs': ['csv', 'json', 'ndjson'], 'All files': ['*'] },
    openLabel: 'Analyze',
  });
  return picked?.[0];
}

/**
 * Streams the file into analyzeSignins: a local file through fs.createReadStream (a
 * million-row export never sits in memory), anything else (a virtual workspace) through
 * workspace.fs. Progress counts bytes; Cancel aborts the read.
 */
async function runAnalysis(uri: vscode.Uri, log: M365Log): Promise<SigninReport | undefined> {
  const name = vscode.workspace.asRelativePath(uri);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Analyzing sign-ins in ${name}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort(new vscode.CancellationError()));
      try {
        let input: AsyncIterable<Uint8Array> | Uint8Array[];
        let total: number;
        if (uri.scheme === 'file') {
          total = (await stat(uri.fsPath)).size;
          input = createReadStream(uri.fsPath, { highWaterMark: 1 << 20 });
        } else {
          const bytes = await vscode.workspace.fs.readFile(uri);
          total = bytes.byteLength;
          input = [bytes];
        }
        let reported = 0;
        const started = Date.now();
        const report = await analyzeSignins(input, {
          thresholds: thresholds(uri),
          signal: controller.signal,
          onProgress: (bytes) => {
            const percent = total > 0 ? Math.floor((bytes / total) * 100) : 0;
            if (percent > reported) {
              progress.report({ increment: percent - reported, message: `${mb(bytes)} of ${mb(total)}` });
              reported = percent;
            }
          },
        });
        log.info(`Analyzed ${name}: ${report.totals.signIns} sign-ins (${report.source.kind}, ${report.source.schema}) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${report.legacyUserCount} user(s) still on legacy authentication, ${report.passwordSpray.length} spraying address(es), ${report.bruteForce.length} brute-forced account(s).`);
        return report;
      } catch (e) {
        if (controller.signal.aborted) {
          log.info(`Analysis of ${name} cancelled.`);
          return undefined;
        }
        const message = e instanceof SigninFormatError ? e.message : `Cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`;
        log.error(message);
        void vscode.window.showErrorMessage(message);
        return undefined;
      } finally {
        cancel.dispose();
      }
    },
  );
}

export interface AnalyzeResult {
  report: SigninReport;
  /** What the report panel rendered (read back from its page). */
  rendered: SigninsRendered | undefined;
}

/** "Analyze Sign-in Log" (palette, and explorer context menu on .csv / .json files): the report opens in a panel beside. */
export async function analyzeCommand(uri: vscode.Uri | undefined, session: SigninSession, panel: SigninReportPanel, log: M365Log): Promise<AnalyzeResult | undefined> {
  const target = uri instanceof vscode.Uri ? uri : await pickLog();
  if (!target) return undefined;
  const report = await runAnalysis(target, log);
  if (!report) return undefined;
  session.set(target, report);
  const rendered = await panel.show(vscode.workspace.asRelativePath(target), report);
  return { report, rendered };
}
