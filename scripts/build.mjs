#!/usr/bin/env node
// Bundles everything with esbuild; `tsc` only type-checks (npm run typecheck).
//   dist/extension.js      the VS Code extension (cjs, `vscode` external)
//   dist/zoneWorker.js     the worker thread that analyses large zone documents for the extension
//   dist/cli.js            the `mailsec` command (cjs, shebang)
//   dist/vendor/*.js       heavy libraries loaded lazily (mailauth), kept out of the activation bundle
//   dist/webview/<x>.js    one browser bundle per folder webview/<x>/main.ts
//   out/test/integration/  the integration suites, run inside a real VS Code
// Flags: --production (minify, no sourcemaps), --watch, --no-tests.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, readdirSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = !process.argv.includes('--no-tests') && !production;

/** Modules bundled on their own and required at run time from dist/vendor (lazy loading). */
const vendored = { mailauth: 'vendor/mailauth.js' };

/** Rewrites imports of vendored packages to a runtime require of the vendor bundle. */
function vendorPlugin(fromDir) {
  return {
    name: 'vendor',
    setup(build) {
      const names = Object.keys(vendored);
      const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/.*)?$`);
      build.onResolve({ filter }, (args) => {
        const name = names.find((n) => args.path === n || args.path.startsWith(n + '/'));
        if (args.path !== name) return undefined; // deep imports resolve normally
        return { path: `./${join(fromDir, vendored[name]).replace(/\\/g, '/')}`, external: true };
      });
    },
  };
}

/**
 * Code split at `require('./x.chunk')`: the module becomes its own bundle in dist/chunks/
 * (loaded when the require runs), so the file VS Code loads at activation stays small.
 * `prefix` is the path from the bundle being built to dist/chunks/.
 */
const chunkSources = new Map(); // absolute source path -> chunk name
function chunkPlugin(prefix) {
  return {
    name: 'chunks',
    setup(build) {
      build.onResolve({ filter: /\.chunk$/ }, async (args) => {
        if (args.kind !== 'require-call') return undefined;
        const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: 'import-statement' });
        if (r.errors.length) return { errors: r.errors };
        const name = relative(join(root, 'src'), r.path).replace(/\.ts$/, '').replace(/[\\/]/g, '-');
        chunkSources.set(r.path, name);
        return { path: `${prefix}${name}.js`, external: true };
      });
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // `mailsec --version` and SARIF logs print package.json's version (src/cli/version.ts).
  define: { MAILSEC_VERSION: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
};

const configs = [
  { ...common, entryPoints: { extension: join(root, 'src/extension/extension.ts') }, outdir: join(root, 'dist'), external: ['vscode'], plugins: [vendorPlugin('.'), chunkPlugin('./chunks/')] },
  // The zone worker (a worker thread the extension starts for large zone documents): no `vscode` in it.
  { ...common, entryPoints: { zoneWorker: join(root, 'src/extension/zone/zoneWorker.ts') }, outdir: join(root, 'dist'), plugins: [vendorPlugin('.')] },
  { ...common, entryPoints: { cli: join(root, 'src/cli/main.ts') }, outdir: join(root, 'dist'), banner: { js: '#!/usr/bin/env node' }, plugins: [vendorPlugin('.'), chunkPlugin('./chunks/')] },
];

const vendorEntries = {};
for (const [name, out] of Object.entries(vendored)) {
  const shim = join(root, 'src/vendor', `${name}.ts`);
  if (existsSync(shim)) vendorEntries[out.replace(/\.js$/, '')] = shim;
}
if (Object.keys(vendorEntries).length) {
  configs.push({ ...common, entryPoints: vendorEntries, outdir: join(root, 'dist') });
}

const webviewDir = join(root, 'webview');
const webviewEntries = {};
if (existsSync(webviewDir)) {
  for (const d of readdirSync(webviewDir, { withFileTypes: true })) {
    if (d.isDirectory() && existsSync(join(webviewDir, d.name, 'main.ts'))) webviewEntries[d.name] = join(webviewDir, d.name, 'main.ts');
  }
}
if (Object.keys(webviewEntries).length) {
  configs.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: webviewEntries, outdir: join(root, 'dist/webview'), loader: { '.css': 'css', '.ttf': 'file' } });
}

// The integration test module (index.ts, run by VS Code) and each suite (*.test.ts) as its own
// bundle beside it: out/test/integration/index.js, out/test/integration/<name>.test.js.
const integrationDir = join(root, 'test/integration/suite');
if (withTests && existsSync(join(integrationDir, 'index.ts'))) {
  const entries = { index: join(integrationDir, 'index.ts') };
  for (const f of readdirSync(integrationDir)) {
    if (f.endsWith('.test.ts')) entries[f.replace(/\.ts$/, '')] = join(integrationDir, f);
  }
  configs.push({ ...common, entryPoints: entries, outdir: join(root, 'out/test/integration'), external: ['vscode', 'mocha'], sourcemap: 'inline' });
}

if (!watch) {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  rmSync(join(root, 'out'), { recursive: true, force: true });
}
mkdirSync(join(root, 'dist'), { recursive: true });

// The codicon font and stylesheet that @vscode-elements' <vscode-icon> expects
// (<link id="vscode-codicon-stylesheet">), served from dist/webview/codicons/.
if (Object.keys(webviewEntries).length) {
  const codicons = join(root, 'node_modules/@vscode/codicons/dist');
  mkdirSync(join(root, 'dist/webview/codicons'), { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, f), join(root, 'dist/webview/codicons', f));
}

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(configs.map((c) => esbuild.build(c)));
  // Chunks found while bundling, and the chunks those require, until there are no new ones.
  const built = new Set();
  for (let pending = [...chunkSources.keys()]; pending.length; pending = [...chunkSources.keys()].filter((p) => !built.has(p))) {
    for (const p of pending) built.add(p);
    await Promise.all(
      pending.map((p) =>
        esbuild.build({ ...common, entryPoints: { [chunkSources.get(p)]: p }, outdir: join(root, 'dist/chunks'), external: ['vscode'], plugins: [vendorPlugin('..'), chunkPlugin('./')] }),
      ),
    );
  }
  console.log(`esbuild: built ${configs.length + built.size} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
