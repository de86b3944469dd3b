import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManifest } from '../src/swarm/manifest.js';
import { sha256Sync } from '../src/swarm/sha256.js';
import { Bitfield } from '../src/swarm/bitfield.js';
import { SwarmSession } from '../src/swarm/session.js';
import { toHex } from '../src/swarm/bytes.js';
import { Simulation, randomBytes, PIECE_SIZE, BLOCK } from './swarm-fixture.test.js';

// The proof that the policy lets a swarm outlive its sharer (mirror of the Java
// SharerLeavesSimulationTest): a fast sharer (4 blocks per tick; downloaders upload 1) uploads
// exactly as many bytes as the content has and leaves while every downloader is still incomplete.
// Rarest-first picking and fresh-pieces-first serving mean the downloaders together hold every
// piece at that moment, and all finish from each other.
const CONFIG = { blockSize: BLOCK };

for (const [downloaders, pieces] of [[2, 32], [3, 48], [4, 33]]) {
  test(`${downloaders} downloaders, ${pieces} pieces: the sharer leaves after uploading the content once, all finish`, () => {
    const content = randomBytes(pieces * PIECE_SIZE - 1000, 42);
    const hashes = [];
    for (let p = 0; p < pieces; p++) hashes.push(sha256Sync(content.subarray(p * PIECE_SIZE, Math.min((p + 1) * PIECE_SIZE, content.length))));
    const manifest = createManifest({ name: 'sim', files: [{ path: 'data.bin', size: content.length }], pieceSize: PIECE_SIZE, pieceHashes: hashes });
    const contentId = toHex(sha256Sync(manifest.bytes));

    const sim = new Simulation();
    const sharer = sim.add('sharer', SwarmSession.seeding(manifest, CONFIG, sim.now), content, 4);
    const ids = [];
    for (let i = 0; i < downloaders; i++) {
      ids.push(`d${i}`);
      sim.add(`d${i}`, SwarmSession.downloading(contentId, CONFIG, sim.now), null, 1);
      sim.connect(`d${i}`, 'sharer');
      for (let j = 0; j < i; j++) sim.connect(`d${i}`, `d${j}`);
    }

    sharer.uploadLimitBytes = content.length;
    while (sharer.uploadedBytes < content.length && sim.ticks < 10000) sim.tick();
    const twice = [...sharer.uploadedBlocks.values()].filter((c) => c > 1).length;
    assert.equal(sharer.uploadedBytes, content.length, `the sharer uploaded as many bytes as the content has (${twice} blocks twice)`);
    sim.drain();
    sim.leave('sharer');

    const union = new Bitfield(manifest.pieceCount);
    for (const id of ids) {
      const have = sim.nodes.get(id).session.have;
      for (let p = 0; p < have.size; p++) if (have.get(p)) union.set(p);
      assert.ok(have.cardinality < manifest.pieceCount, `${id} is still incomplete when the sharer leaves: ${have.cardinality}/${manifest.pieceCount}`);
    }
    assert.ok(union.isComplete(), 'together the downloaders hold every piece');

    const deadline = sim.ticks + 10000;
    while (sim.ticks < deadline && !ids.every((id) => sim.nodes.get(id).completed)) sim.tick();
    for (const id of ids) {
      const n = sim.nodes.get(id);
      assert.ok(n.completed, `${id} completed`);
      assert.deepEqual(n.storage, content, `${id} stored exactly the content`);
    }
  });
}
