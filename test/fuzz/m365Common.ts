/** Shared settings of the Microsoft 365 fuzz suites: the fuzz tier's fixed seed and runs (runs.ts). */
import { fuzzRuns } from './runs';

export const SEED = fuzzRuns(1).seed;
/** Runs per property: a few thousand in CI, more with MAILSEC_FUZZ_RUNS (npm run fuzz). */
export function runs(ciDefault = 2000): number {
  return fuzzRuns(ciDefault).numRuns;
}
