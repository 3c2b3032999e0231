import * as vscode from 'vscode';
import { checkMarkdown, verifyMarkdown } from '../../core/checks/markdown';
import { FROM_LIVE_PANEL_TYPES, type FromLivePanel, type LiveView, type RenderedReport, type ToLivePanel } from '../../shared/liveChecks';
import { createPanel, TypedPanel } from '../webview/panel';

/** How long a command waits for the panel to say what it rendered before returning without it. */
const RENDER_TIMEOUT_MS = 15_000;

/** The Markdown of a finished check (undefined while running, cancelled or failed). */
export function markdownOf(view: LiveView): string | undefined {
  if (view.state !== 'done') return undefined;
  const r = view.result;
  return r.kind === 'verify' ? verifyMarkdown(r.file, r.result, view.resolver, 'editor') : checkMarkdown(r.result, view.resolver, 'editor');
}

/** The tab title when no check has been shown yet. */
export const DEFAULT_TAB = 'mailsec: Live DNS check';

/**
 * One results panel of the live checks: created on first use, revealed beside the
 * editor for each check, showing one view at a time, its tab titled with the check and
 * the domain ("DKIM · contoso.com"). Each view gets a sequence number; `show()` resolves
 * with what the webview reports it rendered for that view. A panel the user keeps
 * (Keep Result Open) is left alone by later checks, which open a new panel beside it.
 */
export class LivePanel implements vscode.Disposable {
  private typed: TypedPanel<ToLivePanel, FromLivePanel> | undefined;
  private view: LiveView = { state: 'idle' };
  private seq = 0;
  private readonly waiters = new Map<number, (r: RenderedReport | undefined) => void>();
  private readonly onCancel = new vscode.EventEmitter<void>();
  /** The user pressed Cancel in the panel. */
  readonly onDidRequestCancel = this.onCancel.event;
  private readonly onKeep = new vscode.EventEmitter<void>();
  /** The user asked to keep this result open (the next check opens a new panel). */
  readonly onDidRequestKeep = this.onKeep.event;
  private readonly onClose = new vscode.EventEmitter<void>();
  /** The panel was closed. */
  readonly onDidClose = this.onClose.event;
  private tab = DEFAULT_TAB;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** The tab title, e.g. "DKIM · contoso.com". */
  get title(): string {
    return this.tab;
  }

  /** True while the panel's tab is the active editor. */
  get active(): boolean {
    return this.typed?.panel.active ?? false;
  }

  get open(): boolean {
    return this.typed !== undefined;
  }

  get current(): LiveView {
    return this.view;
  }

  show(view: LiveView, tab?: string): Promise<RenderedReport | undefined> {
    const seq = ++this.seq;
    if (tab) this.tab = tab;
    this.view = view;
    void vscode.commands.executeCommand('setContext', 'mailsec.liveResultAvailable', view.state === 'done');
    const rendered = new Promise<RenderedReport | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(seq);
        resolve(undefined);
      }, RENDER_TIMEOUT_MS);
      this.waiters.set(seq, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    const typed = this.ensure();
    typed.panel.title = this.tab;
    typed.panel.reveal(undefined, true);
    void typed.post({ type: 'show', seq, view });
    return rendered;
  }

  /** Copies the current result as Markdown; false when there is none. */
  async copyMarkdown(): Promise<boolean> {
    const md = markdownOf(this.view);
    if (md === undefined) return false;
    await vscode.env.clipboard.writeText(md);
    void vscode.window.setStatusBarMessage('mailsec: result copied as Markdown', 3000);
    return true;
  }

  private ensure(): TypedPanel<ToLivePanel, FromLivePanel> {
    if (this.typed) return this.typed;
    const panel = createPanel(this.context, { viewType: 'mailsec.liveResults', title: this.tab, script: 'live' });
    const typed = new TypedPanel<ToLivePanel, FromLivePanel>(panel, FROM_LIVE_PANEL_TYPES);
    typed.onMessage((m) => {
      switch (m.type) {
        case 'ready':
          // a new or reloaded page: give it the current view
          void typed.post({ type: 'show', seq: this.seq, view: this.view });
          break;
        case 'rendered': {
          if (typeof m.seq !== 'number' || typeof m.report !== 'object' || m.report === null) break;
          for (const [seq, resolve] of this.waiters) {
            if (seq <= m.seq) {
              this.waiters.delete(seq);
              resolve(m.report);
            }
          }
          break;
        }
        case 'copyMarkdown':
          void this.copyMarkdown();
          break;
        case 'cancel':
          this.onCancel.fire();
          break;
        case 'keep':
          this.onKeep.fire();
          break;
      }
    });
    panel.onDidDispose(() => {
      typed.dispose();
      if (this.typed === typed) this.typed = undefined;
      this.onClose.fire();
      // closed before rendering: nobody will report, so do not keep the commands waiting
      for (const [seq, resolve] of this.waiters) {
        this.waiters.delete(seq);
        resolve(undefined);
      }
    });
    this.typed = typed;
    return typed;
  }

  dispose(): void {
    this.typed?.panel.dispose();
    this.onCancel.dispose();
    this.onKeep.dispose();
    this.onClose.dispose();
  }
}
