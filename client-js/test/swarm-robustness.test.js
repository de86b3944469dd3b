// Hostile peers cannot make a session throw (the JS twin of the Java SwarmSessionFuzzTest): seeded
// random sequences of connects, disconnects, random bytes, plausible messages and ticks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fixture, BLOCK, randomBytes } from './swarm-fixture.test.js';
import { SwarmSession } from '../src/swarm/session.js';
import { Bitfield } from '../src/swarm/bitfield.js';
import { encode, handshake } from '../src/swarm/codec.js';

function rng(seed) {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

function plausible(next) {
  const piece = next(5);
  const offset = next(4) * BLOCK;
  switch (next(8)) {
    case 0: return { type: 'HAVE', piece };
    case 1: return { type: 'REQUEST', piece, offset, length: 1 + next(BLOCK) };
    case 2: return { type: 'PIECE', piece, offset, data: new Uint8Array(1 + next(BLOCK)) };
    case 3: return { type: 'BITFIELD', bits: randomBytes(next(3), next(1000)) };
    case 4: return { type: 'REJECT', piece, offset, length: BLOCK };
    case 5: return { type: 'MANIFEST_REQUEST', offset: next(100000) };
    case 6: { const bytes = randomBytes(next(300), 1); return { type: 'MANIFEST_DATA', totalLength: bytes.length + next(300), offset: 0, bytes }; }
    default: return { type: next(2) ? 'CHOKE' : 'UNCHOKE' };
  }
}

test('no sequence of hostile events makes a session throw', () => {
  const f = new Fixture(3);
  for (let seed = 1; seed <= 300; seed++) {
    const next = rng(seed);
    const sessions = [
      () => SwarmSession.seeding(f.manifest, Fixture.config(4), f.now),
      () => SwarmSession.resuming(f.manifest, new Bitfield(f.manifest.pieceCount), Fixture.config(4), f.now),
      () => SwarmSession.downloading(f.contentId, Fixture.config(4), f.now),
    ];
    const s = sessions[next(3)]();
    for (let step = 0; step < 100; step++) {
      const peer = ['a', 'b', 'c'][next(3)];
      assert.doesNotThrow(() => {
        switch (next(8)) {
          case 0: s.onPeerConnected(peer); break;
          case 1: s.onPeerDisconnected(peer); break;
          case 2: s.onData(peer, randomBytes(next(200), seed * 1000 + step)); break;
          case 3: s.onMessage(peer, handshake(f.contentId, next(2) === 1)); break;
          case 4: s.onData(peer, encode(plausible(next))); break;
          case 5: f.time += next(60) * 1000; s.onTick(); break;
          case 6: s.nextUpload(peer); break;
          default: if (next(2)) s.choke(peer); else s.unchoke(peer);
        }
      }, `seed ${seed} step ${step}`);
    }
  }
});
