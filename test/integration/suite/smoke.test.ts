// Proves the machinery: our extension runs in a real VS Code and the editor API round-trips.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, openFixture, waitFor } from './util';

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
    const changed = waitFor(vscode.workspace.onDidChangeTextDocument, (e) => e.document === document, 5_000, 'the edit to reach the document');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 7), 'include:_spf.example.net ');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await changed;
    assert.equal(document.getText(), 'v=spf1 include:_spf.example.net -all\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
