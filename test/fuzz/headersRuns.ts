/**
 * fast-check parameters for the header fuzz tests: a fixed seed (a failure reproduces),
 * `defaultRuns` runs per property in the test tier, $MAILSEC_FUZZ_RUNS when set (`npm run
 * fuzz` raises it), $MAILSEC_FUZZ_SEED to explore another seed. Same contract as the fuzz
 * tier's shared test/fuzz/runs.ts (`fuzzRuns`); this file goes once that one is merged.
 */
export const FUZZ_SEED = 20261204;

function integerFrom(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}, not '${value}'`);
  return n;
}

export function fuzzRuns(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): { numRuns: number; seed: number } {
  return {
    numRuns: integerFrom('MAILSEC_FUZZ_RUNS', env['MAILSEC_FUZZ_RUNS'], 1) ?? defaultRuns,
    seed: integerFrom('MAILSEC_FUZZ_SEED', env['MAILSEC_FUZZ_SEED'], -(2 ** 31)) ?? FUZZ_SEED,
  };
}
