// Pure availability rules: which missing pieces nobody connected has, and when a download is
// reported stalled / resumed (time passed in, no clocks).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bitfield } from '../src/swarm/bitfield.js';
import { StallMonitor, pieceAvailability } from '../src/swarm/availability.js';

/** A bitfield of `size` pieces with `pieces` set. */
const bits = (size, pieces) => {
  const b = new Bitfield(size);
  for (const p of pieces) b.set(p);
  return b;
};
const peer = (size, pieces) => { const b = bits(size, pieces); return { hasPiece: (i) => b.get(i) }; };

describe('pieceAvailability', () => {
  const cases = [
    { name: 'a complete sharer leaves nothing unavailable', have: [0], peers: [[0, 1, 2, 3]], missing: 3, unavailable: 0 },
    { name: 'without peers every missing piece is unavailable', have: [0, 1], peers: [], missing: 2, unavailable: 2 },
    { name: 'a partial peer covers only what it has', have: [0], peers: [[1]], missing: 3, unavailable: 2 },
    { name: 'two partial peers together cover more', have: [], peers: [[0, 1], [2]], missing: 4, unavailable: 1 },
    { name: 'a complete download misses nothing', have: [0, 1, 2, 3], peers: [], missing: 0, unavailable: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = pieceAvailability(bits(4, c.have), c.peers.map((p) => peer(4, p)));
      assert.deepEqual(got, { missingPieces: c.missing, unavailablePieces: c.unavailable, pieceCount: 4 });
    });
  }
});

describe('StallMonitor', () => {
  const stuck = { missingPieces: 3, unavailablePieces: 3, pieceCount: 8 };
  const fetchable = { missingPieces: 3, unavailablePieces: 1, pieceCount: 8 };
  const done = { missingPieces: 0, unavailablePieces: 0, pieceCount: 8 };

  it('reports stalled once, only after every missing piece was unavailable for the whole grace period', () => {
    const m = new StallMonitor({ stallMs: 5000 });
    assert.equal(m.update(0, stuck), null);
    assert.equal(m.update(4999, stuck), null);
    assert.deepEqual(m.update(5000, stuck), { ...stuck, stalled: true });
    assert.equal(m.update(9000, stuck), null, 'not repeated');
  });

  it('restarts the grace period when a piece becomes available in between', () => {
    const m = new StallMonitor({ stallMs: 5000 });
    m.update(0, stuck);
    assert.equal(m.update(3000, fetchable), null, 'no stall was reported, so no resume either');
    assert.equal(m.update(6000, stuck), null);
    assert.deepEqual(m.update(11000, stuck)?.stalled, true);
  });

  it('reports resumed once when a peer with the missing pieces comes back, or the download completes', () => {
    for (const after of [fetchable, done]) {
      const m = new StallMonitor({ stallMs: 1000 });
      m.update(0, stuck);
      m.update(1000, stuck);
      assert.deepEqual(m.update(2000, after), { ...after, stalled: false });
      assert.equal(m.update(3000, after), null);
      assert.equal(m.stalled, false);
    }
  });
});
