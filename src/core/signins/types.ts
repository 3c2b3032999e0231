import type { JsonContainer } from './jsonStream';
import type { SigninField } from './fields';
import type { DateOrder } from './time';

/** One sign-in, whatever file it came from. */
export interface SigninRecord {
  /** Epoch milliseconds (UTC), when the file has a readable time. */
  time?: number;
  /** The user: UPN in lower case, or the display name when the file has no UPN. */
  user: string;
  userDisplayName?: string;
  /** The client app as logged (undefined when the file has none). */
  clientApp?: string;
  errorCode?: number;
  outcome: 'success' | 'failure' | 'interrupted' | 'unknown';
  failureReason?: string;
  ip?: string;
  /** Country or region code (or name) as logged. */
  country?: string;
  /** User agent as logged; '' when the field is there but empty. */
  userAgent?: string;
  app?: string;
  interactive?: boolean;
  /** Line (CSV, NDJSON) or starting line (JSON) of the record, 1-based. */
  line: number;
}

export type SigninSchema = 'entra-admin-center' | 'graph' | 'log-analytics' | 'other';

export interface MissingField {
  field: SigninField;
  /** What the report cannot do without it. */
  consequence: string;
}

export interface SkippedRecord {
  line: number;
  reason: string;
}

export interface SigninSourceInfo {
  kind: 'csv' | 'json';
  schema: SigninSchema;
  /** JSON only: how the records were laid out. */
  container?: JsonContainer;
  /** CSV only: the separator found in the header. */
  delimiter?: string;
  /** CSV only: the header row as written. */
  columns?: string[];
  /** Optional fields the file does not have, and what that disables. */
  missing: MissingField[];
  records: number;
  skipped: number;
  /** The first few skipped records with the reason (at most 20). */
  skippedSamples: SkippedRecord[];
  bytesRead: number;
  /** How slashed dates were read; `dateOrderNote` says when the file changed our mind part-way. */
  dateOrder: DateOrder;
  dateOrderNote?: string;
  /** A problem that stopped reading early (a cut-off file); what was read before is still reported. */
  truncated?: string;
}

export interface SigninThresholds {
  /** Distinct users with failed sign-ins from one IP address to call it password spraying. Default 10. */
  sprayMinUsers: number;
  /** Failed sign-ins against one user within the window to call it brute force. Default 20. */
  bruteForceMinFailures: number;
  /** Brute-force window in minutes. Default 60. */
  bruteForceWindowMinutes: number;
  /**
   * Failed sign-ins against one user within one UTC day, whatever the spacing, to call it
   * brute force ("low and slow"). Default 10: Entra smart lockout locks an account after
   * 10 failed attempts by default.
   */
  bruteForceDailyMinFailures: number;
}

export const DEFAULT_THRESHOLDS: SigninThresholds = { sprayMinUsers: 10, bruteForceMinFailures: 20, bruteForceWindowMinutes: 60, bruteForceDailyMinFailures: 10 };

export interface AnalyzeSigninsOptions {
  thresholds?: Partial<SigninThresholds>;
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Rows to keep per list in the report (users, IPs, user agents...). Default 200. */
  maxRows?: number;
}

/** Input: chunks of the file (Buffers from a file stream, or strings). */
export type SigninInput = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** The file is not a sign-in log we can read. */
export class SigninFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigninFormatError';
  }
}
