// Proves the machinery: our extension runs in a real VS Code and the editor API round-trips.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, openFixture, screenshot, waitFor } from './util';

describe('smoke', () => {
  it('finds and activates the mailsec extension', async () => {
    const extension = await activateExtension();
    assert.equal(extension.id, EXTENSION_ID);
    assert.equal(extension.isActive, true);
    assert.equal((extension.packageJSON as { name?: string }).name, 'mailsec');
  });

  it('runs in a VS Code that reports its version', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    console.log(`    VS Code ${vscode.version}, extension host on Node ${process.version}`);
  });

  it('opens a file of the temporary workspace copy', async () => {
    const editor = await openFixture('README.md');
    assert.match(editor.document.getText(), /integration tests open/);
    assert.notEqual(process.env.MAILSEC_WORKSPACE, undefined, 'MAILSEC_WORKSPACE reaches the extension host');
    assert.equal(editor.document.uri.fsPath.startsWith(process.env.MAILSEC_WORKSPACE ?? '\0'), true);
  });

  it('applies a WorkspaceEdit to an untitled document and reads the text back', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'v=spf1 -all\n' });
    await vscode.window.showTextDocument(document);
    const changed = waitFor(vscode.workspace.onDidChangeTextDocument, (e) => e.document === document, 15_000, 'the edit to reach the document');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 7), 'include:_spf.example.net ');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await changed;
    assert.equal(document.getText(), 'v=spf1 include:_spf.example.net -all\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('runs the script of a webview panel, which posts a message back', async () => {
    const panel = vscode.window.createWebviewPanel('mailsec.smoke', 'smoke webview', vscode.ViewColumn.Beside, { enableScripts: true });
    try {
      const nonce = randomUUID().replace(/-/g, '');
      const message = waitFor(panel.webview.onDidReceiveMessage, (m: unknown) => (m as { ready?: unknown }).ready !== undefined, 20_000, 'the webview script to post its message');
      panel.webview.html = `<!DOCTYPE html><html><head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';">
        <title>smoke</title></head><body><p id="p">webview body</p>
        <script nonce="${nonce}">acquireVsCodeApi().postMessage({ ready: document.getElementById('p').textContent });</script>
        </body></html>`;
      assert.deepEqual(await message, { ready: 'webview body' });
      const picture = await screenshot('smoke-webview');
      if (picture) console.log(`    picture: ${picture}`);
    } finally {
      panel.dispose();
    }
  });
});
