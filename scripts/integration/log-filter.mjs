// What the workbench passes to window.codeAutomationLog: the extension host's console (mocha's
// reporter, our extension's output) and the workbench's own log. Entries that are harmless
// noise on a machine without internet are kept out of the terminal (the full log file keeps
// them); an entry that mentions mailsec or the repository is always shown.
import { format } from 'node:util';

/** Matched against the first non-empty line of an entry (the rest is its stack). */
const NOISE = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^Canceled: Canceled/, // the workbench cancelling its own requests at shutdown
  /^No search provider registered for scheme/,
  /^\[(reconnection-grace-time|Service Worker|AccountPolicyGate|DefaultAccount|ChatModelSelection|AgentHost[^\]]*|RemoteAgentHostProtocol|Chat[^\]]*|LanguageModel[^\]]*|Mcp[^\]]*)\]/i,
  /authentication provider '(github|microsoft)'/i, // chat/accounts, no sign-in here
  /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|net::ERR_/, // hosts unreachable here
  /gallery|marketplace|open-vsx|openvsx/i, // extension gallery queries
  /\bvsda\b/, // signing module not shipped with code-server
  /\bcopilot\b|\bchat (panel|view|agent)/i,
  // VS Code 1.96: @vscode/ripgrep fetches rg from GitHub in an install script, not run here
  // (search, unused by the suites); an untitled editor's title probing the file system.
  /@vscode\/ripgrep\/bin\/rg ENOENT|^A system error occurred \(spawn .*\/rg ENOENT\)/,
  /^Error: Unable to resolve filesystem provider with relative file path 'untitled:/,
];

export function isNoise(text, keep = []) {
  const mentionsUs = /mailsec(?!-test\/|-it-)/i.test(text) || keep.some((k) => k && text.includes(k));
  if (mentionsUs) return false;
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return NOISE.some((re) => re.test(first.trim()));
}

/** Turns one codeAutomationLog call (a level and console-style arguments) into text. */
export function formatAutomationLog(type, args) {
  const list = Array.isArray(args) ? args : [args];
  const text = format(...list).replace(/\s+$/, '');
  return { level: String(type ?? '').toLowerCase(), text };
}
