// Which blocks a session asks for, observed through the REQUESTs it sends (mirror of the Java
// PiecePickingTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fixture, sent, ofType, BLOCK } from './swarm-fixture.test.js';

const rarity = [
  ['equal availability goes by lowest index', [], [0, 1, 2, 3]],
  ['the piece fewest peers have comes first', [[0, 2], [0, 2, 3]], [1, 3, 0, 2]],
  ['ties among the rarest go to the lowest index', [[0, 1]], [2, 3, 0, 1]],
  ['the commonest piece comes last', [[1], [1], [1, 3]], [0, 2, 3, 1]],
];
for (const [name, others, expected] of rarity) {
  test(`rarest first: ${name}`, () => {
    const f = new Fixture(4);
    const s = f.downloader(16);
    others.forEach((pieces, i) => f.connect(s, `other${i}`, pieces, true));
    const requests = sent(f.connect(s, 'seed', f.all()), 'seed', 'REQUEST');
    assert.deepEqual([...new Set(requests.map((r) => r.piece))], expected);
    assert.equal(requests.length, 8);
  });
}

test('a started piece is finished before a rarer one is begun', () => {
  const f = new Fixture(4);
  const s = f.downloader(1);
  assert.deepEqual(sent(f.connect(s, 'x', f.all()), 'x', 'REQUEST'), [{ piece: 0, offset: 0, length: BLOCK }]);
  f.connect(s, 'common0', [0], true);
  assert.deepEqual(sent(f.connect(s, 'y', f.all()), 'y', 'REQUEST'), [{ piece: 0, offset: BLOCK, length: BLOCK }]);
});

test('only pieces the peer has are requested', () => {
  const f = new Fixture(4);
  const s = f.downloader(16);
  assert.deepEqual(sent(f.connect(s, 'x', [2]), 'x', 'REQUEST'), [{ piece: 2, offset: 0, length: BLOCK }, { piece: 2, offset: BLOCK, length: BLOCK }]);
});

test('a choking peer is asked nothing until it unchokes', () => {
  const f = new Fixture(2);
  const s = f.downloader(16);
  assert.deepEqual(sent(f.connect(s, 'x', f.all(), true), 'x', 'REQUEST'), []);
  assert.equal(sent(s.onMessage('x', { type: 'UNCHOKE' }), 'x', 'REQUEST').length, 4);
  s.onMessage('x', { type: 'CHOKE' });
  assert.equal(s.peer('x').outstandingRequests, 0);
});

test('in endgame the last blocks are also asked of other peers and cancelled on arrival', () => {
  const f = new Fixture(1);
  const s = f.downloader(16);
  const toX = sent(f.connect(s, 'x', [0]), 'x', 'REQUEST');
  assert.equal(toX.length, 2);
  const toY = sent(f.connect(s, 'y', [0]), 'y', 'REQUEST');
  assert.deepEqual(toY, toX);
  assert.deepEqual(sent(s.onMessage('x', f.answer(toX[0])), 'y', 'CANCEL'), [toX[0]]);
  const done = s.onMessage('y', f.answer(toY[1]));
  assert.deepEqual(sent(done, 'x', 'CANCEL'), [toX[1]]);
  assert.equal(ofType(done, 'completed').length, 1);
  assert.deepEqual(ofType(done, 'store').map((c) => c.piece), [0]);
  assert.deepEqual(ofType(done, 'store')[0].data, f.pieceBytes(0));
});

test('a peer leaving mid-piece has its blocks requested from another peer', () => {
  const f = new Fixture(4);
  const s = f.downloader(2);
  assert.deepEqual(sent(f.connect(s, 'x', f.all()), 'x', 'REQUEST'), [{ piece: 0, offset: 0, length: BLOCK }, { piece: 0, offset: BLOCK, length: BLOCK }]);
  const toY = sent(f.connect(s, 'y', f.all()), 'y', 'REQUEST');
  assert.deepEqual(toY.map((r) => r.piece), [1, 1]);
  s.onMessage('x', f.answer({ piece: 0, offset: 0, length: BLOCK }));
  assert.deepEqual(sent(s.onPeerDisconnected('x'), 'y', 'REQUEST'), []);
  const next = sent(s.onMessage('y', f.answer(toY[0])), 'y', 'REQUEST');
  assert.deepEqual(next, [{ piece: 0, offset: BLOCK, length: BLOCK }]);
  const stored = ofType(s.onMessage('y', f.answer(next[0])), 'store');
  assert.deepEqual(stored.map((c) => c.piece), [0]);
  assert.deepEqual(stored[0].data, f.pieceBytes(0));
});

test('a timed-out request is cancelled and asked of another peer', () => {
  const f = new Fixture(2);
  const s = f.downloader(2);
  const toX = sent(f.connect(s, 'x', f.all()), 'x', 'REQUEST');
  const toY = sent(f.connect(s, 'y', f.all()), 'y', 'REQUEST');
  f.time += 30000;
  const tick = s.onTick();
  assert.equal(sent(tick, 'x', 'CANCEL').length, 2);
  assert.equal(sent(tick, 'y', 'CANCEL').length, 2);
  assert.deepEqual([...new Set(sent(tick, 'y', 'REQUEST').map((r) => r.piece))], [toX[0].piece]);
  assert.ok(sent(tick, 'x', 'REQUEST').every((r) => r.piece === toY[0].piece));
});
