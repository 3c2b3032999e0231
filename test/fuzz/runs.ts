/**
 * fast-check parameters shared by the fuzz tier (test/fuzz/*.test.ts):
 *
 *   fc.assert(fc.property(arb, (x) => ...), fuzzRuns(2000));
 *
 * A fixed seed, so a CI run is repeatable and a failure reproduces; `defaultRuns` (a few
 * thousand per parser) in the test tier, $MAILSEC_FUZZ_RUNS runs (`npm run fuzz`: 100 000)
 * when set. $MAILSEC_FUZZ_SEED replaces the seed (to explore beyond the fixed one, or to replay
 * the seed a failure printed).
 */
export const FUZZ_SEED = 20261204;

export interface FuzzParameters {
  numRuns: number;
  seed: number;
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < (name === 'MAILSEC_FUZZ_SEED' ? -(2 ** 31) : 1)) throw new Error(`${name} must be an integer${name === 'MAILSEC_FUZZ_RUNS' ? ' of at least 1' : ''}, not '${value}'`);
  return n;
}

export function fuzzRuns(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): FuzzParameters {
  return {
    numRuns: positiveInteger('MAILSEC_FUZZ_RUNS', env.MAILSEC_FUZZ_RUNS) ?? defaultRuns,
    seed: positiveInteger('MAILSEC_FUZZ_SEED', env.MAILSEC_FUZZ_SEED) ?? FUZZ_SEED,
  };
}
