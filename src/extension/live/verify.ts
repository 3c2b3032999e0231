import * as vscode from 'vscode';
import { ipProblem, normalizeIp, senderProblem } from '../../core/checks/inputs';
import { receivedClient } from '../../core/checks/receivedClient';
import { messageInput, verifyMessage } from '../../core/checks/verifyMessage';
import { askIp } from './prompts';
import type { LiveChecks, LiveOutcome } from './service';
import { registerCommand } from '../registry';

export interface VerifyArgs {
  /** Client IP (else: from the Received headers, else asked). */
  ip?: string;
  sender?: string;
  helo?: string;
}

const fileName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** The message to verify: the file clicked, the .eml in the editor, or one picked in a dialog. */
async function messageUri(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && /\.eml$/i.test(doc.uri.path)) return doc.uri;
  const picked = await vscode.window.showOpenDialog({ title: 'Verify Message Authentication', canSelectMany: false, filters: { 'Email messages': ['eml'], 'All files': ['*'] } });
  return picked?.[0];
}

/** The bytes verifiers see: the editor's text when it has unsaved changes, else the file. */
async function messageBytes(uri: vscode.Uri): Promise<Buffer> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return Buffer.from(open.getText(), 'utf8');
  return Buffer.from(await vscode.workspace.fs.readFile(uri));
}

/**
 * Verify Message Authentication (explorer and editor context menu on .eml files):
 * DKIM per signature, SPF for the client the Received headers name (asked for when they
 * name none; empty skips SPF), DMARC and ARC, with mailauth over our resolver.
 */
export function registerVerifyCommand(context: vscode.ExtensionContext, live: LiveChecks): void {
  context.subscriptions.push(
    registerCommand('mailsec.verifyMessage', async (uriArg?: unknown, args?: VerifyArgs): Promise<LiveOutcome> => {
      if (!live.trusted()) return { status: 'untrusted' };
      const uri = await messageUri(uriArg);
      if (!uri) return { status: 'dismissed' };
      const name = fileName(uri);
      let message: Buffer;
      try {
        message = await messageBytes(uri);
      } catch (e) {
        const text = `Cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`;
        void vscode.window.showErrorMessage(text);
        return { status: 'failed', message: text };
      }
      for (const [value, problem] of [[args?.ip, ipProblem(args?.ip ?? '', true)], [args?.sender, senderProblem(args?.sender ?? '', true)]] as const) {
        if (value !== undefined && problem) {
          void vscode.window.showErrorMessage(problem);
          return { status: 'failed', message: problem };
        }
      }
      let ip = args?.ip ? normalizeIp(args.ip) : undefined;
      // an empty file is "not a message": no point asking for the client IP first
      if (!ip && args === undefined && messageInput(message) !== 'not-a-message' && !receivedClient(message.toString('latin1')).ip) {
        const typed = await askIp(`Verify ${name}`, 'The Received headers of this message name no client IP. Type the address of the server that delivered it to evaluate SPF (leave empty to skip SPF).');
        if (typed === undefined) return { status: 'dismissed' };
        ip = typed ? normalizeIp(typed) : undefined;
      }
      return live.run({
        title: `Message ${name}`,
        tab: `Verify · ${name}`,
        progress: `verifying ${name}…`,
        scope: uri,
        work: async (s, signal) => ({ kind: 'verify', file: name, result: await verifyMessage(s.resolver, message, { ip, sender: args?.sender, helo: args?.helo, signal }) }),
      });
    }),
  );
}
