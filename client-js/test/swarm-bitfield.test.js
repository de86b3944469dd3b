import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bitfield } from '../src/swarm/bitfield.js';
import { fromHex, toHex } from '../src/swarm/bytes.js';

const layouts = [
  [0, [], ''], [1, [0], '80'], [8, [0, 7], '81'], [9, [8], '0080'],
  [20, [...Array(20).keys()], 'fffff0'],
];
for (const [size, set, hex] of layouts) {
  test(`${size} pieces with [${set}] set are ${hex || 'empty'} on the wire`, () => {
    const b = new Bitfield(size);
    for (const i of set) b.set(i);
    assert.equal(toHex(b.toWire()), hex);
    assert.deepEqual(Bitfield.fromWire(fromHex(hex), size).toWire(), b.toWire());
    assert.equal(b.cardinality, set.length);
  });
}

for (const [size, hex] of [[9, '00'], [9, '000000'], [9, '0040'], [1, '40'], [0, '00']]) {
  test(`${hex} for ${size} pieces is rejected`, () => {
    assert.throws(() => Bitfield.fromWire(fromHex(hex), size), RangeError);
  });
}

test('set and clear report whether they changed anything', () => {
  const b = new Bitfield(3);
  assert.equal(b.set(1), true);
  assert.equal(b.set(1), false);
  assert.equal(b.clear(1), true);
  assert.equal(b.clear(1), false);
  assert.equal(b.cardinality, 0);
});
