/**
 * Command ids of the Microsoft 365 features, in one light module: the registration code
 * imports only these and loads each command's implementation (and the core it needs —
 * csv-parse, the header analysis) the first time the command runs, not at activation.
 */
export const GENERATE_RULES_COMMAND = 'mailsec.transportRules.generate';
export const TEST_RULES_COMMAND = 'mailsec.transportRules.testHeader';
export const EVALUATE_PASSWORD_COMMAND = 'mailsec.bannedPasswords.evaluate';
export const ANALYZE_SIGNINS_COMMAND = 'mailsec.signins.analyze';
export const EXPORT_REPORT_COMMAND = 'mailsec.signins.exportReport';
export const AUTH_POLICY_COMMAND = 'mailsec.signins.authPolicyScript';
export const SIGNIN_KQL_COMMAND = 'mailsec.signins.emitKql';
export const SHOW_LOG_COMMAND = 'mailsec.m365.showLog';
