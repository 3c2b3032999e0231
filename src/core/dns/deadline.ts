/**
 * One overall deadline for a check (issue 11: answers dripped just inside the per-query
 * timeout made one check take minutes). The clock starts at the first query; when it
 * runs out, the pending queries and every later one end with DnsError EDEADLINE, which
 * the checks turn into a "deadline reached" finding and a could-not-check verdict.
 */
import type { Resolver } from './resolver';
import { DnsError } from './types';

/** Default overall deadline of one live check, in seconds (setting mailsec.dns.checkDeadline, CLI --deadline). */
export const DEFAULT_CHECK_DEADLINE_S = 30;

export function deadlineError(seconds: number): DnsError {
  return new DnsError('EDEADLINE', `The check stopped at its deadline of ${seconds} s before every DNS answer arrived (raise it with --deadline or the mailsec.dns.checkDeadline setting).`);
}

/** `resolver` with a deadline of `seconds` from its first query. */
export function withDeadline(resolver: Resolver, seconds: number): Resolver {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    servers: resolver.servers,
    query(name, type, options = {}) {
      if (!timer) {
        timer = setTimeout(() => controller.abort(deadlineError(seconds)), seconds * 1000);
        timer.unref?.();
      }
      const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
      return resolver.query(name, type, { ...options, signal });
    },
  };
}
