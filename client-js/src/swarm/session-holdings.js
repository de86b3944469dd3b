// What each side holds, for SwarmSession (session.js): our BITFIELD once we know the manifest, the
// peer's BITFIELD and HAVEs (kept until the manifest arrives), piece availability, and redirecting
// queued uploads to a peer that just announced the piece. Functions of the session's internal state.
import { GOODBYE } from './codec.js';
import { Bitfield } from './bitfield.js';

/** HAVEs kept per peer while the manifest is unknown (a 64 MiB manifest has at most ~2M pieces). */
const MAX_PENDING_HAVES = 1 << 21;

export function sendBitfield(s, peer) {
  if (!peer.sentBitfield) {
    peer.sentBitfield = true;
    s._send(peer.id, { type: 'BITFIELD', bits: s._have.toWire() });
  }
}

export function onBitfield(s, peer, b) {
  if (peer.receivedBitfield) {
    s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'second BITFIELD');
  } else if (!s._manifest) {
    peer.receivedBitfield = true;
    peer.pendingBitfield = b.bits.slice(); // the input buffer is transient
  } else {
    acceptBitfield(s, peer, b.bits);
  }
}

export function acceptBitfield(s, peer, bits) {
  peer.receivedBitfield = true;
  let parsed;
  try {
    parsed = Bitfield.fromWire(bits, s._manifest.pieceCount);
  } catch (e) {
    return s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `BITFIELD: ${e.message}`);
  }
  if (peer.has) {
    for (let i = 0; i < peer.has.size; i++) if (peer.has.get(i)) parsed.set(i);
    s._availability.remove(peer.has);
  }
  peer.has = parsed;
  s._availability.add(parsed);
  return undefined;
}

export function onHave(s, peer, piece) {
  if (!s._manifest) {
    if (peer.pendingHaves.length >= MAX_PENDING_HAVES) return s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'too many HAVEs before we could know the manifest');
    peer.pendingHaves.push(piece); // checked once the manifest arrives
    return undefined;
  }
  if (piece >= s._manifest.pieceCount) return s._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `HAVE for piece ${piece} of ${s._manifest.pieceCount}`);
  if (!peer.has) peer.has = new Bitfield(s._manifest.pieceCount);
  if (peer.has.set(piece)) s._availability.increment(piece);
  for (const other of s._peers.values()) {
    if (other !== peer) for (const b of s._uploads.redirect(other.id, piece)) s._send(other.id, { type: 'REJECT', ...b });
  }
  return undefined;
}
