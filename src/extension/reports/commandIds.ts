/** Command ids of the reports feature, in a light module (the implementation loads when one runs). */
export const OPEN_REPORTS_COMMAND = 'mailsec.reports.open';
export const APPLY_REPORT_FIX_COMMAND = 'mailsec.reports.applyFix';
