/**
 * Tokenizes with the contributed grammars the way VS Code does (vscode-textmate + Oniguruma)
 * and prints the time: a synthetic zone from bench/generateZone.ts (default 100,000 records),
 * a long header block, and hostile single lines whose time must grow linearly with their
 * length (a quadratic rule would show as ~4x the time per 2x length).
 *   npx tsx bench/grammarTokenize.ts [records]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tm from 'vscode-textmate';
import { zoneLines } from './generateZone';

interface OnigModule {
  loadWASM(data: ArrayBuffer | Uint8Array): Promise<void>;
  OnigScanner: new (patterns: string[]) => tm.OnigScanner;
  OnigString: new (text: string) => tm.OnigString;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- no type declarations shipped
const onig = require('vscode-oniguruma') as OnigModule;
const root = join(__dirname, '..');

async function loadGrammar(scopeName: string, file: string): Promise<tm.IGrammar> {
  await onig.loadWASM(readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm')));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
    loadGrammar: (scope) => Promise.resolve(scope === scopeName ? tm.parseRawGrammar(readFileSync(join(root, file), 'utf8'), file) : null),
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`cannot load ${file}`);
  return grammar;
}

/** CPU milliseconds to tokenize `lines` in order (state carried from line to line). */
function tokenize(grammar: tm.IGrammar, lines: string[]): number {
  const start = process.cpuUsage();
  let state = tm.INITIAL;
  for (const line of lines) state = grammar.tokenizeLine(line, state).ruleStack;
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function report(label: string, lines: string[], ms: number): void {
  console.log(`${label.padEnd(44)} ${String(lines.length).padStart(8)} lines ${ms.toFixed(0).padStart(7)} ms  ${(lines.length / ms).toFixed(1)} lines/ms`);
}

async function main(): Promise<void> {
  const records = Number(process.argv[2] ?? 100_000);
  const zone = await loadGrammar('source.dns-zone', 'syntaxes/dns-zone.tmLanguage.json');
  const headers = await loadGrammar('text.email-headers', 'syntaxes/email-headers.tmLanguage.json');

  const zoneText = [...zoneLines(records)].join('').split('\n');
  report(`zone, ${records} records`, zoneText, tokenize(zone, zoneText));

  const block = readFileSync(join(root, 'test/grammar/email-headers/snapshots/gmail.eml'), 'utf8').split('\n\n')[0]!.split('\n');
  const many = Array.from({ length: 200 }, () => block).flat();
  report('header block (gmail sample x200)', many, tokenize(headers, many));

  const hostile: Array<[string, tm.IGrammar, (n: number) => string]> = [
    ['zone: "a;a;a…"', zone, (n) => `x IN TXT "${'a;'.repeat(n / 2)}"`],
    ['zone: many strings', zone, (n) => `x IN TXT ${'"a" '.repeat(n / 4)}`],
    ['zone: ((((…', zone, (n) => `x IN TXT ${'('.repeat(n)}`],
    ['zone: SPF terms', zone, (n) => `x IN TXT "v=spf1 ${'a=b '.repeat(n / 4)}"`],
    ['zone: \\\\\\…', zone, (n) => '\\'.repeat(n)],
    ['headers: ((((…', headers, (n) => `From: ${'('.repeat(n)}`],
    ['headers: a@a@a…', headers, (n) => `X-Long: ${'a@'.repeat(n / 2)}`],
    ['headers: dkim tags', headers, (n) => `DKIM-Signature: ${'a=;'.repeat(n / 3)}`],
  ];
  for (const [label, grammar, make] of hostile) {
    const times = [5_000, 10_000, 20_000].map((n) => tokenize(grammar, [make(n)]));
    console.log(`${label.padEnd(24)} 5k/10k/20k chars: ${times.map((t) => t.toFixed(1)).join(' / ')} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
