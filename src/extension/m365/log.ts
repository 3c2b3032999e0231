import * as vscode from 'vscode';
import { SHOW_LOG_COMMAND } from './commandIds';
import { registerCommand } from '../registry';

/**
 * The "mailsec: Microsoft 365" output channel. Every line written is also kept in memory
 * (the last 500), so **Show Microsoft 365 Log** can return what it holds: the tests read
 * it to prove that a password never reaches the log.
 */
export class M365Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('mailsec: Microsoft 365', { log: true });
  private readonly recent: string[] = [];

  info(message: string): void {
    this.keep(message);
    this.channel.info(message);
  }

  warn(message: string): void {
    this.keep(message);
    this.channel.warn(message);
  }

  error(message: string): void {
    this.keep(message);
    this.channel.error(message);
  }

  /** Shows the channel; returns the lines written in this session. */
  show(): string[] {
    this.channel.show(true);
    return [...this.recent];
  }

  private keep(message: string): void {
    this.recent.push(message);
    if (this.recent.length > 500) this.recent.shift();
  }

  dispose(): void {
    this.channel.dispose();
  }
}


export function registerLog(context: vscode.ExtensionContext): M365Log {
  const log = new M365Log();
  context.subscriptions.push(log, registerCommand(SHOW_LOG_COMMAND, () => log.show()));
  return log;
}
