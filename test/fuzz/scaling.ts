/**
 * Linear-time checks: run a function on adversarial inputs of growing size and compare the
 * times, not their absolute values (a loaded 2-core CI machine is slow, but it is slow at
 * every size alike). Each growth by 10× may cost at most `maxRatio`× the time: linear work
 * gives about 10, n·log n a little more, quadratic work 100.
 */
import assert from 'node:assert/strict';

/**
 * 10 KB, 100 KB and 1 MB; 1 KB first, so quadratic work fails at 10 KB in a fraction of a
 * second instead of running for minutes at 1 MB.
 */
export const SIZES = [1_000, 10_000, 100_000, 1_000_000];

/** Milliseconds per call of `run(input)`: repeated until 25 ms have passed, best of three trials (a GC pause or a busy neighbour spoils one, rarely three); a call over 300 ms is timed once. */
function timeOf(run: (input: string) => unknown, input: string): number {
  let best = Infinity;
  for (let trial = 0; trial < 3; trial++) {
    let calls = 0;
    const t0 = performance.now();
    let elapsed = 0;
    do {
      run(input);
      calls++;
      elapsed = performance.now() - t0;
    } while (elapsed < 25 && calls < 1000);
    best = Math.min(best, elapsed / calls);
    // A slow size is measured once (a step that looks too steep is measured again anyway).
    if (elapsed > 300) break;
  }
  return best;
}

export interface Scaling {
  sizes: number[];
  ms: number[];
}

/**
 * Times `run` on `build(n)` for each size (the input is built outside the timing) and fails
 * when one step grows more than `maxRatio` times (default 50 for a 10× step: linear work
 * measures 10–40 here, garbage collection of large results included; quadratic work 100 or
 * more). A floor of 2 ms keeps timer noise on tiny inputs from counting as growth, and a
 * step that looks too steep is measured up to twice more (a neighbour's load spike or a
 * major GC spoils one measurement, rarely three).
 */
export function assertLinear(name: string, build: (size: number) => string, run: (input: string) => unknown, options: { sizes?: number[]; maxRatio?: number } = {}): Scaling {
  const sizes = options.sizes ?? SIZES;
  const maxRatio = options.maxRatio ?? 50;
  const inputs = sizes.map(build);
  const ms = inputs.map(() => NaN);
  const measure = (k: number) => (ms[k] = timeOf(run, inputs[k]!));
  measure(0);
  for (let k = 1; k < sizes.length; k++) {
    const growth = sizes[k]! / sizes[k - 1]!;
    const limit = maxRatio * (growth / 10);
    const ratio = () => ms[k]! / Math.max(ms[k - 1]!, 2);
    measure(k);
    for (let retry = 0; retry < 2 && ratio() > limit && ms[k]! < 5_000; retry++) {
      measure(k - 1);
      measure(k);
    }
    assert.ok(
      ratio() <= limit,
      `${name}: ${sizes[k - 1]} → ${sizes[k]} characters took ${ms[k - 1]!.toFixed(1)} → ${ms[k]!.toFixed(1)} ms (×${ratio().toFixed(1)} for ×${growth} the input): not linear`,
    );
  }
  return { sizes, ms };
}

/** `unit` repeated to `size` characters (cut to length). */
export function repeatTo(unit: string, size: number, prefix = '', suffix = ''): string {
  const body = unit.repeat(Math.max(1, Math.ceil((size - prefix.length - suffix.length) / unit.length)));
  return prefix + body.slice(0, Math.max(unit.length, size - prefix.length - suffix.length)) + suffix;
}
