// Child processes the launcher starts: each in a process group of its own, so that stopping
// it (by pid, as a group) also stops what it started (the extension host, the renderer ...).
// Everything still running is stopped on exit, on SIGINT/SIGTERM and on an uncaught error.
import { spawn } from 'node:child_process';

/** pid -> description of each process-group leader we started and have not yet seen end. */
const groups = new Map();

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

/** Starts `cmd args` as the leader of a new process group; the caller sees a normal ChildProcess. */
export function spawnGroup(cmd, args, options = {}, what = cmd) {
  const child = spawn(cmd, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    groups.set(child.pid, what);
    child.once('exit', () => groups.delete(child.pid));
  }
  return child;
}

/** Registers a group started by someone else (the browser that playwright launched). */
export function trackGroup(pid, what) {
  groups.set(pid, what);
}

/**
 * Stops a process group: SIGTERM, then SIGKILL after `graceMs` if the leader has not ended,
 * and SIGKILL to the group in any case so no grandchild outlives it.
 */
export async function stopGroup(child, graceMs = 3000) {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const ended = new Promise((resolve) => child.once('exit', resolve));
    killGroup(pid, 'SIGTERM');
    let timer;
    const timedOut = new Promise((resolve) => { timer = setTimeout(resolve, graceMs); });
    await Promise.race([ended, timedOut]);
    clearTimeout(timer);
  }
  killGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

/** Stops a tracked group by pid only (no ChildProcess at hand). */
export function stopGroupByPid(pid) {
  killGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

/** Synchronous last resort: SIGKILL every group still registered. */
export function killAllGroupsSync() {
  for (const pid of groups.keys()) {
    try { killGroup(pid, 'SIGKILL'); } catch { /* already gone or not ours */ }
  }
  groups.clear();
}

let installed = false;
/**
 * On SIGINT/SIGTERM: run `onSignal` (async cleanup, bounded), then exit 130/143.
 * On process exit: kill whatever is left, synchronously.
 */
export function installCleanupHandlers(onSignal) {
  if (installed) return;
  installed = true;
  process.on('exit', killAllGroupsSync);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      console.error(`\nintegration: ${signal} received, stopping the browser and the server`);
      const hardStop = setTimeout(() => process.exit(code), 5000);
      hardStop.unref();
      Promise.resolve()
        .then(onSignal)
        .catch(() => undefined)
        .finally(() => process.exit(code));
    });
  }
}

/**
 * Runs a command to completion (its own process group, killed on timeout), collecting its
 * output into `logStream` if given. Resolves with the output; rejects with the last lines.
 */
export function runCommand(cmd, args, { cwd, env, timeoutMs = 10 * 60_000, logStream, what = `${cmd} ${args.join(' ')}` } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }, what);
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (output.length > 200_000) output = output.slice(-100_000);
      logStream?.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      reject(new Error(`${what}: no result after ${Math.round(timeoutMs / 1000)} s, stopped\n${tail(output)}`));
    }, timeoutMs);
    child.once('error', (err) => { clearTimeout(timer); reject(new Error(`${what}: ${err.message}`)); });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(Object.assign(new Error(`${what}: exited with ${code ?? signal}\n${tail(output)}`), { output }));
    });
  });
}

function tail(text, lines = 15) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
