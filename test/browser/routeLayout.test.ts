// The Route table of the header panel at the widths people use — a narrow side panel
// (360 px), a normal side panel (670 px) and a maximised editor (1,400 px) — in the dark
// and light themes, and after resizing: no cell narrower than a few characters, no row
// taller than a few lines (issue 15: the From → By column got no width at 670 px, one
// character per line, a 9,342 px tall table, and maximising did not repair it).
// Screenshots go to test-results/browser-route-<width>-<theme>.png.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeHeaders } from '../../src/core/headers/analyze';
import { buildHeaderView } from '../../src/core/headers/view';
import type { HeaderPanelState, RenderedReport } from '../../src/shared/headerPanelMessages';
import { browserUnavailable, closeBrowser, openPanel, type PanelPage } from './harness';

const skip = browserUnavailable() ?? false;
if (skip) console.log(`# SKIPPED route layout browser tests: ${skip}`);

const root = join(__dirname, '..', '..');
const ORG = { domains: ['contoso.com'], displayNames: ['Jean Dupont'], authservIds: ['mx.contoso.com'] };
const NOW = Date.parse('2024-03-06T00:00:00Z');
const PHISHING = readFileSync(join(root, 'test/integration/fixtures/workspace/headers/phishing.eml'), 'utf8');
/** One label of 70 letters and no dot: the host name has to break inside it. */
const LONG_LABEL = `Received: from ${'x'.repeat(70)}.relay-with-a-rather-long-name.mail.protection.outlook.example (198.51.100.7) by mx.contoso.com with ESMTPS id 4Tq3; Tue, 5 Mar 2024 09:14:05 +0000\r\n`;

function stateOf(text: string): Omit<HeaderPanelState, 'filter'> {
  return {
    analysisId: 1,
    view: buildHeaderView(analyzeHeaders(text, { org: ORG, now: NOW })),
    source: { label: 'phishing.eml', uri: 'file:///w/phishing.eml', base: 0, text, selection: null },
    organization: { domains: ORG.domains, displayNames: 1, authservIds: ORG.authservIds, configFile: '.mailsecrc.json', problem: null },
  };
}

async function show(p: PanelPage, state: Omit<HeaderPanelState, 'filter'>): Promise<RenderedReport> {
  await p.waitForPosted((m) => (m as { type?: string }).type === 'ready');
  await p.send({ type: 'show', state });
  return (await p.waitForPosted<{ report: RenderedReport }>((m) => (m as { type?: string }).type === 'rendered')).report;
}

interface Layout {
  stacked: boolean;
  lineHeight: number;
  charWidth: number;
  tableHeight: number;
  overflowX: number;
  rows: { hop: string; height: number }[];
  /** Each cell's value elements (not its label): the narrowest box and the tallest. */
  cells: { hop: string; column: string; width: number; height: number; text: string; length: number }[];
}

/** Measures the route table as drawn. */
async function measure(p: PanelPage): Promise<Layout> {
  return p.page.evaluate<Layout>(`(() => {
    const table = document.querySelector('.route-table');
    const probe = document.createElement('span');
    probe.className = 'mono';
    probe.textContent = 'xxxxxxxxxx';
    table.parentElement.appendChild(probe);
    const charWidth = probe.getBoundingClientRect().width / 10;
    probe.remove();
    const lineHeight = parseFloat(getComputedStyle(table).lineHeight) || 19;
    const rows = [...table.querySelectorAll('tr.hop')];
    const cells = [];
    for (const tr of rows) {
      for (const td of tr.children) {
        for (const el of td.children) {
          const r = el.getBoundingClientRect();
          if (!(el.textContent || '').trim()) continue;
          cells.push({ hop: tr.dataset.hop, column: td.dataset.label, width: r.width, height: r.height, text: el.textContent.trim().slice(0, 40), length: el.textContent.trim().length });
        }
      }
    }
    return {
      stacked: getComputedStyle(table).display === 'block',
      lineHeight, charWidth,
      tableHeight: table.getBoundingClientRect().height,
      overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      rows: rows.map((tr) => ({ hop: tr.dataset.hop, height: tr.getBoundingClientRect().height })),
      cells,
    };
  })()`);
}

/**
 * A cell shows at least min(its text, 6) characters per line and is at most 4 lines tall;
 * a table row is at most 4.5 lines, a stacked card (six labelled lines) 24. With
 * `longText`, a cell holding more than 4 lines of text may take the lines its text needs
 * at 60 % of its width, and no more.
 */
