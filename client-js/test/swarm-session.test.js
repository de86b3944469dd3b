// Verification, blame, protocol violations, serving and the manifest exchange (mirrors of the Java
// VerificationAndBlameTest, ProtocolViolationTest, ServingTest and ManifestExchangeTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fixture, sent, ofType, BLOCK } from './swarm-fixture.test.js';
import { SwarmSession } from '../src/swarm/session.js';
import { blame, liars, sentBlock } from '../src/swarm/blame.js';
import { GOODBYE, handshake } from '../src/swarm/codec.js';
import { createManifest } from '../src/swarm/manifest.js';
import { sha256Sync } from '../src/swarm/sha256.js';
import { toHex } from '../src/swarm/bytes.js';

const r = (piece, offset, length = BLOCK) => ({ piece, offset, length });

// ---- blame (mirror of the Java PieceVerifierTest) ----
const blameCases = [
  ['a sole contributor is banned at once', ['a'], { ban: ['a'], refetchFromSinglePeer: false }],
  ['two contributors are not banned yet and the piece comes from one peer', ['a', 'b'], { ban: [], refetchFromSinglePeer: true }],
  ['three contributors are not banned yet and the piece comes from one peer', ['a', 'b', 'c'], { ban: [], refetchFromSinglePeer: true }],
];
for (const [name, contributors, expected] of blameCases) {
  test(`blame: ${name}`, () => assert.deepEqual(blame(contributors), expected));
}

const PIECE = new Uint8Array([1, 2, 3, 4, 5, 6]);
const WRONG_TAIL = new Uint8Array([1, 2, 3, 4, 5, 7]);
const liarCases = [
  ['a peer whose block matches the verified piece is no liar',
    [sentBlock('a', PIECE, 0, 3), sentBlock('b', PIECE, 3, 3)], []],
  ['a peer whose block differs from the verified piece is a liar',
    [sentBlock('a', PIECE, 0, 3), sentBlock('b', WRONG_TAIL, 3, 3)], ['b']],
  ['blocks remembered from two failed attempts expose only the liar',
    [sentBlock('a', PIECE, 0, 3), sentBlock('b', WRONG_TAIL, 3, 3), sentBlock('b', PIECE, 0, 3), sentBlock('a', PIECE, 3, 3)], ['b']],
];
for (const [name, sentBlocks, expected] of liarCases) {
  test(`liars: ${name}`, () => assert.deepEqual(liars(PIECE, sentBlocks), expected));
}

// ---- verification ----
test('a verified piece is stored and announced to every peer', () => {
  const f = new Fixture(2);
  const s = f.downloader(16);
  const toX = sent(f.connect(s, 'x', [0]), 'x', 'REQUEST');
  f.connect(s, 'y', [1], true);
  s.onMessage('x', f.answer(toX[0]));
  const done = s.onMessage('x', f.answer(toX[1]));
  assert.deepEqual(ofType(done, 'store')[0].data, f.pieceBytes(0));
  assert.deepEqual(sent(done, 'x', 'HAVE'), [{ piece: 0 }]);
  assert.deepEqual(sent(done, 'y', 'HAVE'), [{ piece: 0 }]);
  assert.ok(s.have.get(0));
});

test('a corrupt piece from one peer bans that peer for the rest of the download', () => {
  const f = new Fixture(2);
  const s = f.downloader(16);
  const toX = sent(f.connect(s, 'x', [0]), 'x', 'REQUEST');
  s.onMessage('x', f.answer(toX[0], true));
  const failed = s.onMessage('x', f.answer(toX[1]));
  assert.deepEqual(ofType(failed, 'store'), []);
  assert.equal(ofType(failed, 'banned')[0].peerId, 'x');
  assert.equal(sent(failed, 'x', 'GOODBYE')[0].code, GOODBYE.BAD_PIECE);
  assert.equal(ofType(failed, 'close').length, 1);
  assert.equal(s.have.get(0), false);
  assert.equal(sent(s.onPeerConnected('x'), 'x', 'GOODBYE')[0].code, GOODBYE.BANNED);
  assert.ok(s.isBanned('x'));
});

