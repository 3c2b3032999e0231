/**
 * The DNS suites' view of the real-server harness (named.ts): everything it exports,
 * plus node:test hooks that start one named before a suite and stop it after.
 */
import { after, before } from 'node:test';
import { namedMissingReason, startNamed, type NamedInstance } from './named';

export * from './named';

/**
 * Registers before/after hooks in the current suite: named starts before the first test
 * and is stopped after the last one even when tests fail. Returns a getter.
 */
export function useNamed(): () => NamedInstance {
  let instance: NamedInstance | undefined;
  before(async () => {
    instance = await startNamed();
  });
  after(async () => {
    await instance?.stop();
  });
  return () => {
    if (!instance) throw new Error('named is not running (before hook failed)');
    return instance;
  };
}

/** Prints the skip reason once, so a skipped DNS suite is visible in the output. */
export function skipReason(): string | undefined {
  const reason = namedMissingReason();
  if (reason) console.log(`# DNS suite skipped: ${reason}`);
  return reason;
}

