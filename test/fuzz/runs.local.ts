/**
 * How many runs a fuzz property makes: MAILSEC_FUZZ_RUNS (for `npm run fuzz`), else the
 * default given. A stand-in until the shared test/fuzz/runs.ts helper lands; the lead unifies.
 */
export function fuzzRuns(defaultRuns: number): number {
  const v = Number(process.env['MAILSEC_FUZZ_RUNS']);
  return Number.isInteger(v) && v > 0 ? v : defaultRuns;
}

/** The fixed seed of the fuzz tier (MAILSEC_FUZZ_SEED overrides it to explore). */
export function fuzzSeed(): number {
  const v = Number(process.env['MAILSEC_FUZZ_SEED']);
  return Number.isInteger(v) ? v : 20261204;
}
