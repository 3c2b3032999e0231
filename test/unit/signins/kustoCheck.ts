/**
 * Parses and semantically checks a KQL query with Microsoft's Kusto language service
 * (@kusto/language-service-next, the Bridge.NET build of Kusto.Language) against the
 * documented SigninLogs and AADNonInteractiveUserSignInLogs schemas (fixtures/log-analytics).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
let K: any;
function kusto(): any {
  if (!K) {
    const require = createRequire(__filename);
    require('@kusto/language-service-next/bridge.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.js');
    K = (globalThis as any).Kusto.Language;
  }
  return K;
}

export interface KustoDiagnostic {
  severity: string;
  message: string;
  start: number;
}

const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures/log-analytics/tables.json'), 'utf8')) as { tables: Record<string, [string, string][]> };

function scalar(type: string): any {
  const T = kusto().Symbols.ScalarTypes;
  const map: Record<string, any> = { string: T.String, datetime: T.DateTime, bool: T.Bool, long: T.Long, real: T.Real, dynamic: T.Dynamic, int: T.Int, guid: T.Guid, timespan: T.TimeSpan };
  const t = map[type];
  if (!t) throw new Error(`no Kusto type for ${type}`);
  return t;
}

let state: any;
function globals(): any {
  if (!state) {
    const S = kusto().Symbols;
    const tables = Object.entries(schema.tables).map(([name, cols]) => new S.TableSymbol.$ctor4(name, cols.map(([c, t]) => new S.ColumnSymbol(c, scalar(t)))));
    state = kusto().GlobalState.Default.WithDatabase(new S.DatabaseSymbol.ctor('workspace', tables));
  }
  return state;
}

/** Every diagnostic (syntax and semantics) of the query against the documented schemas. */
export function checkKql(query: string): KustoDiagnostic[] {
  const code = kusto().KustoCode.ParseAndAnalyze(query, globals());
  const d = code.GetDiagnostics();
  const out: KustoDiagnostic[] = [];
  for (let i = 0; i < d.Count; i++) {
    const x = d.getItem(i);
    out.push({ severity: String(x.Severity), message: String(x.Message), start: Number(x.Start) });
  }
  return out;
}

export const SCHEMA_TABLES = Object.keys(schema.tables);