function assertReadable(l: Layout, where: string, longText = false): void {
  assert.ok(l.rows.length >= 5, `${where}: the hops are drawn (${l.rows.length})`);
  assert.ok(l.overflowX <= 1, `${where}: nothing sticks out sideways (${l.overflowX} px)`);
  for (const c of l.cells) {
    const need = Math.min(c.text.length, 6) * l.charWidth * 0.9;
    assert.ok(c.width >= need, `${where}: hop ${c.hop} ${c.column} "${c.text}" is ${c.width.toFixed(0)} px wide, less than ${Math.min(c.text.length, 6)} characters`);
    const lines = longText ? Math.max(4, Math.ceil((c.length * l.charWidth) / (0.6 * c.width))) : 4;
    assert.ok(c.height <= (lines + 0.2) * l.lineHeight, `${where}: hop ${c.hop} ${c.column} "${c.text}" is ${c.height.toFixed(0)} px tall (more than ${lines} lines)`);
  }
  if (longText) return;
  const maxRow = (l.stacked ? 6 * 4 : 4.5) * l.lineHeight;
  for (const r of l.rows) assert.ok(r.height <= maxRow, `${where}: hop ${r.hop} is ${r.height.toFixed(0)} px tall (limit ${maxRow.toFixed(0)})`);
}

describe('header panel Route layout at 360, 670 and 1,400 px (headless Chromium)', { skip }, () => {
  after(closeBrowser);

  for (const theme of ['dark', 'light'] as const) {
    for (const width of [360, 670, 1400]) {
      test(`${width} px, ${theme}: cells keep a few characters, rows a few lines`, async () => {
        const p = await openPanel('headerAnalysis', { theme, width, height: 900 });
        try {
          await show(p, stateOf(PHISHING));
          mkdirSync(join(root, 'test-results'), { recursive: true });
          await p.page.locator('#route').screenshot({ path: join(root, 'test-results', `browser-route-${width}-${theme}.png`) });
          await p.screenshot(`header-${width}-${theme}`);
          const l = await measure(p);
          assertReadable(l, `${width} px ${theme}`);
          assert.equal(l.stacked, width < 800, `${width} px: ${width < 800 ? 'stacked into cards' : 'a table'}`);
        } finally {
          await p.close();
        }
      });
    }
  }

  for (const width of [360, 670, 1400]) {
    test(`${width} px: a host name with a 70-letter label breaks inside it, never one character per line`, async () => {
      const p = await openPanel('headerAnalysis', { theme: 'dark', width, height: 900 });
      try {
        await show(p, stateOf(LONG_LABEL + PHISHING));
        await p.page.locator('#route').screenshot({ path: join(root, 'test-results', `browser-route-long-label-${width}.png`) });
        assertReadable(await measure(p), `${width} px, long label`, true);
      } finally {
        await p.close();
      }
    });
  }

  for (const width of [360, 670, 1400]) {
    test(`${width} px: every other table of the header panel (summary, authentication, anti-spam, all fields) keeps a few characters per cell`, async () => {
      const p = await openPanel('headerAnalysis', { theme: 'light', width, height: 900 });
      try {
        await show(p, stateOf(PHISHING));
        const cells = await p.page.evaluate<{ table: string; label: string; width: number; text: string }[]>(`[...document.querySelectorAll('table.data td > .v')].filter((v) => v.textContent.trim()).map((v) => ({ table: v.closest('table').className, label: v.parentElement.dataset.label, width: v.getBoundingClientRect().width, text: v.textContent.trim() }))`);
        const charWidth = await p.page.evaluate<number>(`(() => { const s = document.createElement('span'); s.className = 'mono'; s.textContent = 'xxxxxxxxxx'; document.body.appendChild(s); const w = s.getBoundingClientRect().width / 10; s.remove(); return w; })()`);
        assert.ok(cells.length > 50, `${cells.length} cells`);
        for (const c of cells) {
          const need = Math.min(c.text.length, 6) * charWidth * 0.7; // proportional text is narrower than the mono probe
          assert.ok(c.width >= need, `${width} px: ${c.table} ${c.label} "${c.text.slice(0, 30)}" is ${c.width.toFixed(0)} px wide`);
        }
        assert.ok(await p.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth') <= 1, 'nothing sticks out sideways');
      } finally {
        await p.close();
      }
    });
  }

  test('repairs itself when the panel is resized: opened at 670 px, widened to 1,400, narrowed to 360, widened again', async () => {
    const p = await openPanel('headerAnalysis', { theme: 'dark', width: 670, height: 900 });
    try {
      await show(p, stateOf(LONG_LABEL + PHISHING));
      const fresh = await openPanel('headerAnalysis', { theme: 'dark', width: 1400, height: 900 });
      let reference: Layout;
      try {
        await show(fresh, stateOf(LONG_LABEL + PHISHING));
        reference = await measure(fresh);
      } finally {
        await fresh.close();
      }
      assertReadable(await measure(p), 'opened at 670 px', true);
      for (const width of [1400, 360, 1400]) {
        await p.page.setViewportSize({ width, height: 900 });
        await p.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
        const l = await measure(p);
        assertReadable(l, `resized to ${width} px`, true);
        if (width === 1400) {
          assert.equal(l.stacked, false);
          assert.ok(Math.abs(l.tableHeight - reference.tableHeight) <= 2, `after resizing, the table is laid out as when opened at 1,400 px (${l.tableHeight} vs ${reference.tableHeight} px)`);
        }
      }
    } finally {
      await p.close();
    }
  });
});
