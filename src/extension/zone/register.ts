import type * as vscode from 'vscode';
import type { Feature } from '../features';
import { ZoneAnalysisCache } from './analysisCache';
import { BackgroundZones } from './background';
import { registerZoneCodeActions } from './codeActions';
import { registerZoneDiagnostics } from './diagnostics';
import { registerMoveDkim } from './moveDkim';
import { registerZoneProviders } from './providers';
import { registerZoneLiveCheck } from './liveCheck';

/** Zone files: diagnostics, quick-fixes, the DKIM-behind-CNAME command, hover, outline, folding, Check live. */
export const zoneFeature: Feature = {
  register(context: vscode.ExtensionContext): void {
    const cache = new ZoneAnalysisCache();
    // Documents too large to analyse on the extension host go to a worker thread.
    const background = new BackgroundZones(context.extensionUri.fsPath);
    registerZoneDiagnostics(context, cache, background);
    registerZoneCodeActions(context, cache, background);
    registerMoveDkim(context, cache, background);
    registerZoneProviders(context, cache, background);
    registerZoneLiveCheck(context, cache, background);
  },
};
