import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManifest } from '../src/swarm/manifest.js';
import { sha256Sync } from '../src/swarm/sha256.js';
import { Bitfield } from '../src/swarm/bitfield.js';
import { SwarmSession } from '../src/swarm/session.js';
import { toHex } from '../src/swarm/bytes.js';
import { Simulation, randomBytes, PIECE_SIZE, BLOCK } from './swarm-fixture.test.js';
import { loadVector, vectorIndex } from './swarm-vectors.test.js';

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

// Mirror of the Java ChurnSimulationTest: joins one after another, a peer leaving and coming back
// empty, a peer serving corrupt data, the sharer leaving half-way through its second upload.
test('honest downloaders finish despite churn, a corrupt peer and the sharer leaving', () => {
  const content = randomBytes(40 * PIECE_SIZE - 777, 7);
  const hashes = [];
  for (let p = 0; p < 40; p++) hashes.push(sha256Sync(content.subarray(p * PIECE_SIZE, Math.min((p + 1) * PIECE_SIZE, content.length))));
  const manifest = createManifest({
    name: 'churn', pieceSize: PIECE_SIZE, pieceHashes: hashes,
    files: [{ path: 'a.bin', size: 300000 }, { path: 'b.bin', size: content.length - 300000 }],
  });
  const contentId = toHex(sha256Sync(manifest.bytes));
  const corrupt = content.slice();
  for (let p = 0; p < manifest.pieceCount; p += 2) corrupt[manifest.pieceOffset(p)] ^= 0x55;

  const sim = new Simulation();
  const joinAll = (id) => { for (const other of [...sim.nodes.keys()]) if (other !== id) sim.connect(id, other); };
  sim.add('sharer', SwarmSession.seeding(manifest, CONFIG, sim.now), content, 2);
  sim.add('evil', SwarmSession.seeding(manifest, CONFIG, sim.now), corrupt, 2);
  sim.connect('evil', 'sharer');
  const honest = [];
  for (let i = 0; i < 6; i++) {
    honest.push(`d${i}`);
    sim.add(`d${i}`, SwarmSession.downloading(contentId, CONFIG, sim.now), null, 1);
    joinAll(`d${i}`);
    for (let t = 0; t < 5; t++) sim.tick();
  }
  for (let t = 0; t < 40; t++) sim.tick();
  sim.leave('d1');
  for (let t = 0; t < 20; t++) sim.tick();
  sim.add('d1', SwarmSession.downloading(contentId, CONFIG, sim.now), null, 1);
  joinAll('d1');
  const sharer = sim.nodes.get('sharer');
  sharer.uploadLimitBytes = content.length + Math.floor(content.length / 2);
  while (sharer.uploadedBytes < sharer.uploadLimitBytes && sim.ticks < 5000) sim.tick();
  sim.drain();
  sim.leave('sharer');

  const deadline = sim.ticks + 20000;
  while (sim.ticks < deadline && !honest.every((id) => sim.nodes.get(id).completed)) sim.tick();
  for (const id of honest) {
    const n = sim.nodes.get(id);
    assert.ok(n.completed, `${id} completed`);
    assert.deepEqual(n.storage, content, `${id} stored exactly the content`);
  }
  assert.ok(honest.some((id) => sim.nodes.get(id).session.isBanned('evil')), 'the corrupting peer is banned');
});

// Java and JavaScript make the same decisions: each recorded scenario (shared with the Java
// CrossImplementationTraceTest) must produce the identical message trace.
for (const s of loadVector(vectorIndex().simulationTraces).scenarios) {
  test(`${s.name}: the message trace equals the one recorded from Java`, () => {
    const content = randomBytes(s.pieces * s.pieceSize - s.contentShortBy, s.contentSeed);
    const hashes = [];
    for (let p = 0; p < s.pieces; p++) hashes.push(sha256Sync(content.subarray(p * s.pieceSize, Math.min((p + 1) * s.pieceSize, content.length))));
    const manifest = createManifest({ name: 'sim', files: [{ path: 'data.bin', size: content.length }], pieceSize: s.pieceSize, pieceHashes: hashes });
    const contentId = toHex(sha256Sync(manifest.bytes));
    assert.equal(contentId, s.contentId);
    const config = { blockSize: s.blockSize };
    const sim = new Simulation();
    const sharer = sim.add('sharer', SwarmSession.seeding(manifest, config, sim.now), content, s.sharerBlocksPerTick);
    const ids = [];
    for (let i = 0; i < s.downloaders; i++) {
      ids.push(`d${i}`);
      sim.add(`d${i}`, SwarmSession.downloading(contentId, config, sim.now), null, s.downloaderBlocksPerTick);
      sim.connect(`d${i}`, 'sharer');
      for (let j = 0; j < i; j++) sim.connect(`d${i}`, `d${j}`);
    }
    if (s.sharerLeavesAfterUploadingContentOnce) {
      sharer.uploadLimitBytes = content.length;
      while (sharer.uploadedBytes < content.length && sim.ticks < 10000) sim.tick();
      sim.drain();
      sim.leave('sharer');
    }
    while (sim.ticks < 10000 && !ids.every((id) => sim.nodes.get(id).completed)) sim.tick();
    assert.ok(ids.every((id) => sim.nodes.get(id).completed));
    assert.equal(sim.ticks, s.ticks);
    assert.equal(sim.traceHex(), s.trace);
  });
}