test('a corrupt piece from several peers bans nobody yet, is refetched from one peer, and the verified piece exposes the liar', () => {
  const f = new Fixture(3);
  const s = f.downloader(1);
  const x1 = sent(f.connect(s, 'x', f.all()), 'x', 'REQUEST')[0];
  const y1 = sent(f.connect(s, 'y', f.all()), 'y', 'REQUEST')[0];
  assert.deepEqual([x1, y1], [r(0, 0), r(0, BLOCK)]);
  assert.deepEqual(sent(s.onMessage('x', f.answer(x1)), 'x', 'REQUEST'), [r(1, 0)]);
  const failed = s.onMessage('y', f.answer(y1, true));
  assert.deepEqual(ofType(failed, 'banned'), [], 'a mixed failure bans nobody yet');
  assert.deepEqual(sent(failed, 'y', 'REQUEST'), [r(1, BLOCK)]);
  assert.deepEqual(sent(s.onMessage('x', f.answer(r(1, 0))), 'x', 'REQUEST'), [r(0, 0)]);
  const piece1 = s.onMessage('y', f.answer(r(1, BLOCK)));
  assert.deepEqual(ofType(piece1, 'store').map((c) => c.piece), [1]);
  assert.deepEqual(sent(piece1, 'y', 'REQUEST'), [r(2, 0)], 'y may not touch pinned piece 0');
  assert.deepEqual(sent(s.onMessage('x', f.answer(r(0, 0))), 'x', 'REQUEST'), [r(0, BLOCK)]);
  const piece0 = s.onMessage('x', f.answer(r(0, BLOCK)));
  assert.deepEqual(ofType(piece0, 'store').map((c) => c.piece), [0]);
  assert.deepEqual(ofType(piece0, 'banned').map((c) => c.peerId), ['y'], "the verified piece shows y's block was wrong");
  assert.equal(sent(piece0, 'y', 'GOODBYE')[0].code, GOODBYE.BAD_PIECE);
  assert.equal(s.isBanned('x'), false, 'x only ever sent correct blocks');
});

// ---- two pieces fail at about the same time (mirror of the Java ConcurrentBlameTest) ----
/** Adds the requests in commands to pending and drops cancelled ones. */
function queue(pending, commands) {
  for (const c of commands) {
    if (c.type !== 'send') continue;
    const m = c.message;
    if (m.type === 'REQUEST') pending.push({ peer: c.peerId, request: r(m.piece, m.offset, m.length) });
    else if (m.type === 'CANCEL') {
      const i = pending.findIndex((p) => p.peer === c.peerId && p.request.piece === m.piece && p.request.offset === m.offset);
      if (i >= 0) pending.splice(i, 1);
    }
  }
}
const concurrentCases = [
  ['the second peer lies', 'x', 'y'],
  ['the first peer lies', 'y', 'x'],
];
for (const [name, honest, liar] of concurrentCases) {
  test(`two simultaneous mixed failures do not ban the honest peer and the liar is banned after the single-source re-fetch: ${name}`, () => {
    const f = new Fixture(4);
    const s = f.downloader(1);
    const x1 = sent(f.connect(s, 'x', f.all()), 'x', 'REQUEST')[0];
    const y1 = sent(f.connect(s, 'y', f.all()), 'y', 'REQUEST')[0];
    assert.deepEqual([x1, y1], [r(0, 0), r(0, BLOCK)]);
    // x and y each send one block of piece 0, then one of piece 1: both pieces fail, mixed
    const first = [...s.onMessage('x', f.answer(x1, liar === 'x')), ...s.onMessage('y', f.answer(y1, liar === 'y'))];
    assert.deepEqual(sent(first, 'x', 'REQUEST'), [r(1, 0)]);
    assert.deepEqual(sent(first, 'y', 'REQUEST'), [r(1, BLOCK)]);
    const out = [...s.onMessage('x', f.answer(r(1, 0), liar === 'x')), ...s.onMessage('y', f.answer(r(1, BLOCK), liar === 'y'))];
    assert.deepEqual(ofType([...first, ...out], 'banned'), [], 'two mixed failures ban nobody yet');
    assert.ok(!s.have.get(0) && !s.have.get(1), 'both pieces failed');

    // from here on the scripted peers answer every request until nothing is left to fetch
    const pending = [];
    queue(pending, out);
    for (let step = 0; step < 1000 && pending.length > 0; step++) {
      const p = pending.shift();
      if (s.isBanned(p.peer)) continue;
      const next = s.onMessage(p.peer, f.answer(p.request, p.peer === liar));
      for (const b of ofType(next, 'banned')) assert.equal(b.peerId, liar, 'only the liar is ever banned');
      queue(pending, next);
    }
    assert.ok(s.isBanned(liar), 'the liar is banned');
    assert.equal(s.isBanned(honest), false, 'the honest peer is not banned');
    assert.ok(s.isComplete, 'the honest peer delivered every piece');
  });
}

