import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import type { ResolverInfo } from '../../core/checks/markdown';
import type { LiveResult, RenderedReport } from '../../shared/liveChecks';
import { LivePanel } from './panel';
import { liveSetup, SettingsError, type LiveSetup } from './settings';

/** How a live check ended, as the commands return it (tests read it). */
export type LiveOutcome =
  | { status: 'done'; result: LiveResult; resolver: ResolverInfo; rendered?: RenderedReport; tab?: string }
  | { status: 'cancelled'; rendered?: RenderedReport; tab?: string }
  | { status: 'failed'; message: string; rendered?: RenderedReport; tab?: string }
  /** The workspace is not trusted: nothing was asked. */
  | { status: 'untrusted' }
  /** The user closed an input box: nothing was asked. */
  | { status: 'dismissed' };

export interface LiveJob {
  /** Panel heading, e.g. "DKIM selector1._domainkey.example.com". */
  title: string;
  /** Tab title: the check and the domain, e.g. "DKIM · example.com". */
  tab: string;
  /** Keep the panel showing the previous result and open this one in a new panel beside it. */
  newPanel?: boolean;
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
  /** The panel the next check shows in. */
  private current: LivePanel;
  /** Panels the user kept open; later checks leave them alone. */
  private readonly kept = new Set<LivePanel>();
  private running: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly log: vscode.LogOutputChannel;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.current = this.newPanel();
    this.log = vscode.window.createOutputChannel('mailsec: Live DNS checks', { log: true });
    this.disposables.push(this.log, { dispose: () => [this.current, ...this.kept].forEach((p) => p.dispose()) });
  }

  /** The panel of the latest check (copy as Markdown acts on the active one, else this). */
  get panel(): LivePanel {
    return [...this.kept].find((p) => p.active) ?? this.current;
  }

  /** The tab titles of the open result panels, kept ones first. */
  get openTabs(): string[] {
    return [...this.kept, this.current].filter((p) => p.open).map((p) => p.title);
  }

  private newPanel(): LivePanel {
    const p = new LivePanel(this.context);
    p.onDidRequestCancel(() => {
      if (p === this.current) this.cancel();
    });
    p.onDidRequestKeep(() => this.keep(p));
    p.onDidClose(() => {
      if (this.kept.delete(p)) p.dispose();
    });
    return p;
  }

  /**
   * Keeps `panel` (default: the latest) open with its result: the next check opens a new
   * panel beside it. False when there is nothing to keep.
   */
  keep(panel: LivePanel = this.current): boolean {
    if (panel !== this.current || !panel.open || panel.current.state !== 'done') return false;
    this.kept.add(panel);
    this.current = this.newPanel();
    void vscode.window.setStatusBarMessage(`mailsec: "${panel.title}" kept open; the next check opens beside it`, 4000);
    return true;
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
    if (job.newPanel) this.keep();
    const panel = this.current;
    const tab = job.tab;
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
        return { status: 'failed', message: e.message, tab, rendered: await panel.show({ state: 'failed', title: job.title, message: e.message }, tab) };
      }
      void panel.show({ state: 'running', title: job.title, resolver: setup.info }, tab);
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
          return { status: 'cancelled', tab, rendered: await this.showIfCurrent(controller, panel, { state: 'cancelled', title: job.title }) };
        }
        const message = e instanceof Error ? e.message : String(e);
        this.log.error(`${job.title}: ${message}`);
        return { status: 'failed', message, tab, rendered: await this.showIfCurrent(controller, panel, { state: 'failed', title: job.title, message, resolver: setup.info }) };
      }
      this.log.info(`${job.title}: ${verdictOf(result)}`);
      const rendered = await this.showIfCurrent(controller, panel, { state: 'done', title: job.title, resolver: setup.info, result });
      return { status: 'done', result, resolver: setup.info, rendered, tab };
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        void vscode.commands.executeCommand('setContext', 'mailsec.liveCheckRunning', false);
      }
    }
  }

  /** Shows a final view unless a newer check has taken the panel over. */
  private showIfCurrent(controller: AbortController, panel: LivePanel, view: Parameters<LivePanel['show']>[0]): Promise<RenderedReport | undefined> {
    if (this.running !== controller && this.running !== undefined) return Promise.resolve(undefined);
    return panel.show(view);
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
