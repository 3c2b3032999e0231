// Activation cost of the bundled extension in a fresh process: loading dist/extension.js
// and running activate() against a stub `vscode` module that records registrations
// (VS Code's own work is not ours to measure). Prints one BENCH line.
const Module = require('node:module');
const { join } = require('node:path');
const disposable = { dispose() {} };
const event = () => disposable;
const handler = { get: (target, prop) => (prop in target ? target[prop] : new Proxy(function () {}, handler)), apply: () => new Proxy(function () {}, handler), construct: () => new Proxy({}, handler) };
// Every name the real API exports (read from @types/vscode), so the bundle's ESM interop,
// which copies the module's own keys, sees them all.
const apiNames = [...require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8').matchAll(/^\s{0,8}export (?:class|enum|namespace|function|const|let) (\w+)/gm)].map((m) => m[1]);
const vscode = new Proxy(
  {
    languages: { createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }), registerCodeActionsProvider: () => disposable, registerHoverProvider: () => disposable, registerDocumentSymbolProvider: () => disposable, registerFoldingRangeProvider: () => disposable, registerCodeLensProvider: () => disposable, onDidChangeDiagnostics: event },
    workspace: { textDocuments: [], onDidOpenTextDocument: event, onDidChangeTextDocument: event, onDidCloseTextDocument: event, onDidChangeConfiguration: event, onDidGrantWorkspaceTrust: event, getConfiguration: () => ({ get: (_k, d) => d }), isTrusted: true, workspaceFolders: [] },
    window: { registerWebviewPanelSerializer: () => disposable, onDidChangeActiveTextEditor: event, createOutputChannel: () => ({ appendLine() {}, dispose() {} }) },
    commands: { registerCommand: () => disposable, registerTextEditorCommand: () => disposable },
    Uri: { parse: (s) => ({ toString: () => s }), file: (s) => ({ fsPath: s }), joinPath: () => ({}) },
    CodeActionKind: { QuickFix: { append: () => ({}) }, SourceFixAll: { append: () => ({ contains: () => false }) } },
  },
  {
    ...handler,
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...apiNames])],
    getOwnPropertyDescriptor: (target, prop) => Reflect.getOwnPropertyDescriptor(target, prop) ?? { configurable: true, enumerable: true, writable: true, value: undefined },
  },
);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const t0 = process.hrtime.bigint();
const ext = require(join(__dirname, '..', 'dist', 'extension.js'));
const t1 = process.hrtime.bigint();
const context = { subscriptions: [], extensionUri: {}, extensionPath: join(__dirname, '..'), globalState: { get() {}, update() {} }, workspaceState: { get() {}, update() {} } };
ext.activate(context);
const t2 = process.hrtime.bigint();
console.log(`BENCH ${JSON.stringify({ name: 'activation', loadMs: Number(t1 - t0) / 1e6, activateMs: Number(t2 - t1) / 1e6, totalMs: Number(t2 - t0) / 1e6, registrations: context.subscriptions.length, targetMs: 25 })}`);
