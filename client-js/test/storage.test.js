import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BlobStore } from '../src/storage/blob.js';
import { MemoryStore } from '../src/storage/memory.js';
import { safeFileName } from '../src/storage/save.js';
import { PieceGeometry } from '../src/storage/store.js';

const bytes = (n, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('piece geometry', () => {
  const g = new PieceGeometry(100_000, 32_768);
  it('cuts the content into pieces with a shorter last piece', () => {
    assert.equal(g.pieceCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((i) => g.pieceLength(i)), [32_768, 32_768, 32_768, 1_696]);
    assert.equal(new PieceGeometry(0, 16_384).pieceCount, 0);
  });
  const outOfRange = [
    ['a negative piece', () => g.pieceLength(-1)],
    ['a piece past the end', () => g.pieceLength(4)],
    ['a block past the last piece end', () => g.blockRange(3, 1_000, 697)],
    ['an empty block', () => g.blockRange(0, 0, 0)],
    ['a piece of the wrong length', () => g.checkPiece(3, bytes(1_695))],
  ];
  for (const [name, fn] of outOfRange) it(`refuses ${name} with STORAGE_RANGE`, () => assert.throws(fn, { code: 'STORAGE_RANGE' }));
});

describe('MemoryStore', () => {
  it('reads back blocks of written pieces and the whole content as a Blob', async () => {
    const content = bytes(40_000);
    const store = new MemoryStore({ totalSize: content.length, pieceSize: 16_384 });
    for (let i = 0; i < store.pieceCount; i++) await store.writePiece(i, content.subarray(i * 16_384, Math.min(content.length, (i + 1) * 16_384)));
    assert.deepEqual(await store.readBlock(2, 100, 50), content.subarray(2 * 16_384 + 100, 2 * 16_384 + 150));
    assert.deepEqual(new Uint8Array(await (await store.getBlob()).arrayBuffer()), content);
  });

  it('copies written data so the caller may reuse its buffer', async () => {
    const store = new MemoryStore({ totalSize: 10, pieceSize: 16_384 });
    const buf = bytes(10);
    await store.writePiece(0, buf);
    buf.fill(0);
    assert.deepEqual(await store.readBlock(0, 0, 10), bytes(10));
  });

  it('refuses reads of pieces never written and use after close', async () => {
    const store = new MemoryStore({ totalSize: 10, pieceSize: 16_384 });
    await assert.rejects(store.readBlock(0, 0, 1), { code: 'STORAGE_RANGE' });
    await store.close();
    await assert.rejects(store.writePiece(0, bytes(10)), { code: 'STORAGE_FAILED' });
  });
});

describe('BlobStore', () => {
  it('serves blocks that span the files of a share', async () => {
    const a = bytes(20_000, 1);
    const b = bytes(30_000, 2);
    const store = new BlobStore([new Blob([a]), new Blob([b])], 16_384);
    assert.equal(store.totalSize, 50_000);
    const block = await store.readBlock(1, 3_000, 1_000); // absolute 19,384..20,384 crosses a -> b
    assert.deepEqual(block, Uint8Array.from([...a.subarray(19_384), ...b.subarray(0, 384)]));
    await assert.rejects(store.writePiece(0, bytes(16_384)), { code: 'STORAGE_FAILED' });
  });

  it('reads a run of whole pieces at once, the short last piece included', async () => {
    const a = bytes(20_000, 1);
    const b = bytes(30_000, 2);
    const store = new BlobStore([new Blob([a]), new Blob([b])], 16_384);
    const all = Uint8Array.from([...a, ...b]);
    assert.deepEqual(await store.readPieces(1, 2), all.subarray(16_384, 49_152));
    assert.deepEqual(await store.readPieces(2, 2), all.subarray(32_768));
    await assert.rejects(store.readPieces(3, 2), { code: 'STORAGE_RANGE' });
  });
});

describe('save names', () => {
  const cases = [['photos/2024/a.jpg', 'a.jpg'], ['../../etc/passwd', 'passwd'], ['a:b?.txt', 'a_b_.txt'], ['.hidden', '_hidden'], ['', 'download']];
  for (const [path, expected] of cases) it(`saves ${JSON.stringify(path)} as ${JSON.stringify(expected)}`, () => assert.equal(safeFileName(path), expected));
});
