import type { CliCommand } from '../io';

/** A sub-command: what `mailsec --help` lists, and how to load the rest of it. */
export interface CommandEntry {
  name: string;
  /** One line for `mailsec --help`. */
  summary: string;
  /** Loads the command's own bundle (dist/chunks/): a run of `mailsec lint` reads only what lint needs. */
  load(): CliCommand;
}

/* eslint-disable @typescript-eslint/no-require-imports -- each command is its own bundle, loaded when it runs */
/** The command table: one module per sub-command, registered here only. */
export const commands: CommandEntry[] = [
  { name: 'lint', summary: 'check DNS zone files (and fix what needs no choice)', load: () => (require('./lint.chunk') as typeof import('./lint.chunk')).lintCommand },
  { name: 'check', summary: 'check DKIM, SPF, DMARC, MX, MTA-STS and TLS-RPT in the live DNS', load: () => (require('./check.chunk') as typeof import('./check.chunk')).checkCommand },
  { name: 'verify', summary: 'verify DKIM, SPF, DMARC and ARC of a saved message (.eml)', load: () => (require('./verify.chunk') as typeof import('./verify.chunk')).verifyCommand },
  { name: 'analyze', summary: 'analyse an email header or .eml: sender validation, route, anti-spam verdicts', load: () => (require('./analyze.chunk') as typeof import('./analyze.chunk')).analyzeCommand },
  { name: 'banned-passwords', summary: 'lint an Entra ID custom banned password list', load: () => (require('./banned-passwords.chunk') as typeof import('./banned-passwords.chunk')).bannedPasswordsCommand },
  { name: 'signins', summary: 'report legacy authentication, password spraying and brute force in an Entra sign-in log', load: () => (require('./signins.chunk') as typeof import('./signins.chunk')).signinsCommand },
  { name: 'reports', summary: 'read DMARC aggregate and TLS-RPT reports: sources, readiness for p=quarantine/reject, and the fix', load: () => (require('./reports.chunk') as typeof import('./reports.chunk')).reportsCommand },
  { name: 'transport-rules', summary: 'write Exchange Online PowerShell for the anti-spoofing and display-name transport rules', load: () => (require('./transport-rules.chunk') as typeof import('./transport-rules.chunk')).transportRulesCommand },
];
/* eslint-enable @typescript-eslint/no-require-imports */
