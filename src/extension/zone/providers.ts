import * as vscode from 'vscode';
import { zoneFoldingRanges } from '../../core/zone/editor/folding';
import { zoneHover } from '../../core/zone/editor/hover';
import { zoneSymbols, type ZoneSymbol } from '../../core/zone/editor/symbols';
import type { LineIndex } from '../../core/text/lineIndex';
import { toRange } from '../diagnostics';
import type { PlacedRange, PlacedSymbol } from '../../core/zone/editor/background';
import type { ZoneAnalysisCache } from './analysisCache';
import type { BackgroundZones } from './background';
import { ZONE_LANGUAGE } from './diagnostics';
import { zoneTimings } from './timings';

const SYMBOL_KIND: Record<ZoneSymbol['kind'], vscode.SymbolKind> = {
  owner: vscode.SymbolKind.Namespace,
  record: vscode.SymbolKind.Field,
  directive: vscode.SymbolKind.Key,
};

function toSymbol(s: ZoneSymbol, lines: LineIndex): vscode.DocumentSymbol {
  const range = toRange(lines, s.span);
  const sel = toRange(lines, s.selection);
  const sym = new vscode.DocumentSymbol(s.name, s.detail, SYMBOL_KIND[s.kind], range, range.contains(sel) ? sel : range);
  sym.children = s.children.map((c) => toSymbol(c, lines));
  return sym;
}

const placed = (r: PlacedRange): vscode.Range => new vscode.Range(r[0], r[1], r[2], r[3]);

function placedSymbol(s: PlacedSymbol): vscode.DocumentSymbol {
  const range = placed(s.range);
  const sel = placed(s.selection);
  const sym = new vscode.DocumentSymbol(s.name, s.detail, SYMBOL_KIND[s.kind], range, range.contains(sel) ? sel : range);
  sym.children = s.children.map(placedSymbol);
  return sym;
}

/** Items converted a thousand per task (thousands of symbols at once would be a long task). */
async function inSlices<T, R>(task: string, items: readonly T[], convert: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 1000) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    zoneTimings.measure(task, () => {
      for (const item of items.slice(i, i + 1000)) out.push(convert(item));
    });
  }
  return out;
}

/**
 * Hover, outline and folding for zone files, all from the shared analysis — for a large
 * document, from the zone worker (its outline: owners and directives only, at most
 * MAX_BACKGROUND_SYMBOLS of them).
 */
export function registerZoneProviders(context: vscode.ExtensionContext, cache: ZoneAnalysisCache, background: BackgroundZones): void {
  const selector = { language: ZONE_LANGUAGE };
  const folding = (r: { startLine: number; endLine: number; kind?: 'comment' }): vscode.FoldingRange => new vscode.FoldingRange(r.startLine, r.endLine, r.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, {
      provideHover(document, position) {
        return zoneTimings.measure('hover', () => {
          if (background.isLarge(document)) {
            return background.hover(document, document.offsetAt(position)).then((h) => (h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), placed(h.range)) : undefined));
          }
          const { analysis, lines } = cache.get(document);
          const h = zoneHover(analysis, lines.offsetAt(position));
          return h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), toRange(lines, h.span)) : undefined;
        });
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(document) {
        return zoneTimings.measure('document symbols', () => {
          if (background.isLarge(document)) return background.symbols(document).then((r) => inSlices('document symbols received', r?.symbols ?? [], placedSymbol));
          const { analysis, lines } = cache.get(document);
          return zoneSymbols(analysis).map((s) => toSymbol(s, lines));
        });
      },
    }),
    vscode.languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges(document) {
        return zoneTimings.measure('folding ranges', () => {
          if (background.isLarge(document)) return background.folding(document).then((r) => inSlices('folding ranges received', r ?? [], folding));
          const { analysis, lines } = cache.get(document);
          return zoneFoldingRanges(analysis, lines).map(folding);
        });
      },
    }),
  );
}
