import * as vscode from 'vscode';
import { zoneFoldingRanges } from '../../core/zone/editor/folding';
import { zoneHover } from '../../core/zone/editor/hover';
import { zoneSymbols, type ZoneSymbol } from '../../core/zone/editor/symbols';
import type { LineIndex } from '../../core/text/lineIndex';
import { toRange } from '../diagnostics';
import type { ZoneAnalysisCache } from './analysisCache';
import { ZONE_LANGUAGE } from './diagnostics';

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

/** Hover, outline and folding for zone files, all from the shared analysis. */
export function registerZoneProviders(context: vscode.ExtensionContext, cache: ZoneAnalysisCache): void {
  const selector = { language: ZONE_LANGUAGE };
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, {
      provideHover(document, position) {
        const { analysis, lines } = cache.get(document);
        const h = zoneHover(analysis, lines.offsetAt(position));
        return h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), toRange(lines, h.span)) : undefined;
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(document) {
        const { analysis, lines } = cache.get(document);
        return zoneSymbols(analysis).map((s) => toSymbol(s, lines));
      },
    }),
    vscode.languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges(document) {
        const { analysis, lines } = cache.get(document);
        return zoneFoldingRanges(analysis, lines).map((r) => new vscode.FoldingRange(r.startLine, r.endLine, r.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined));
      },
    }),
  );
}
