import * as vscode from 'vscode';
import type { Span } from '../../core/findings';
import { locateSpan } from '../../core/headers/locate';
import {
  FROM_HEADER_PANEL_TYPES,
  HEADER_PANEL_SCRIPT,
  HEADER_PANEL_VIEW_TYPE,
  isSpanWithin,
  restoredSource,
  type ClickTarget,
  type FromHeaderPanel,
  type RenderedReport,
  type ToHeaderPanel,
} from '../../shared/headerPanelMessages';
import { createPanel, setPanelHtml, TypedPanel } from '../webview/panel';
import { organizationFor } from './organization';
import { rememberRevealed } from './revealed';
import { analyzeSource, panelState, sessionJson, sessionMarkdown, type HeaderSession } from './session';

export interface PanelAction {
  type: 'reveal' | 'copyMarkdown' | 'exportJson';
  ok: boolean;
}

function panelTitle(s: HeaderSession): string {
  const name = s.source.label.replace(/^lines \d+–\d+ of /, '');
  return `Header: ${name.slice(name.lastIndexOf('/') + 1)}`;
}

/**
 * One header-analysis panel and the analysis it shows. The panel reports what it rendered
 * (`rendered()`); its reveal, copy and export requests land here.
 */
export class HeaderPanel implements vscode.Disposable {
  private readonly typed: TypedPanel<ToHeaderPanel, FromHeaderPanel>;
  private readonly reports: RenderedReport[] = [];
  private readonly waiters: Array<{ accept: (r: RenderedReport) => boolean; resolve: (r: RenderedReport) => void }> = [];
  private readonly handled = new vscode.EventEmitter<PanelAction>();
  /** Fires after the panel's request (reveal, copy, export) was carried out. */
  readonly onDidHandle = this.handled.event;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  static create(context: vscode.ExtensionContext, session: HeaderSession): HeaderPanel {
    const panel = createPanel(context, { viewType: HEADER_PANEL_VIEW_TYPE, title: panelTitle(session), script: HEADER_PANEL_SCRIPT });
    return new HeaderPanel(panel, session);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    private current: HeaderSession,
  ) {
    this.typed = new TypedPanel<ToHeaderPanel, FromHeaderPanel>(panel, FROM_HEADER_PANEL_TYPES);
    this.disposables.push(
      this.handled,
      this.typed,
      this.typed.onMessage((m) => void this.handle(m)),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.title = panelTitle(current);
  }

  get session(): HeaderSession {
    return this.current;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The panel's key: one panel per analysed document. */
  get key(): string {
    return this.current.source.uri ?? `text:${this.current.analysisId}`;
  }

  /** Shows a new analysis (of the same document) in this panel and brings it to the front. */
  show(session: HeaderSession, reveal = true): void {
    this.current = session;
    this.panel.title = panelTitle(session);
    void this.typed.post({ type: 'show', state: panelState(session) });
    if (reveal) this.panel.reveal(undefined, true);
  }

  /** Resolves with what the panel rendered for an analysis (the current one by default). */
  rendered(analysisId = this.current.analysisId): Promise<RenderedReport> {
    const hit = [...this.reports].reverse().find((r) => r.analysisId === analysisId);
    if (hit) return Promise.resolve(hit);
    return this.nextRender((r) => r.analysisId === analysisId);
  }

  /** The next report the panel posts that satisfies `accept` (after a filter change, a restore…). */
  nextRender(accept: (r: RenderedReport) => boolean = () => true): Promise<RenderedReport> {
    return new Promise((resolve) => this.waiters.push({ accept, resolve }));
  }

  /** Asks the panel to click one of its elements, exactly as a user would. */
  click(target: ClickTarget): Thenable<boolean> {
    return this.typed.post({ type: 'click', target });
  }

  setFilter(text: string): Thenable<boolean> {
    return this.typed.post({ type: 'filter', text });
  }

  private async handle(m: FromHeaderPanel): Promise<void> {
    switch (m.type) {
      case 'ready':
        // A new or restored page: give it the current analysis.
        void this.typed.post({ type: 'show', state: panelState(this.current) });
        return;
      case 'rendered': {
        const r = m.report;
        if (typeof r !== 'object' || r === null || typeof r.analysisId !== 'number') return;
        this.reports.push(r);
        if (this.reports.length > 20) this.reports.shift();
        for (const w of this.waiters.splice(0)) {
          if (w.accept(r)) w.resolve(r);
          else this.waiters.push(w);
        }
        return;
      }
      case 'reveal':
        if (m.analysisId === this.current.analysisId && isSpanWithin(m.span, this.current.source.text.length)) {
          const editor = await this.reveal(m.span);
          this.handled.fire({ type: 'reveal', ok: !!editor });
        }
        return;
      case 'copyMarkdown':
        await this.copyMarkdown();
        this.handled.fire({ type: 'copyMarkdown', ok: true });
        return;
      case 'exportJson':
        this.handled.fire({ type: 'exportJson', ok: !!(await this.exportJson()) });
        return;
    }
  }

  private notice(text: string, tone: 'info' | 'warning' = 'info'): void {
    void this.typed.post({ type: 'notice', text, tone });
  }

  /** Selects the source of `span` (offsets of the analysed text) in the document. */
  async reveal(span: Span): Promise<vscode.TextEditor | undefined> {
    const { source } = this.current;
    if (!source.uri) return undefined;
    const uri = vscode.Uri.parse(source.uri);
    let document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.uri);
    if (!document) {
      try {
        document = await vscode.workspace.openTextDocument(uri);
      } catch {
        const text = `${source.label} is no longer open, so mailsec cannot show where that header is. Open it and run Analyze Email Header again.`;
        this.notice(text, 'warning');
        void vscode.window.showWarningMessage(text);
        return undefined;
      }
    }
    const at = locateSpan(document.getText(), { text: source.text, base: source.base }, span);
    if (!at) {
      const text = `${source.label} has changed since the analysis and that text is no longer in it. Run Analyze Email Header again.`;
      this.notice(text, 'warning');
      void vscode.window.showWarningMessage(text);
      return undefined;
    }
    const range = new vscode.Range(document.positionAt(at.start), document.positionAt(at.end));
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const column = shown?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    rememberRevealed(document, range);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /** Puts the Markdown report on the clipboard; resolves with it. */
  async copyMarkdown(): Promise<string> {
    const md = sessionMarkdown(this.current);
    await vscode.env.clipboard.writeText(md);
    this.notice('Copied the report to the clipboard as Markdown.');
    vscode.window.setStatusBarMessage('mailsec: header analysis copied as Markdown', 4000);
    return md;
  }

  /** Writes the analysis as JSON to `target`, or where the user chooses; resolves with the file. */
  async exportJson(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const { source } = this.current;
    let file = target;
    if (!file) {
      const doc = source.uri ? vscode.Uri.parse(source.uri) : undefined;
      const folder = doc && doc.scheme !== 'untitled' ? vscode.Uri.joinPath(doc, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
      const base = (doc?.path.slice(doc.path.lastIndexOf('/') + 1) || 'header').replace(/\.(eml|headers|txt)$/i, '');
      file = await vscode.window.showSaveDialog({
        title: 'Export the header analysis as JSON',
        saveLabel: 'Export',
        filters: { JSON: ['json'] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${base}.analysis.json`) } : {}),
      });
      if (!file) return undefined;
    }
    try {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(sessionJson(this.current)));
    } catch (e) {
      const text = `Could not write ${vscode.workspace.asRelativePath(file, false)}: ${(e as Error).message}`;
      this.notice(text, 'warning');
      void vscode.window.showErrorMessage(text);
      return undefined;
    }
    this.notice(`Saved the analysis to ${vscode.workspace.asRelativePath(file, false)}.`);
    return file;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/**
 * After a window reload: VS Code hands back the panel and the state its page saved. The
 * saved text is analysed again (the settings may have changed), the page is loaded again
 * and shows it. A state that is not a header panel's closes the panel.
 */
export async function restoreHeaderPanel(extensionUri: vscode.Uri, webviewPanel: vscode.WebviewPanel, state: unknown): Promise<HeaderPanel | undefined> {
  const source = restoredSource(state);
  if (!source) {
    webviewPanel.dispose();
    return undefined;
  }
  const session = analyzeSource(source, await organizationFor(source.uri ? vscode.Uri.parse(source.uri) : undefined));
  setPanelHtml(webviewPanel.webview, extensionUri, { script: HEADER_PANEL_SCRIPT, title: webviewPanel.title });
  return new HeaderPanel(webviewPanel, session);
}
