// Which way to get a real VS Code: download it (@vscode/test-electron) where Microsoft's update
// service answers, otherwise the code-server route. MAILSEC_VSCODE_ROUTE=electron|server forces one.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export const UPDATE_SERVICE = 'https://update.code.visualstudio.com/api/releases/stable';

/** True if the update service answers HTTP within `timeoutMs` (any status below 500). */
export function updateServiceReachable(timeoutMs = 3000, url = UPDATE_SERVICE) {
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok) => { if (!settled) { settled = true; clearTimeout(timer); resolve(ok); } };
    const request = url.startsWith('http:') ? httpRequest : httpsRequest;
    const req = request(url, { method: 'HEAD' }, (res) => { res.resume(); done((res.statusCode ?? 500) < 500); });
    const timer = setTimeout(() => { req.destroy(); done(false); }, timeoutMs);
    req.on('error', () => done(false));
    req.end();
  });
}

/**
 * Returns { route: 'electron' | 'server', reason, forced }.
 * Electron on Linux needs a display; without DISPLAY the automatic choice takes the server route.
 */
export async function chooseRoute(env = process.env, probe = updateServiceReachable) {
  const forced = env.MAILSEC_VSCODE_ROUTE;
  if (forced) {
    if (forced !== 'electron' && forced !== 'server') throw new Error(`MAILSEC_VSCODE_ROUTE must be electron or server, not "${forced}"`);
    return { route: forced, reason: 'MAILSEC_VSCODE_ROUTE', forced: true };
  }
  const started = Date.now();
  const reachable = await probe();
  const ms = Date.now() - started;
  if (!reachable) return { route: 'server', reason: `VS Code's update service is not reachable (probe ${ms} ms)`, forced: false };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { route: 'server', reason: 'VS Code could be downloaded, but there is no DISPLAY for Electron (use xvfb-run -a to take the electron route)', forced: false };
  }
  return { route: 'electron', reason: `VS Code's update service answered (probe ${ms} ms)`, forced: false };
}
