/**
 * User agents of scripts and attack tools rather than mail clients. BAV2ROPC is
 * the user agent Entra records for the OAuth resource-owner password flow
 * that legacy clients and password-spraying tools use.
 */

export interface ScriptedAgent {
  kind: string;
  pattern: RegExp;
}

export const SCRIPTED_AGENTS: readonly ScriptedAgent[] = [
  { kind: 'BAV2ROPC', pattern: /^BAV2ROPC\b/i },
  { kind: 'python-requests', pattern: /python-requests/i },
  { kind: 'Python', pattern: /python-urllib|aiohttp|httpx|python\//i },
  { kind: 'curl', pattern: /^curl\//i },
  { kind: 'Wget', pattern: /^wget\//i },
  { kind: 'Go-http-client', pattern: /Go-http-client/i },
  { kind: 'Java', pattern: /^Java\/|Apache-HttpClient|okhttp/i },
  { kind: 'Node.js', pattern: /^node-fetch|^axios\/|^undici|^node\b/i },
  { kind: 'PowerShell', pattern: /WindowsPowerShell|PowerShell\//i },
  { kind: 'Perl/Ruby', pattern: /libwww-perl|^Ruby\b|Faraday/i },
  { kind: 'scanner', pattern: /masscan|zgrab|nmap|sqlmap|nikto/i },
];

/** The kind of scripted client, 'empty' for no user agent, or undefined for an ordinary client. */
export function scriptedAgentKind(userAgent: string): string | undefined {
  const ua = userAgent.trim();
  if (!ua) return 'empty';
  return SCRIPTED_AGENTS.find((a) => a.pattern.test(ua))?.kind;
}
