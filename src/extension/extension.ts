import * as vscode from 'vscode';
import type { LazyRegistry } from './registry';
import { SigninFileSniffer } from './signins/sniffer';

interface Manifest {
  activationEvents?: string[];
  contributes?: { commands?: { command: string }[] };
}

type Features = typeof import('./features.chunk');

/**
 * Activation registers only what VS Code needs at once — a dispatcher for every
 * contributed command and for each webview serializer — and loads the features (a
 * separate bundle, dist/chunks/) right after, as soon as a document of one of our
 * languages is open or a command runs. So activating costs little more than reading
 * this file, and the first diagnostics follow a moment later.
 */
export function activate(context: vscode.ExtensionContext): void {
  const manifest = context.extension.packageJSON as Manifest;
  const registry: LazyRegistry = { commands: new Map(), serializers: new Map() };
  const contributed = new Set((manifest.contributes?.commands ?? []).map((c) => c.command));
  let loading: Promise<void> | undefined;

  const load = (): Promise<void> =>
    (loading ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        try {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- the features bundle loads after activation
          const features = require('./features.chunk') as Features;
          features.registerFeatures(context, registry);
          // Commands the features use internally (not in the manifest) are registered now.
          for (const [id, handler] of registry.commands) if (!contributed.has(id)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
          resolve();
        } catch (e) {
          void vscode.window.showErrorMessage(`mailsec could not start: ${e instanceof Error ? e.message : String(e)}`);
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    }));

  for (const id of contributed) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        await load();
        const handler = registry.commands.get(id);
        if (!handler) throw new Error(`mailsec: the command ${id} is not available.`);
        return handler(...args);
      }),
    );
  }
  for (const event of manifest.activationEvents ?? []) {
    if (!event.startsWith('onWebviewPanel:')) continue;
    const viewType = event.slice('onWebviewPanel:'.length);
    context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(viewType, {
        async deserializeWebviewPanel(panel, state) {
          await load();
          await registry.serializers.get(viewType)?.deserializeWebviewPanel(panel, state);
        },
      }),
    );
  }

  // At startup (onStartupFinished), before any feature loads: which .csv/.json files look like
  // sign-in exports, for the explorer menu's "Analyze Sign-in Log" (a when clause cannot read files).
  const sniffer = new SigninFileSniffer();
  context.subscriptions.push(
    sniffer,
    vscode.commands.registerCommand('mailsec.signins.sniffedLogs', async (...uris: unknown[]) => {
      await sniffer.ready;
      for (const u of uris) if (u instanceof vscode.Uri) await sniffer.check(u);
      return sniffer.files;
    }),
  );

  // A zone file too large for VS Code to hand to extensions (over 50 MB) gets no diagnostics:
  // say so once. Only a file tab without a document costs more than a look at the tabs.
  const tabsChanged = (): void => {
    const docs = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const orphan = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'file' && !docs.has(t.input.uri.toString())));
    if (!orphan) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when needed
    void (require('./zone/tooLarge.chunk') as typeof import('./zone/tooLarge.chunk')).tellAboutTooLargeTabs();
  };
  context.subscriptions.push(vscode.window.tabGroups.onDidChangeTabs(tabsChanged));
  tabsChanged();

  const languages = new Set((manifest.activationEvents ?? []).filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length)));
  if (vscode.workspace.textDocuments.some((d) => languages.has(d.languageId))) void load();
  else {
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!languages.has(d.languageId)) return;
      opened.dispose();
      void load();
    });
    context.subscriptions.push(opened);
  }
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
