import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMailDate } from '../../../src/core/headers/dates';

const iso = (s: string) => parseMailDate(s)?.iso ?? null;

describe('parseMailDate', () => {
  it('reads RFC 5322 dates with numeric zones', () => {
    assert.equal(iso('Tue, 5 Mar 2024 10:14:58 +0100'), '2024-03-05T09:14:58.000Z');
    assert.equal(iso('5 Mar 2024 10:14:58 -0800'), '2024-03-05T18:14:58.000Z');
    assert.equal(parseMailDate('Tue, 5 Mar 2024 10:14:58 +0530')!.offsetMinutes, 330);
  });

  it('reads the forms real mail carries: comments, no seconds, fractions, doubled spaces', () => {
    assert.equal(iso('Tue, 05 Mar 2024 01:15:01 -0800 (PST)'), '2024-03-05T09:15:01.000Z');
    assert.equal(iso('Wed,  6 Mar 2024 12:22:16 +0100 (CET)'), '2024-03-06T11:22:16.000Z');
    assert.equal(iso('5 Mar 2024 09:15'), '2024-03-05T09:15:00.000Z');
    assert.equal(iso('05 Mar 2024 09:15:02.9180 (UTC)'), '2024-03-05T09:15:02.918Z');
  });

  it('reads obsolete named and military zones and two-digit years', () => {
    assert.equal(iso('Mon, 4 Mar 24 10:00:00 EST'), '2024-03-04T15:00:00.000Z');
    assert.equal(iso('4 Mar 99 10:00:00 GMT'), '1999-03-04T10:00:00.000Z');
    assert.equal(parseMailDate('4 Mar 2024 10:00:00 Q')!.offsetMinutes, null);
    assert.equal(parseMailDate('4 Mar 2024 10:00:00 -0000')!.offsetMinutes, null);
  });

  it('refuses what is not a date rather than guessing', () => {
    assert.equal(parseMailDate('31 Feb 2024 10:00:00 +0000'), null);
    assert.equal(parseMailDate('2024-03-05T10:00:00Z'), null);
    assert.equal(parseMailDate('yesterday'), null);
    assert.equal(parseMailDate('5 Mar 2024 25:00:00 +0000'), null);
    assert.equal(parseMailDate('5 Mar 2024 10:00:00 +0199'), null);
    assert.equal(parseMailDate('5 Foo 2024 10:00:00 +0000'), null);
  });
});
