// OpfsStore's createWritable path (Node has no Worker, so the store takes it, as browsers without
// sync access handles do). The worker path runs in real Chromium: dev/harness-run.py.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { OpfsStore } from '../src/storage/opfs.js';
import { installFakeOpfs } from './support/fake-opfs.js';

const content = Uint8Array.from({ length: 40_000 }, (_, i) => (i * 13 + 5) & 0xff);
const piece = (i) => content.subarray(i * 16_384, Math.min(content.length, (i + 1) * 16_384));

describe('OpfsStore (createWritable)', () => {
  let fs;
  beforeEach(() => { fs = installFakeOpfs(); });
  afterEach(() => fs.uninstall());

  it('sizes the file, writes pieces in any order at their offsets, and reads blocks back', async () => {
    const store = await OpfsStore.open({ name: 'c0ffee', totalSize: content.length, pieceSize: 16_384 });
    assert.equal(store.mode, 'writable');
    assert.equal(fs.files.get('/swarmrtc/c0ffee').length, content.length);
    for (const i of [2, 0, 1]) await store.writePiece(i, piece(i));
    assert.deepEqual(await store.readBlock(1, 1000, 64), content.subarray(16_384 + 1000, 16_384 + 1064));
    const file = await store.getBlob();
    assert.ok(file instanceof Blob);
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), content);
  });

  it('hashAndWrite writes an unverified piece and returns its SHA-256', async () => {
    const store = await OpfsStore.open({ name: 'c0ffee', totalSize: content.length, pieceSize: 16_384 });
    const digest = await store.hashAndWrite(1, piece(1));
    assert.deepEqual(digest, new Uint8Array(await crypto.subtle.digest('SHA-256', piece(1))));
    assert.deepEqual(await store.readBlock(1, 0, 16_384), piece(1));
  });

  it('is closed after getBlob(), and destroy() deletes the file', async () => {
    const store = await OpfsStore.open({ name: 'c0ffee', totalSize: 10, pieceSize: 16_384 });
    await store.getBlob();
    await assert.rejects(store.writePiece(0, new Uint8Array(10)), { code: 'STORAGE_FAILED' });
    await store.destroy();
    assert.equal(fs.files.has('/swarmrtc/c0ffee'), false);
  });

  it('refuses a piece of the wrong size before touching the file', async () => {
    const store = await OpfsStore.open({ name: 'c0ffee', totalSize: content.length, pieceSize: 16_384 });
    await assert.rejects(store.writePiece(2, piece(1)), { code: 'STORAGE_RANGE' });
  });

  it('reports a full disk as STORAGE_FAILED with details.quota', async () => {
    fs.uninstall();
    fs = installFakeOpfs({ quotaBytes: 1000 });
    await assert.rejects(OpfsStore.open({ name: 'big', totalSize: 5000, pieceSize: 16_384 }),
      (err) => err.code === 'STORAGE_FAILED' && err.details.quota === true);
  });

  it('refuses store names that could escape the folder', async () => {
    await assert.rejects(OpfsStore.open({ name: '../x', totalSize: 1, pieceSize: 16_384 }), RangeError);
  });
});
