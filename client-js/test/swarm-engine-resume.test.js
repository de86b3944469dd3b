// Resuming a download after a page reload (src/swarm-engine/resume.js) and what a closed download
// leaves behind, over the in-process network with a memory "shelf" standing in for OPFS.
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { seed, fetch } from '../src/swarm-engine/index.js';
import { MemoryStore } from '../src/storage/memory.js';
import { FakeMesh, connect, pseudoRandom } from './support/fake-swarm-net.js';

const PIECE = 16 * 1024;
const open = [];
afterEach(() => { for (const t of open.splice(0)) t.close(); });

function next(transfer, event, ms = 10_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    transfer.on(event, (v) => { clearTimeout(timer); resolve(v); });
    transfer.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/** What a previous page left: manifests and stores by content id, and who holds which lock. */
function memoryShelf() {
  const shelf = {
    manifests: new Map(), stores: new Map(), done: new Set(), held: new Set(), removed: [], swept: [],
    async loadManifest(name) { return shelf.manifests.get(name) ?? null; },
    async saveManifest(name, bytes) { shelf.manifests.set(name, bytes.slice()); },
    async markDone(name) { shelf.done.add(name); },
    async removeDownload(name) { shelf.removed.push(name); shelf.manifests.delete(name); shelf.done.delete(name); },
    holdDownload(name) { shelf.held.add(name); return () => shelf.held.delete(name); },
    async sweepDownloads({ keep }) { shelf.swept.push(keep); return []; },
    /** openStore keeping one store per content, as OPFS keeps the file across reloads */
    async openStore(g) {
      let s = shelf.stores.get(g.name);
      if (!s) shelf.stores.set(g.name, (s = new MemoryStore(g)));
      return s;
    },
  };
  return shelf;
}

async function sharing(content) {
  const mesh = new FakeMesh('sharer');
  const t = seed({ files: [new File([content], 'data.bin')], mesh, pieceSize: PIECE });
  open.push(t);
  const manifest = await next(t, 'manifest');
  return { mesh, t, manifest };
}

function downloading(peerId, contentId, shelf) {
  const mesh = new FakeMesh(peerId);
  const t = fetch({ contentId, mesh, openStore: (g) => shelf.openStore(g), shelf });
  open.push(t);
  const log = { progress: [], down: 0 };
  t.on('progress', (p) => log.progress.push(p));
  t.on('bytes', (b) => { if (b.direction === 'down') log.down += b.bytes; });
  return { mesh, t, log };
}

describe('resuming a download', () => {
  it('starts from the stored pieces that verify, fetches only the rest, and ends with exactly the content', async () => {
    const content = pseudoRandom(40 * PIECE + 123, 7);
    const sharer = await sharing(content);
    const id = sharer.manifest.contentId;
    const shelf = memoryShelf();
    // A first page got the manifest, stored pieces 0..19 (piece 5 cut short by the reload) and was reloaded.
    const first = downloading('first', id, shelf);
    const gotManifest = next(first.t, 'manifest');
    connect(sharer.mesh, first.mesh);
    await gotManifest;
    first.mesh.close?.();
    first.t.removeAllListeners();
    await new Promise((r) => setTimeout(r, 0));
    assert.ok(shelf.manifests.has(id), 'the manifest was kept next to the data');
    const store = new MemoryStore({ totalSize: content.length, pieceSize: PIECE });
    for (let p = 0; p < 20; p++) await store.writePiece(p, content.slice(p * PIECE, (p + 1) * PIECE));
    await store.writePiece(5, new Uint8Array(PIECE).fill(0xaa));
    shelf.stores.set(id, store);

    const again = downloading('again', id, shelf);
    const done = next(again.t, 'done');
    connect(sharer.mesh, again.mesh);
    const { blob } = await done;
    assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), content);
    assert.equal(again.log.progress[0].verifiedPieces, 19, 'pieces 0..19 but the broken 5 counted at once');
    assert.equal(again.log.down, content.length - 19 * PIECE, 'only the missing pieces came over the network');
    assert.ok(shelf.done.has(id), 'marked done on the shelf');
  });

  it('ignores a kept manifest that does not match the content id and fetches it again', async () => {
    const content = pseudoRandom(8 * PIECE, 8);
    const sharer = await sharing(content);
    const shelf = memoryShelf();
    shelf.manifests.set(sharer.manifest.contentId, new Uint8Array(100).fill(1));
    const d = downloading('d', sharer.manifest.contentId, shelf);
    const done = next(d.t, 'done');
    connect(sharer.mesh, d.mesh);
    await done;
    assert.equal(d.log.down, content.length);
  });

  it('a download closed (cancelled or finished) removes its files and lets go of its lock', async () => {
    const content = pseudoRandom(8 * PIECE, 9);
    const sharer = await sharing(content);
    const id = sharer.manifest.contentId;
    const shelf = memoryShelf();
    const d = downloading('d', id, shelf);
    const done = next(d.t, 'done');
    connect(sharer.mesh, d.mesh);
    await done;
    assert.ok(shelf.held.has(id), 'held while the session lives');
    assert.deepEqual(shelf.swept, [id], 'other downloads were swept at the start, not this one');
    d.t.close();
    for (let i = 0; i < 20 && shelf.held.has(id); i++) await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(shelf.removed, [id]);
    assert.equal(shelf.held.has(id), false);
    await assert.rejects(shelf.stores.get(id).readBlock(0, 0, 1), { code: 'STORAGE_FAILED' }, 'the store was destroyed');
  });
});
