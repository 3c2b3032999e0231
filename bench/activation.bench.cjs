// Activation cost of the bundled extension in a fresh process: loading dist/extension.js
// and running activate() against a stub `vscode` module (VS Code's own work is not ours
// to measure). The stub answers any property, call or `new` with another stub, so it
// keeps up with the API the extension uses; lists are empty and settings return their
// defaults. Prints one BENCH line.
const Module = require('node:module');
const { join } = require('node:path');
const { readFileSync } = require('node:fs');

function stub(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(target, prop) {
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => 0;
      if (prop === 'then') return undefined; // not a thenable
      if (prop === 'dispose') return () => undefined;
      if (!(prop in target)) target[prop] = stub(`${name}.${String(prop)}`);
      return target[prop];
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

const api = stub('vscode');
api.workspace.getConfiguration = () => ({ get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined });
api.workspace.textDocuments = [];
api.workspace.workspaceFolders = [];
api.workspace.isTrusted = true;
api.window.visibleTextEditors = [];
api.window.activeTextEditor = undefined;
// Every name the real API exports, so the bundle's ESM interop (which copies the module's
// own keys) sees them all.
const apiNames = [...readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8').matchAll(/^\s{0,8}export (?:class|enum|namespace|function|const|let) (\w+)/gm)].map((m) => m[1]);
const vscode = {};
for (const n of apiNames) vscode[n] = api[n];

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const t0 = process.hrtime.bigint();
const ext = require(join(__dirname, '..', 'dist', 'extension.js'));
const t1 = process.hrtime.bigint();
const packageJSON = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
const context = { subscriptions: [], extension: { packageJSON }, extensionUri: stub('extensionUri'), extensionPath: join(__dirname, '..'), globalState: stub('globalState'), workspaceState: stub('workspaceState'), secrets: stub('secrets'), environmentVariableCollection: stub('env') };
ext.activate(context);
const t2 = process.hrtime.bigint();
// The deferred part: loading the features bundle and registering them, which happens
// right after activation once a zone, header or banned-password document is open.
const features = require(join(__dirname, '..', 'dist', 'chunks', 'extension-features.chunk.js'));
features.registerFeatures(context, { commands: new Map(), serializers: new Map() });
const t3 = process.hrtime.bigint();
console.log(`BENCH ${JSON.stringify({ name: 'activation', loadMs: Number(t1 - t0) / 1e6, activateMs: Number(t2 - t1) / 1e6, totalMs: Number(t2 - t0) / 1e6, featuresLoadMs: Number(t3 - t2) / 1e6, registrations: context.subscriptions.length, targetMs: 25 })}`);
