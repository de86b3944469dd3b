// Pieces for SwarmSession (session.js): requests we serve (queued for nextUpload) and requests we
// make (rarest first, endgame), PIECE assembly, SHA-256 verification, banning by blame, and
// completion. Functions of the session's internal state.
import { GOODBYE } from './codec.js';
import { pickBlocks, pickOrder } from './picker.js';
import { sha256Sync } from './sha256.js';
import { blame, liars } from './blame.js';

export function onRequest(s, peer, b) {
  if (!s._manifest) return s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'REQUEST before we have the manifest');
  if (b.piece >= s._manifest.pieceCount || b.offset + b.length > s._manifest.pieceLength(b.piece)) {
    return s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `REQUEST outside the manifest: ${b.piece}:${b.offset}:${b.length}`);
  }
  if (!s._have.get(b.piece) || s._weChoke.has(peer.id)
      || !s._uploads.enqueue(peer.id, b, s.config.maxUploadQueuePerPeer, s._now())) {
    s._send(peer.id, { type: 'REJECT', ...b });
  }
  return undefined;
}

export function onPiece(s, peer, p) {
  const b = { piece: p.piece, offset: p.offset, length: p.data.length };
  const key = `${b.piece}:${b.offset}:${b.length}`;
  if (!s._tracker || !(s._tracker.settle(peer, b) || peer.abandoned.delete(key))) {
    return s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `PIECE nobody requested: ${key}`);
  }
  const a = s._tracker.assembly(b.piece);
  if (s._have.get(b.piece) || !a) return undefined; // a late duplicate
  const index = a.indexOf(b);
  if (index < 0 || (a.singleSource && a.sourcePeer !== peer.id)) return undefined;
  if (!a.receive(index, peer.id, p.data)) return undefined;
  for (const other of a.requesters(index)) { // endgame duplicates
    const o = s._peers.get(other);
    if (o) {
      s._tracker.abandon(o, b);
      s._send(other, { type: 'CANCEL', ...b });
    }
  }
  if (a.isComplete()) {
    if (s.config.externalVerification) s._out.push({ type: 'verify', piece: a.piece, data: a.data });
    else verifyPiece(s, a, sha256Sync(a.data));
  }
  return undefined;
}

export function verifyPiece(s, a, digest) {
  if (s._manifest.pieceHashEquals(a.piece, digest)) {
    for (const liar of liars(a.data, a.suspectBlocks)) s._ban(liar, `sent a wrong block of piece ${a.piece}`);
    s._tracker.finish(a.piece);
    s._have.set(a.piece);
    s._out.push({ type: 'store', piece: a.piece, data: a.data });
    for (const p of s._peers.values()) if (p.sentBitfield) s._send(p.id, { type: 'HAVE', piece: a.piece });
    if (s._have.isComplete()) complete(s);
    return;
  }
  const contributors = a.contributors();
  s._out.push({ type: 'piece-failed', piece: a.piece, peerIds: contributors });
  const verdict = blame(contributors);
  if (verdict.refetchFromSinglePeer) a.rememberSentBlocks();
  a.discardData();
  a.singleSource = verdict.refetchFromSinglePeer;
  a.sourcePeer = null;
  for (const p of verdict.ban) s._ban(p, `piece ${a.piece} failed verification`);
}

export function complete(s) {
  if (!s._completed) {
    s._completed = true;
    s._out.push({ type: 'completed' });
  }
}

export function refill(s) {
  if (!s._manifest || s._have.isComplete()) return;
  const now = s._now();
  let order = null;
  const layouts = (piece) => s._manifest.blocks(piece, s.config.blockSize);
  for (const peer of s._peers.values()) {
    const slots = s.config.maxOutstandingPerPeer - peer.outstanding.size;
    if (slots <= 0 || !peer.handshaken || !peer.has || peer.chokedUs) continue;
    if (!order) order = pickOrder(s._have, s._availability, s._tracker);
    let picks = pickBlocks(peer, slots, order, s._tracker, layouts, false, now);
    if (picks.length < slots && s._tracker.everyMissingBlockRequested(s._have)) {
      applyPicks(s, peer, picks, now);
      picks = pickBlocks(peer, slots - picks.length, order, s._tracker, layouts, true, now);
    }
    applyPicks(s, peer, picks, now);
  }
}

export function applyPicks(s, peer, picks, now) {
  for (const b of picks) {
    s._tracker.request(peer, b, now);
    s._send(peer.id, { type: 'REQUEST', piece: b.piece, offset: b.offset, length: b.length });
  }
}
