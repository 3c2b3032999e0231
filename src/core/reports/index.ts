export { readReports, type ReadOptions, type ReadResult, type ReportSource } from './read';
export { readiness, nextStep, type Readiness, type SourceFix, type SpfLookup } from './readiness';
export type { DomainSummary, SourceSummary } from './analysis';
export { reportsToText, reportsToMarkdown, reportsToCsv, reportsToJson, fixText, type ReportsView } from './render';
export { parsedmarcRow } from './ndjson';
export { isReportInputError, ReportInputError, defaultReportLimits, type ReportLimits } from './types';
export { buildView } from './view';
