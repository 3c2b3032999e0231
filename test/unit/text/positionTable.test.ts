import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { TablePositions, positionTable } from '../../../src/core/text/positionTable';

test('a table answers exactly what the LineIndex answers for the offsets it kept, and refuses others', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', 'é', ' ') }), fc.array(fc.integer({ min: -3, max: 60 })), (text, offsets) => {
      const li = new LineIndex(text);
      const table = new TablePositions(positionTable(li, offsets));
      for (const o of offsets) assert.deepEqual(table.positionAt(o), li.positionAt(o));
      const absent = 1000;
      assert.throws(() => table.positionAt(absent), /no position was kept/);
    }),
  );
});
