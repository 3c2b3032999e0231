import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSpanWithin, restoredSource } from '../../../src/shared/headerPanelMessages';

describe('header panel messages: what the extension accepts from the webview', () => {
  it('a reveal span must be whole numbers inside the analysed text', () => {
    assert.equal(isSpanWithin({ start: 0, end: 10 }, 10), true);
    assert.equal(isSpanWithin({ start: 4, end: 4 }, 10), true);
    for (const bad of [{ start: 0, end: 11 }, { start: -1, end: 2 }, { start: 5, end: 4 }, { start: 1.5, end: 2 }, { start: '1', end: 2 }, null, 'x', {}]) {
      assert.equal(isSpanWithin(bad, 10), false, JSON.stringify(bad));
    }
  });

  it('restores the source of a saved state, dropping anything malformed', () => {
    const source = { label: 'lines 4–9 of ticket.txt', uri: 'file:///w/ticket.txt', base: 120, text: 'From: a@example.com\n', selection: { startLine: 4, endLine: 9 } };
    assert.deepEqual(restoredSource({ analysisId: 3, view: {}, source, filter: 'dkim' }), source);
    assert.deepEqual(restoredSource({ source: { ...source, selection: { startLine: 9, endLine: 4 } } }), { ...source, selection: null });
    assert.deepEqual(restoredSource({ source: { ...source, uri: null, extra: '<script>' } }), { ...source, uri: null });
    for (const bad of [null, 42, {}, { source: null }, { source: { ...source, text: 7 } }, { source: { ...source, base: -1 } }, { source: { ...source, uri: 5 } }]) {
      assert.equal(restoredSource(bad), null, JSON.stringify(bad));
    }
  });
});
