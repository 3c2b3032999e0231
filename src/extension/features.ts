import type * as vscode from 'vscode';
import { headersFeature } from './headers/register';
import { m365Feature } from './m365/register';
import { zoneFeature } from './zone/register';
import { liveFeature } from './live/register';
import { reportsFeature } from './reports/register';

export interface Feature {
  register(context: vscode.ExtensionContext): void;
}

/** The feature list: one entry per folder under src/extension. */
export const features: Feature[] = [zoneFeature, liveFeature, headersFeature, m365Feature, reportsFeature];
