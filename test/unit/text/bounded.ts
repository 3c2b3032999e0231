/**
 * Test helper for the "a value from input is quoted clipped" rule: a value of a megabyte
 * planted in one place of an input must not come back whole in any message.
 */
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';

/** About a megabyte of one character. */
export function huge(ch = 'q', length = 1_000_000): string {
  return ch.repeat(length);
}

export const MAX_MESSAGE = 2000;

/**
 * Collects the messages that break the rule (MAX_MESSAGE characters or more, or a run of
 * 200 of the planted character) and fails once with all of them, so one run lists every
 * place at fault.
 */
export class BoundedMessages {
  private readonly faults: string[] = [];

  check(messages: Iterable<string>, ch: string, where: string): void {
    const run = ch.repeat(200);
    for (const m of messages) {
      if (m.length >= MAX_MESSAGE || m.includes(run)) this.faults.push(`${where}: a message of ${m.length} characters: ${m.slice(0, 160)}…`);
    }
  }

  /** A thrown error's message (anything else thrown is a fault of its own). */
  checkError(e: unknown, ch: string, where: string): void {
    if (e instanceof Error) this.check([e.message], ch, where);
    else this.faults.push(`${where}: threw ${typeof e}`);
  }

  done(): void {
    assert.deepEqual(this.faults, [], `${this.faults.length} unbounded messages:\n${this.faults.join('\n')}`);
  }
}

/** The messages of findings and of their related places. */
export function findingMessages(findings: Iterable<Pick<Finding, 'message' | 'related'>>): string[] {
  const out: string[] = [];
  for (const f of findings) {
    out.push(f.message);
    for (const r of f.related ?? []) out.push(r.message);
  }
  return out;
}
