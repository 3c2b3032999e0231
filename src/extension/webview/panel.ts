import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewHtml } from '../../shared/webviewHtml';

/** A panel script: `webview/<name>/main.ts`, bundled to `dist/webview/<name>.js` (+ `.css`). */
export interface PanelSpec {
  viewType: string;
  title: string;
  script: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/** Scripts on; local resources only from dist/ and media/; nothing else. */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Sets the panel's HTML: our CSP with a new nonce, the codicons, the panel's CSS and script. */
export function setPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, spec: Pick<PanelSpec, 'script' | 'title'>): void {
  const asUri = (...p: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  webview.options = panelOptions(extensionUri);
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    nonce: newNonce(),
    title: spec.title,
    scriptUri: asUri('dist', 'webview', `${spec.script}.js`),
    styleUris: [asUri('dist', 'webview', `${spec.script}.css`)],
    codiconUri: asUri('dist', 'webview', 'codicons', 'codicon.css'),
  });
}

/** Creates a panel with mailsec's webview page. */
export function createPanel(context: vscode.ExtensionContext, spec: PanelSpec, column: vscode.ViewColumn = vscode.ViewColumn.Beside): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(spec.viewType, spec.title, { viewColumn: column, preserveFocus: true }, panelOptions(context.extensionUri));
  panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'mailsec.svg');
  setPanelHtml(panel.webview, context.extensionUri, spec);
  return panel;
}

/**
 * Typed messages both ways. Messages from the webview are checked to be objects with a
 * known string `type` before the handler sees them (the page renders attacker text; our
 * script is the only one that runs, but the extension still trusts nothing it is sent).
 */
export class TypedPanel<ToWebview extends { type: string }, FromWebview extends { type: string }> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly accepted: readonly FromWebview['type'][],
  ) {}

  post(message: ToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  onMessage(handler: (message: FromWebview) => void): vscode.Disposable {
    const d = this.panel.webview.onDidReceiveMessage((m: unknown) => {
      if (typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' && this.accepted.includes((m as { type: string }).type)) {
        handler(m as FromWebview);
      }
    });
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
