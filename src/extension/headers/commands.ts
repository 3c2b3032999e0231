import * as vscode from 'vscode';
import { HEADER_PANEL_VIEW_TYPE } from '../../shared/headerPanelMessages';
import { headerInput, noHeadersMessage } from './input';
import { affectsOrganization, organizationFor } from './organization';
import { HeaderPanel, restoreHeaderPanel } from './panel';
import { analyzeSource } from './session';
import { registerCommand, registerWebviewPanelSerializer } from '../registry';

/** What `mailsec.analyzeHeader` resolves with (for scripts and tests). */
export interface AnalyzeHeaderResult {
  panel: HeaderPanel;
  analysisId: number;
  verdict: 'pass' | 'warn' | 'fail';
  /** True when an existing panel of the same document was reused. */
  reused: boolean;
}

/** The header panels, one per analysed document, and the one used last. */
class PanelRegistry {
  private readonly panels = new Map<string, HeaderPanel>();
  private last: HeaderPanel | undefined;

  get(key: string): HeaderPanel | undefined {
    const p = this.panels.get(key);
    return p && !p.isDisposed ? p : undefined;
  }

  add(p: HeaderPanel): void {
    this.panels.set(p.key, p);
    this.last = p;
    p.panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.last = p;
    });
    p.panel.onDidDispose(() => {
      if (this.panels.get(p.key) === p) this.panels.delete(p.key);
      if (this.last === p) this.last = undefined;
    });
  }

  touch(p: HeaderPanel): void {
    this.last = p;
  }

  /** The panel a command without arguments means: the active one, else the last used. */
  target(documentUri?: vscode.Uri): HeaderPanel | undefined {
    if (documentUri) return this.get(documentUri.toString());
    const active = [...this.panels.values()].find((p) => !p.isDisposed && p.panel.active);
    return active ?? (this.last && !this.last.isDisposed ? this.last : undefined);
  }

  all(): HeaderPanel[] {
    return [...this.panels.values()].filter((p) => !p.isDisposed);
  }

  disposeAll(): void {
    for (const p of this.all()) p.dispose();
  }
}

export function registerHeaderCommands(context: vscode.ExtensionContext): void {
  const registry = new PanelRegistry();

  const analyze = async (arg?: unknown): Promise<AnalyzeHeaderResult | { error: string }> => {
    const got = await headerInput(arg);
    if ('error' in got) {
      void vscode.window.showErrorMessage(got.error);
      return got;
    }
    const { source } = got.input;
    const session = analyzeSource(source, await organizationFor(got.input.document.uri));
    if (session.analysis.headers.length === 0) {
      const error = noHeadersMessage(source);
      void vscode.window.showErrorMessage(error);
      return { error };
    }
    if (session.organization.note.problem) void vscode.window.showWarningMessage(session.organization.note.problem);
    const existing = registry.get(source.uri ?? '');
    if (existing) {
      existing.show(session);
      registry.touch(existing);
      return { panel: existing, analysisId: session.analysisId, verdict: session.analysis.verdict, reused: true };
    }
    const panel = HeaderPanel.create(context, session);
    registry.add(panel);
    return { panel, analysisId: session.analysisId, verdict: session.analysis.verdict, reused: false };
  };

  const noPanel = 'No header analysis is open: run Analyze Email Header on a header first.';

  /** Settings or .mailsecrc.json changed: analyse what every panel shows again. */
  const refresh = async (): Promise<void> => {
    for (const p of registry.all()) {
      const { source } = p.session;
      p.show(analyzeSource(source, await organizationFor(source.uri ? vscode.Uri.parse(source.uri) : undefined)), false);
    }
  };

  context.subscriptions.push(
    registerCommand('mailsec.analyzeHeader', analyze),
    registerCommand('mailsec.headers.copyMarkdown', async (documentUri?: vscode.Uri) => {
      const p = registry.target(documentUri instanceof vscode.Uri ? documentUri : undefined);
      if (!p) return void vscode.window.showErrorMessage(noPanel);
      return p.copyMarkdown();
    }),
    registerCommand('mailsec.headers.exportJson', async (target?: vscode.Uri | string, documentUri?: vscode.Uri) => {
      const p = registry.target(documentUri instanceof vscode.Uri ? documentUri : undefined);
      if (!p) return void vscode.window.showErrorMessage(noPanel);
      const file = typeof target === 'string' ? vscode.Uri.file(target) : target instanceof vscode.Uri ? target : undefined;
      return p.exportJson(file);
    }),
    registerWebviewPanelSerializer(HEADER_PANEL_VIEW_TYPE, {
      // After a window reload: the page comes back with its saved state; analyse the saved
      // text again (settings may have changed) and keep showing it.
      async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const panel = await restoreHeaderPanel(context.extensionUri, webviewPanel, state);
        if (panel) registry.add(panel);
      },
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsOrganization(e)) void refresh();
    }),
    { dispose: () => registry.disposeAll() },
  );

  const watcher = vscode.workspace.createFileSystemWatcher('**/.mailsecrc.json');
  const onFile = () => void refresh();
  context.subscriptions.push(watcher, watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(onFile));
}
