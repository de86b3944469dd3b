// The pure parts of the browser swarm engine: the piece source's cache and write ordering, the
// names of shared files, and the session's external (WebCrypto) verification mode.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PieceSource } from '../src/swarm-engine/piece-source.js';
import { manifestSummary, shareEntries, shareName } from '../src/swarm-engine/share-entries.js';
import { SwarmSession } from '../src/swarm/session.js';
import { Bitfield } from '../src/swarm/bitfield.js';
import { sha256Sync } from '../src/swarm/sha256.js';
import { Fixture, PIECE_SIZE, BLOCK, sent } from './swarm-fixture.test.js';

/** A store that counts reads and can hold them back. */
function countingStore(pieceLength) {
  const store = {
    reads: [],
    async readBlock(piece, offset, length) {
      store.reads.push(piece);
      return new Uint8Array(length).fill(piece);
    },
  };
  return store;
}

describe('PieceSource', () => {
  const pieceLength = () => 4;

  it('reads a whole piece once and serves its blocks from memory', async () => {
    const store = countingStore();
    const source = new PieceSource({ pieceLength, store });
    assert.deepEqual([...await source.block(3, 0, 2)], [3, 3]);
    assert.deepEqual([...await source.block(3, 2, 2)], [3, 3]);
    assert.deepEqual(store.reads, [3]);
  });

  it('keeps at most maxBytes of pieces, evicting the least recently used', async () => {
    const store = countingStore();
    const source = new PieceSource({ pieceLength, store, maxBytes: 8 });
    await source.block(1, 0, 1);
    await source.block(2, 0, 1);
    await source.block(1, 0, 1); // 1 is now the most recent
    await source.block(3, 0, 1);
    assert.deepEqual(source.cachedPieces().sort(), [1, 3]);
    await source.block(2, 0, 1);
    assert.deepEqual(store.reads, [1, 2, 3, 2]);
  });

  it('serves a piece it was given without reading, and never reads a piece before its write lands', async () => {
    const store = countingStore();
    const source = new PieceSource({ pieceLength, store, maxBytes: 4 });
    let land;
    const written = new Promise((resolve) => { land = resolve; });
    source.put(5, new Uint8Array([9, 9, 9, 9]), written);
    assert.deepEqual([...await source.block(5, 1, 2)], [9, 9]);
    await source.block(6, 0, 1); // evicts 5
    const late = source.block(5, 0, 1);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(store.reads, [6], 'no read of piece 5 while its write is pending');
    land();
    await late;
    assert.deepEqual(store.reads, [6, 5]);
  });

  it('reads ahead in one readPieces call on a miss, up to an already cached piece, and serves the run from memory', async () => {
    const store = countingStore();
    store.runs = [];
    store.readPieces = async (first, count) => {
      store.runs.push([first, count]);
      return Uint8Array.from({ length: 4 * count }, (_, i) => first + Math.floor(i / 4));
    };
    const source = new PieceSource({ pieceLength, store, maxBytes: 64, readAhead: (p) => Math.min(4, 10 - p) });
    await source.block(6, 0, 1);
    assert.deepEqual(store.runs, [[6, 4]], 'pieces 6..9 in one read; the last piece ends the run');
    assert.deepEqual([...await source.block(8, 0, 4)], [8, 8, 8, 8]);
    await source.block(4, 0, 1);
    assert.deepEqual(store.runs, [[6, 4], [4, 2]], 'the run from 4 stops at the cached piece 6');
    assert.deepEqual(store.reads, [], 'no single-piece reads');
  });

  it('reads ahead at most half of its memory at once', async () => {
    const store = countingStore();
    store.runs = [];
    store.readPieces = async (first, count) => { store.runs.push([first, count]); return new Uint8Array(4 * count); };
    const source = new PieceSource({ pieceLength, store, maxBytes: 16, readAhead: () => 100 });
    await source.block(0, 0, 1);
    assert.deepEqual(store.runs, [[0, 2]]);
  });

  it('retries a read on the new store when the store was swapped while the read was under way', async () => {
    const final = { async readBlock(p, o, n) { return new Uint8Array(n).fill(7); } };
    /** @type {PieceSource} */ let source;
    const closing = { async readBlock() { source.setStore(final); throw new Error('the store is closed'); } };
    source = new PieceSource({ pieceLength, store: closing });
    assert.deepEqual([...await source.block(1, 0, 4)], [7, 7, 7, 7]);
  });

  it('waits for a store that is still opening, and forgets a failed read so it is retried', async () => {
    let fail = true;
    const store = { async readBlock(p, o, n) { if (fail) throw new Error('busy'); return new Uint8Array(n); } };
    let open;
    const source = new PieceSource({ pieceLength });
    source.setStore(new Promise((resolve) => { open = resolve; }));
    const first = source.block(0, 0, 4);
    open(store);
    await assert.rejects(first, /busy/);
    fail = false;
    assert.equal((await source.block(0, 0, 4)).length, 4);
  });
});

