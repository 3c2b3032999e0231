/** Shared settings of the Microsoft 365 fuzz suites: a fixed seed, runs from MAILSEC_FUZZ_RUNS. */
export const SEED = 0x6d31_3435;
/** Runs per property: a few thousand in CI, more with MAILSEC_FUZZ_RUNS (npm run fuzz). */
export function runs(ciDefault = 2000): number {
  const n = Number(process.env['MAILSEC_FUZZ_RUNS']);
  return Number.isInteger(n) && n > 0 ? n : ciDefault;
}
