import type * as vscode from 'vscode';
import type { Feature } from '../features';
import { ZoneAnalysisCache } from './analysisCache';
import { registerZoneCodeActions } from './codeActions';
import { registerZoneDiagnostics } from './diagnostics';
import { registerMoveDkim } from './moveDkim';
import { registerZoneProviders } from './providers';
import { registerZoneLiveCheck } from './liveCheck';

/** Zone files: diagnostics, quick-fixes, the DKIM-behind-CNAME command, hover, outline, folding, Check live. */
export const zoneFeature: Feature = {
  register(context: vscode.ExtensionContext): void {
    const cache = new ZoneAnalysisCache();
    registerZoneDiagnostics(context, cache);
    registerZoneCodeActions(context, cache);
    registerMoveDkim(context, cache);
    registerZoneProviders(context, cache);
    registerZoneLiveCheck(context, cache);
  },
};