describe('shared file names', () => {
  const file = (name, relative = '') => Object.assign(new Blob(['x']), { name, webkitRelativePath: relative });

  it('uses folder-relative paths when a folder was picked, and file names otherwise', () => {
    assert.deepEqual(shareEntries([file('a.txt', 'trip/a.txt'), file('b.txt', 'trip/img/b.txt')]).map((e) => e.path), ['trip/a.txt', 'trip/img/b.txt']);
    assert.deepEqual(shareEntries([file('a.txt')]).map((e) => e.path), ['a.txt']);
  });

  it('numbers repeated names before their extension', () => {
    assert.deepEqual(shareEntries([file('a.txt'), file('a.txt'), file('a.txt'), file('README'), file('README')]).map((e) => e.path),
      ['a.txt', 'a (2).txt', 'a (3).txt', 'README', 'README (2)']);
  });

  it('names a share after its single file, its common folder, or its file count', () => {
    assert.equal(shareName([{ path: 'x/y/photo.jpg' }]), 'photo.jpg');
    assert.equal(shareName([{ path: 'trip/a' }, { path: 'trip/b/c' }]), 'trip');
    assert.equal(shareName([{ path: 'a' }, { path: 'b' }]), '2 files');
    assert.equal(new TextEncoder().encode(shareName([{ path: 'é'.repeat(200) }])).length, 254, 'cut to 255 bytes on a character boundary');
  });

  it('summarises a manifest for the pages', async () => {
    const f = new Fixture(3);
    assert.deepEqual(manifestSummary(f.manifest, f.contentId), {
      contentId: f.contentId, name: 'fixture', files: [{ path: 'f.bin', size: f.content.length }],
      totalSize: f.content.length, pieceSize: PIECE_SIZE, pieceCount: 3,
    });
  });
});

describe('session with external verification', () => {
  const downloader = (f) => SwarmSession.resuming(f.manifest, new Bitfield(f.manifest.pieceCount),
    { blockSize: BLOCK, maxOutstandingPerPeer: 4, externalVerification: true }, f.now);

  it('asks the shell to hash a finished piece and stores it once the digest matches', async () => {
    const f = new Fixture(2);
    const s = downloader(f);
    const out = f.connect(s, 'p', f.all());
    const requests = sent(out, 'p', 'REQUEST').filter((r) => r.piece === 0);
    let verify = [];
    for (const r of requests) verify = verify.concat(s.onMessage('p', f.answer(r)).filter((c) => c.type === 'verify'));
    assert.equal(verify.length, 1);
    assert.equal(s.have.get(0), false, 'not kept before the digest');
    const after = s.onPieceHashed(0, verify[0].data, sha256Sync(verify[0].data));
    assert.ok(after.some((c) => c.type === 'store' && c.piece === 0));
    assert.equal(s.have.get(0), true);
  });

  it('reports a digest that does not match as piece-failed and bans the sole contributor', async () => {
    const f = new Fixture(2);
    const s = downloader(f);
    const out = f.connect(s, 'liar', f.all());
    let verify = [];
    for (const r of sent(out, 'liar', 'REQUEST').filter((q) => q.piece === 0)) {
      verify = verify.concat(s.onMessage('liar', f.answer(r, true)).filter((c) => c.type === 'verify'));
    }
    const after = s.onPieceHashed(0, verify[0].data, sha256Sync(verify[0].data));
    assert.deepEqual(after.filter((c) => c.type === 'piece-failed').map((c) => c.peerIds), [['liar']]);
    assert.ok(after.some((c) => c.type === 'banned' && c.peerId === 'liar'));
    assert.equal(s.have.get(0), false);
  });

  it('ignores a digest for data it has discarded since (its peer left)', async () => {
    const f = new Fixture(2);
    const s = downloader(f);
    const out = f.connect(s, 'p', f.all());
    let verify = [];
    for (const r of sent(out, 'p', 'REQUEST').filter((q) => q.piece === 0)) verify = verify.concat(s.onMessage('p', f.answer(r)).filter((c) => c.type === 'verify'));
    s.onPeerDisconnected('p');
    const stale = new Uint8Array(verify[0].data.length);
    assert.deepEqual(s.onPieceHashed(0, stale, sha256Sync(stale)), []);
    assert.equal(s.have.get(0), false);
  });
});