// ---- protocol violations ----
const OTHER = 'ff'.repeat(32);
const violations = [
  ['a handshake for other content', GOODBYE.WRONG_CONTENT, false, (f, s) => s.onMessage('p', handshake(OTHER, true))],
  ['a handshake of version 2', GOODBYE.VERSION_NOT_SUPPORTED, false, (f, s) => s.onMessage('p', { ...handshake(f.contentId, true), version: 2 })],
  ['a message before the handshake', GOODBYE.PROTOCOL_VIOLATION, false, (f, s) => s.onMessage('p', { type: 'HAVE', piece: 0 })],
  ['bytes that do not decode', GOODBYE.PROTOCOL_VIOLATION, true, (f, s) => s.onData('p', new Uint8Array([0x7f]))],
  ['a second handshake', GOODBYE.PROTOCOL_VIOLATION, true, (f, s) => s.onMessage('p', handshake(f.contentId, true))],
  ['a second bitfield', GOODBYE.PROTOCOL_VIOLATION, true, (f, s) => s.onMessage('p', { type: 'BITFIELD', bits: new Uint8Array(1) })],
  ['a HAVE for a piece past the end', GOODBYE.PROTOCOL_VIOLATION, true, (f, s) => s.onMessage('p', { type: 'HAVE', piece: f.manifest.pieceCount })],
  ['a PIECE nobody requested', GOODBYE.PROTOCOL_VIOLATION, true, (f, s) => s.onMessage('p', { type: 'PIECE', piece: 1, offset: 0, data: new Uint8Array(16) })],
  ['a REQUEST past the end of a piece', GOODBYE.PROTOCOL_VIOLATION, true, (f, s) => s.onMessage('p', { type: 'REQUEST', piece: 0, offset: 32 * 1024 - 10, length: 20 })],
  ['an unrequested MANIFEST_DATA', GOODBYE.PROTOCOL_VIOLATION, true, (f, s) => s.onMessage('p', { type: 'MANIFEST_DATA', totalLength: 3, offset: 0, bytes: new Uint8Array(3) })],
];
for (const [name, code, handshakeFirst, misbehave] of violations) {
  test(`${name} gets GOODBYE ${code} and the peer is dropped`, () => {
    const f = new Fixture(2);
    const s = f.downloader(16);
    if (handshakeFirst) f.connect(s, 'p', [0], true);
    else s.onPeerConnected('p');
    const out = misbehave(f, s);
    assert.equal(sent(out, 'p', 'GOODBYE')[0].code, code);
    assert.deepEqual(ofType(out, 'close'), [{ type: 'close', peerId: 'p' }]);
    assert.equal(s.peer('p'), null);
  });
}

// ---- serving ----
function seeder(f) {
  return SwarmSession.seeding(f.manifest, Fixture.config(16), f.now);
}
function join(s, f, peer) {
  s.onPeerConnected(peer);
  s.onMessage(peer, handshake(f.contentId, false));
}

test('a request for a piece we lack is rejected', () => {
  const f = new Fixture(2);
  const s = f.downloader(16);
  f.connect(s, 'p', [0], true);
  assert.deepEqual(sent(s.onMessage('p', { type: 'REQUEST', ...r(1, 0) }), 'p', 'REJECT'), [r(1, 0)]);
  assert.equal(s.nextUpload('p'), null);
});

test('requests are served oldest first and a cancelled one is not', () => {
  const f = new Fixture(2);
  const s = seeder(f);
  join(s, f, 'p');
  for (const b of [r(1, 0), r(0, 0), r(0, BLOCK)]) s.onMessage('p', { type: 'REQUEST', ...b });
  s.onMessage('p', { type: 'CANCEL', ...r(0, 0) });
  assert.deepEqual(s.nextUpload('p'), r(1, 0));
  assert.deepEqual(s.nextUpload('p'), r(0, BLOCK));
  assert.equal(s.nextUpload('p'), null);
});

test('a piece sent to nobody goes before one another peer already got', () => {
  const f = new Fixture(2);
  const s = seeder(f);
  join(s, f, 'a');
  join(s, f, 'b');
  s.onMessage('a', { type: 'REQUEST', ...r(0, 0) });
  s.onMessage('b', { type: 'REQUEST', ...r(0, 0) });
  s.onMessage('b', { type: 'REQUEST', ...r(1, 0) });
  assert.deepEqual(s.nextUpload('a'), r(0, 0));
  assert.deepEqual(s.nextUpload('b'), r(1, 0));
  assert.equal(s.nextUpload('b'), null, 'the duplicate is held back for a while');
  f.time += 1000;
  assert.deepEqual(s.nextUpload('b'), r(0, 0));
});

