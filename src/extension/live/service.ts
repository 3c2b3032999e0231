import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import type { ResolverInfo } from '../../core/checks/markdown';
import type { LiveResult, RenderedReport } from '../../shared/liveChecks';
import { LivePanel } from './panel';
import { liveSetup, SettingsError, type LiveSetup } from './settings';

/** How a live check ended, as the commands return it (tests read it). */
export type LiveOutcome =
  | { status: 'done'; result: LiveResult; resolver: ResolverInfo; rendered?: RenderedReport }
  | { status: 'cancelled'; rendered?: RenderedReport }
  | { status: 'failed'; message: string; rendered?: RenderedReport }
  /** The workspace is not trusted: nothing was asked. */
  | { status: 'untrusted' }
  /** The user closed an input box: nothing was asked. */
  | { status: 'dismissed' };

export interface LiveJob {
  /** Panel heading, e.g. "DKIM selector1._domainkey.example.com". */
  title: string;
  /** Progress notification text. */
  progress: string;
  /** Settings scope (the file a check comes from). */
  scope?: vscode.Uri;
  work(setup: LiveSetup, signal: AbortSignal): Promise<LiveResult>;
}

class Cancelled extends Error {
  constructor() {
    super('The check was cancelled.');
    this.name = 'AbortError';
  }
}

export const UNTRUSTED_MESSAGE = 'Live DNS checks run only in a trusted workspace: they send queries to DNS servers the workspace settings may choose. Trust this workspace to use them.';

/**
 * Runs one live check at a time: refuses in an untrusted workspace, reads the settings,
 * shows progress (cancellable; cancelling aborts the DNS queries through an
 * AbortSignal) and puts exactly one of running → result / cancelled / failed into the
 * panel, so a cancelled or failed check never leaves a half-written result.
 */
export class LiveChecks implements vscode.Disposable {
  readonly panel: LivePanel;
  private running: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly log: vscode.LogOutputChannel;

  constructor(context: vscode.ExtensionContext) {
    this.panel = new LivePanel(context);
    this.log = vscode.window.createOutputChannel('mailsec: Live DNS checks', { log: true });
    this.disposables.push(this.panel, this.log, this.panel.onDidRequestCancel(() => this.cancel()));
  }

  /** Aborts the running check; false when none runs. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.abort(new Cancelled());
    return true;
  }

  /** True in a trusted workspace; otherwise says why nothing will be asked, and false. */
  trusted(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }

  async run(job: LiveJob): Promise<LiveOutcome> {
    if (!this.trusted()) return { status: 'untrusted' };
    this.cancel(); // a new check replaces the one running
    const controller = new AbortController();
    // One check asks many names at once (selector discovery, a whole mail domain), each query
    // listening for the abort: not a leak, so no MaxListenersExceededWarning in the host's log.
    setMaxListeners(0, controller.signal);
    this.running = controller;
    void vscode.commands.executeCommand('setContext', 'mailsec.liveCheckRunning', true);
    try {
      let setup: LiveSetup;
      try {
        setup = await liveSetup(job.scope);
      } catch (e) {
        if (!(e instanceof SettingsError)) throw e;
        void vscode.window.showErrorMessage(e.message, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', e.setting));
        return { status: 'failed', message: e.message, rendered: await this.panel.show({ state: 'failed', title: job.title, message: e.message }) };
      }
      void this.panel.show({ state: 'running', title: job.title, resolver: setup.info });
      this.log.info(`${job.title}: asking ${setup.info.servers.join(', ')} (from ${setup.info.origin})`);
      let result: LiveResult;
      try {
        result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `mailsec: ${job.progress}`, cancellable: true }, async (_progress, token) => {
          const sub = token.onCancellationRequested(() => controller.abort(new Cancelled()));
          try {
            const r = await job.work(setup, controller.signal);
            controller.signal.throwIfAborted(); // cancelled after the last answer: still no result
            return r;
          } finally {
            sub.dispose();
          }
        });
      } catch (e) {
        if (controller.signal.aborted) {
          this.log.info(`${job.title}: cancelled`);
          return { status: 'cancelled', rendered: await this.showIfCurrent(controller, { state: 'cancelled', title: job.title }) };
        }
        const message = e instanceof Error ? e.message : String(e);
        this.log.error(`${job.title}: ${message}`);
        return { status: 'failed', message, rendered: await this.showIfCurrent(controller, { state: 'failed', title: job.title, message, resolver: setup.info }) };
      }
      this.log.info(`${job.title}: ${verdictOf(result)}`);
      const rendered = await this.showIfCurrent(controller, { state: 'done', title: job.title, resolver: setup.info, result });
      return { status: 'done', result, resolver: setup.info, rendered };
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        void vscode.commands.executeCommand('setContext', 'mailsec.liveCheckRunning', false);
      }
    }
  }

  /** Shows a final view unless a newer check has taken the panel over. */
  private showIfCurrent(controller: AbortController, view: Parameters<LivePanel['show']>[0]): Promise<RenderedReport | undefined> {
    if (this.running !== controller && this.running !== undefined) return Promise.resolve(undefined);
    return this.panel.show(view);
  }

  dispose(): void {
    this.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function verdictOf(r: LiveResult): string {
  return r.result.verdict;
}

let instance: LiveChecks | undefined;

/** The live-check service shared by the commands and the zone CodeLens. */
export function liveChecks(context: vscode.ExtensionContext): LiveChecks {
  if (!instance) {
    const created = new LiveChecks(context);
    instance = created;
    context.subscriptions.push(created, { dispose: () => (instance = instance === created ? undefined : instance) });
  }
  return instance;
}
