/**
 * The HTML document of every mailsec webview, built in one place so the extension and
 * the browser-level tests serve exactly the same page: a strict Content-Security-Policy
 * (nothing but our own files; scripts only with this load's nonce, so no inline script,
 * no inline event handler, no `javascript:` URL can run), the codicon stylesheet that
 * @vscode-elements expects, the panel's stylesheet and its one script.
 */
export interface WebviewPage {
  /** `webview.cspSource` — the origin our own files are served from. */
  cspSource: string;
  /** A fresh random nonce per load (crypto.randomBytes, never Math.random). */
  nonce: string;
  title: string;
  scriptUri: string;
  styleUris: string[];
  codiconUri: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function webviewHtml(page: WebviewPage): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(page.nonce)) throw new Error('webview nonce must be at least 16 random base64 characters');
  const csp = escapeHtml(contentSecurityPolicy(page.cspSource, page.nonce));
  const styles = page.styleUris.map((u) => `  <link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(page.codiconUri)}" id="vscode-codicon-stylesheet">
${styles}
  <title>${escapeHtml(page.title)}</title>
</head>
<body>
  <main id="app" aria-live="polite"></main>
  <script nonce="${escapeHtml(page.nonce)}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}