test('when another peer announces a piece, queued requests for it are redirected once', () => {
  const f = new Fixture(2);
  const s = seeder(f);
  join(s, f, 'a');
  join(s, f, 'b');
  s.onMessage('b', { type: 'REQUEST', ...r(0, 0) });
  assert.deepEqual(sent(s.onMessage('a', { type: 'HAVE', piece: 0 }), 'b', 'REJECT'), [r(0, 0)]);
  s.onMessage('b', { type: 'REQUEST', ...r(0, 0) });
  assert.deepEqual(s.nextUpload('b'), r(0, 0));
});

// ---- manifest exchange ----
function pump(a, aId, b, bId) {
  const bLog = [];
  let fromA = a.onPeerConnected(bId);
  let fromB = b.onPeerConnected(aId);
  bLog.push(...fromB);
  while (fromA.length || fromB.length) {
    const nextA = [];
    const nextB = [];
    for (const c of fromA) if (c.type === 'send') nextB.push(...b.onMessage(aId, c.message));
    for (const c of fromB) if (c.type === 'send') nextA.push(...a.onMessage(bId, c.message));
    bLog.push(...nextB);
    fromA = nextA;
    fromB = nextB;
  }
  return bLog;
}

test('a manifest larger than one chunk is fetched in order and verified', () => {
  const pieces = 3000;
  const m = createManifest({ name: 'big', files: [{ path: 'big.bin', size: pieces * 16384 }], pieceSize: 16384, pieceHashes: new Uint8Array(pieces * 32) });
  const seed = SwarmSession.seeding(m);
  const d = SwarmSession.downloading(toHex(sha256Sync(m.bytes)));
  const log = pump(seed, 'seeder', d, 'downloader');
  assert.deepEqual(sent(log, 'seeder', 'MANIFEST_REQUEST'), [{ offset: 0 }, { offset: 65536 }]);
  assert.equal(ofType(log, 'manifest').length, 1);
  assert.deepEqual(d.manifest.bytes, m.bytes);
});

test('a manifest that does not match the content id drops its sender and another peer is asked', () => {
  const f = new Fixture(2);
  const other = new Fixture(3).manifest;
  const d = SwarmSession.downloading(f.contentId, {}, f.now);
  d.onPeerConnected('liar');
  d.onPeerConnected('honest');
  assert.deepEqual(sent(d.onMessage('liar', handshake(f.contentId, true)), 'liar', 'MANIFEST_REQUEST'), [{ offset: 0 }]);
  d.onMessage('honest', handshake(f.contentId, true));
  const out = d.onMessage('liar', { type: 'MANIFEST_DATA', totalLength: other.bytes.length, offset: 0, bytes: other.bytes });
  assert.equal(sent(out, 'liar', 'GOODBYE')[0].code, GOODBYE.WRONG_CONTENT);
  assert.deepEqual(sent(out, 'honest', 'MANIFEST_REQUEST'), [{ offset: 0 }]);
  const ok = d.onMessage('honest', { type: 'MANIFEST_DATA', totalLength: f.manifest.bytes.length, offset: 0, bytes: f.manifest.bytes });
  assert.equal(ofType(ok, 'manifest').length, 1);
});

test('a bitfield and HAVEs that arrive before the manifest count once it arrives', () => {
  const f = new Fixture(2);
  const d = SwarmSession.downloading(f.contentId, Fixture.config(16), f.now);
  d.onPeerConnected('s');
  d.onMessage('s', handshake(f.contentId, true));
  d.onMessage('s', { type: 'BITFIELD', bits: new Uint8Array([0x80]) });
  assert.deepEqual(ofType(d.onMessage('s', { type: 'HAVE', piece: 1 }), 'close'), []);
  const out = d.onMessage('s', { type: 'MANIFEST_DATA', totalLength: f.manifest.bytes.length, offset: 0, bytes: f.manifest.bytes });
  assert.deepEqual([...new Set(sent(out, 's', 'REQUEST').map((q) => q.piece))], [0, 1]);
});

test('a peer that does not answer for the manifest is replaced after the timeout', () => {
  const f = new Fixture(2);
  const d = SwarmSession.downloading(f.contentId, {}, f.now);
  d.onPeerConnected('slow');
  d.onPeerConnected('fast');
  assert.deepEqual(sent(d.onMessage('slow', handshake(f.contentId, true)), 'slow', 'MANIFEST_REQUEST'), [{ offset: 0 }]);
  assert.deepEqual(sent(d.onMessage('fast', handshake(f.contentId, true)), 'fast', 'MANIFEST_REQUEST'), []);
  f.time += 30000;
  assert.deepEqual(sent(d.onTick(), 'fast', 'MANIFEST_REQUEST'), [{ offset: 0 }]);
});
