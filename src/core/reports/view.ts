/** Everything a surface shows for a set of reports: computed once, rendered by the CLI and the editor. */
import type { ReadResult } from './read';
import { readiness, type SpfLookup } from './readiness';
import type { ReportsView } from './render';

export function buildView(r: ReadResult, spfOf?: SpfLookup): ReportsView {
  return {
    files: r.files,
    aggregateReports: r.aggregate.aggregateReports,
    tlsReports: r.tls.reports,
    duplicates: r.aggregate.duplicates + r.tls.duplicates,
    filtered: r.aggregate.filtered,
    domains: r.aggregate.summaries().map((summary) => ({ summary, readiness: readiness(summary, spfOf) })),
    tls: r.tls.summaries(),
    problems: r.problems,
    skipped: r.skipped,
  };
}
