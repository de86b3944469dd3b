// Which blocks to ask a peer for (docs/swarm-protocol.md, Conversation step 4); mirror of the Java
// PiecePicker. Pure: reads state, returns the desired requests; the session applies them.
// - Order: pieces already started first, then rarest first, ties by the lowest index.
// - Only pieces we lack and the peer has; never a block the peer rejected or let time out recently;
//   a piece being re-fetched from a single peer only from that peer.
// - Normal mode asks for blocks nobody was asked for; endgame also for blocks others were asked for.

/**
 * Missing pieces in pick order.
 * @param {import('./bitfield.js').Bitfield} have
 * @param {import('./tracker.js').PieceAvailability} availability
 * @param {import('./tracker.js').BlockTracker} tracker
 * @returns {number[]}
 */
export function pickOrder(have, availability, tracker) {
  const missing = [];
  for (let p = 0; p < have.size; p++) if (!have.get(p)) missing.push(p);
  const started = new Uint8Array(have.size);
  for (const a of tracker.active()) started[a.piece] = a.isStarted() ? 1 : 0;
  missing.sort((x, y) => (started[y] - started[x]) || (availability.count(x) - availability.count(y)) || (x - y));
  return missing;
}

/**
 * Up to slots blocks to request from peer, in request order.
 * @param {import('./tracker.js').PeerState} peer
 * @param {number} slots
 * @param {number[]} order
 * @param {import('./tracker.js').BlockTracker} tracker
 * @param {(piece: number) => ReturnType<typeof import('./manifest.js').blockLayout>} layouts
 * @param {boolean} endgame
 * @param {number} now
 * @returns {import('./tracker.js').BlockRef[]}
 */
export function pickBlocks(peer, slots, order, tracker, layouts, endgame, now) {
  const out = [];
  for (let i = 0; i < order.length && out.length < slots; i++) {
    const piece = order[i];
    if (!peer.hasPiece(piece)) continue;
    const a = tracker.assembly(piece);
    if (a && a.singleSource) {
      const mine = a.sourcePeer === peer.id;
      const free = a.sourcePeer === null && !a.isStarted();
      if (!mine && !free) continue;
    }
    const layout = a ? a.layout : layouts(piece);
    for (let b = 0; b < layout.count && out.length < slots; b++) {
      const ref = { piece, offset: layout.offset(b), length: layout.length(b) };
      if (a) {
        if (a.isReceived(b) || a.isRequestedFrom(b, peer.id)) continue;
        if (a.isRequested(b) && !endgame) continue;
      }
      if (!peer.avoids(ref, now)) out.push(ref);
    }
  }
  return out;
}
