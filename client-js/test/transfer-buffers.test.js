import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransferBuffers } from '../src/storage/transfer-buffers.js';

describe('TransferBuffers', () => {
  it('copies a piece into a buffer of the piece size, viewing exactly its bytes', () => {
    const pool = new TransferBuffers(8);
    const copy = pool.copyOf(Uint8Array.of(1, 2, 3));
    assert.deepEqual(copy, Uint8Array.of(1, 2, 3));
    assert.equal(copy.buffer.byteLength, 8);
    assert.equal(copy.byteOffset, 0);
  });

  it('reuses a buffer given back instead of allocating a new one', () => {
    const pool = new TransferBuffers(8);
    const first = pool.copyOf(Uint8Array.of(1, 2, 3, 4));
    pool.giveBack(first.buffer);
    const second = pool.copyOf(Uint8Array.of(9));
    assert.equal(second.buffer, first.buffer);
    assert.deepEqual(second, Uint8Array.of(9));
  });

  it('keeps at most `keep` buffers and ignores ones of another size or none', () => {
    const pool = new TransferBuffers(8, 1);
    const a = pool.copyOf(Uint8Array.of(1));
    const b = pool.copyOf(Uint8Array.of(2));
    pool.giveBack(a.buffer);
    pool.giveBack(b.buffer);
    pool.giveBack(new ArrayBuffer(4));
    pool.giveBack(undefined);
    assert.equal(pool.copyOf(Uint8Array.of(3)).buffer, a.buffer);
    assert.notEqual(pool.copyOf(Uint8Array.of(4)).buffer, b.buffer);
  });

  it('copies data larger than the piece size into a buffer of its own', () => {
    const pool = new TransferBuffers(2);
    assert.deepEqual(pool.copyOf(Uint8Array.of(1, 2, 3)), Uint8Array.of(1, 2, 3));
  });
});
