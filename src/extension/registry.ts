import * as vscode from 'vscode';

/**
 * Commands and webview serializers of the features, collected while the features module
 * loads (it loads after activation, see extension.ts). The activation code registers
 * every contributed command at once with VS Code — as a dispatcher that waits for the
 * features — so a command that activates the extension always finds its handler.
 */
export interface LazyRegistry {
  commands: Map<string, (...args: unknown[]) => unknown>;
  serializers: Map<string, vscode.WebviewPanelSerializer>;
}

let active: LazyRegistry | undefined;

/** Runs `register` with registrations going to `registry` instead of VS Code. */
export function collecting<T>(registry: LazyRegistry, register: () => T): T {
  active = registry;
  try {
    return register();
  } finally {
    active = undefined;
  }
}

/** vscode.commands.registerCommand, or into the registry while the features load. */
export function registerCommand(id: string, handler: (...args: never[]) => unknown, thisArg?: unknown): vscode.Disposable {
  const reg = active;
  if (!reg) return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown, thisArg);
  reg.commands.set(id, (thisArg ? handler.bind(thisArg) : handler) as (...args: unknown[]) => unknown);
  return new vscode.Disposable(() => reg.commands.delete(id));
}

/** vscode.window.registerWebviewPanelSerializer, or into the registry while the features load. */
export function registerWebviewPanelSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable {
  const reg = active;
  if (!reg) return vscode.window.registerWebviewPanelSerializer(viewType, serializer);
  reg.serializers.set(viewType, serializer);
  return new vscode.Disposable(() => reg.serializers.delete(viewType));
}
