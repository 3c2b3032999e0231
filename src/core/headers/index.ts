/** Email-header analysis: the public surface of src/core/headers. */
export { analyzeHeaders, normalizeOrg, type AnalyzeOptions } from './analyze';
export { lintHeaders, type LintOptions } from './lint';
export { parseHeaderBlock, sourceOffsetOf, sourceSpanOf, fieldsNamed } from './parse';
export { decodeEncodedWords } from './rfc2047';
export { parseAddressList } from './addresses';
export { parseReceived } from './received';
export { parseAuthResults } from './authResults';
export { parseMailDate } from './dates';
export { parseTagList } from './dkim';
export { visible } from './unicode';
export { formatDuration } from './hops';
export type * from './types';
