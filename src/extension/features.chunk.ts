import type * as vscode from 'vscode';
import { features } from './features';
import { collecting, type LazyRegistry } from './registry';

/**
 * Everything the extension does, in a bundle of its own (dist/chunks/) that activation
 * loads after it returns: registering the features' providers and listeners, with their
 * commands and webview serializers collected into `registry` for the dispatchers that
 * activation registered.
 */
export function registerFeatures(context: vscode.ExtensionContext, registry: LazyRegistry): void {
  collecting(registry, () => {
    for (const feature of features) feature.register(context);
  });
}
