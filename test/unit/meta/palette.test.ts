// The command palette: what a user finds when typing. VS Code's command palette keeps the
// commands whose "category: title" contains every typed word, then sorts them — recently
// used first, the rest by label with localeCompare (AbstractCommandsQuickAccessProvider in
// src/vs/platform/quickinput/browser/commandsQuickAccess.ts). Issue 15: typing
// "check spf" listed "Check Mail Domain (SPF, …)" before "Check SPF".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Command { command: string; title: string; category?: string }
const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: Command[]; menus: { commandPalette: { command: string; when?: string }[] } } };
const hidden = new Set(pkg.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
const labels = pkg.contributes.commands.filter((c) => !hidden.has(c.command)).map((c) => ({ id: c.command, label: c.category ? `${c.category}: ${c.title}` : c.title }));

/** The palette's first page for `typed`, nothing used recently. */
function palette(typed: string): string[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  return labels.filter((l) => words.every((w) => l.label.toLowerCase().includes(w))).sort((a, b) => a.label.localeCompare(b.label)).map((l) => l.id);
}

test('"check spf" lists Check SPF first, the whole-domain check after it', () => {
  const found = palette('check spf');
  assert.equal(found[0], 'mailsec.checkSpf', found.join(', '));
  assert.ok(found.indexOf('mailsec.checkDomain') > 0);
});

for (const [typed, id] of [['check dkim', 'mailsec.checkDkim'], ['check dmarc', 'mailsec.checkDmarc'], ['check mx', 'mailsec.checkMx']] as const) {
  test(`"${typed}" lists ${id} first`, () => {
    assert.equal(palette(typed)[0], id, palette(typed).join(', '));
  });
}
