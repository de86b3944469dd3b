import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode, encodePieceInto, encodedLength } from '../src/swarm/codec.js';
import { SwarmFormatError } from '../src/swarm/errors.js';
import { fromHex, toHex } from '../src/swarm/bytes.js';
import { loadVector, vectorIndex, caseBytes } from './swarm-vectors.test.js';

/** The vector "fields" object as a message (binary fields from hex). */
function message(type, fields) {
  const m = { type, ...fields };
  for (const k of ['bytes', 'bits', 'data']) if (k in m) m[k] = fromHex(m[k]);
  return m;
}

/** A decoded message as vector "fields" (binary fields to hex). */
function fields(m) {
  const { type, ...rest } = m;
  for (const k of ['bytes', 'bits', 'data']) if (k in rest) rest[k] = toHex(rest[k]);
  return rest;
}

const index = vectorIndex();
for (const path of index.messages) {
  const file = loadVector(path);
  for (const c of file.cases) {
    test(`${file.type}: ${c.name} encodes to its hex and decodes to its fields`, () => {
      const m = message(file.type, c.fields);
      const wire = encode(m);
      assert.equal(toHex(wire), c.hex);
      assert.equal(encodedLength(m), wire.length);
      const decoded = decode(fromHex(c.hex));
      assert.equal(decoded.type, file.type);
      assert.deepEqual(fields(decoded), c.fields);
    });
  }
}

for (const c of loadVector(index.invalidMessages).cases) {
  test(`rejects ${c.name}, naming ${c.field}`, () => {
    assert.throws(() => decode(caseBytes(c)), (e) => e instanceof SwarmFormatError && e.field === c.field && e.code === 'SWARM_FORMAT');
  });
}

test('decoding reads a view into a larger buffer without copying block data', () => {
  const wire = encode({ type: 'PIECE', piece: 1, offset: 0, data: new Uint8Array([1, 2, 3]) });
  const big = new Uint8Array(wire.length + 8);
  big.set(wire, 4);
  const m = decode(big.subarray(4, 4 + wire.length));
  assert.deepEqual([...m.data], [1, 2, 3]);
  assert.equal(m.data.buffer, big.buffer, 'data is a view of the input');
});

test('encoding an out-of-range field throws the typed error', () => {
  assert.throws(() => encode({ type: 'REQUEST', piece: 0, offset: 0, length: 0 }), (e) => e.field === 'length');
  assert.throws(() => encode({ type: 'NOPE' }), (e) => e.field === 'type');
});

test('encodePieceInto frames a PIECE in a reused buffer with the same bytes as encode', () => {
  const target = new Uint8Array(9 + 65536).fill(0xee);
  for (const [piece, offset, n] of [[1, 0, 3], [70000, 65536, 65536], [0, 16384, 1]]) {
    const data = Uint8Array.from({ length: n }, (_, i) => (i * 7 + piece) & 0xff);
    assert.deepEqual(encodePieceInto(target, piece, offset, data), encode({ type: 'PIECE', piece, offset, data }));
  }
  assert.throws(() => encodePieceInto(target, 0, 0, new Uint8Array(0)), (e) => e.field === 'data');
  assert.throws(() => encodePieceInto(target, -1, 0, new Uint8Array(1)), (e) => e.field === 'piece');
  assert.throws(() => encodePieceInto(new Uint8Array(8), 0, 0, new Uint8Array(1)), RangeError);
});
