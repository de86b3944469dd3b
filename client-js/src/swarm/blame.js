// Whom to blame when a piece fails verification (docs/swarm-protocol.md, Conversation step 6). Pure;
// mirrors Java PieceVerifier. A peer is banned only for a block proven wrong: it sent every block of
// a failed piece, or it sent a block of a failed mixed piece that differs from the piece once it
// verified. So a peer that only ever sent correct blocks is never banned, and every failed piece
// ends with a liar banned.
import { sha256Sync } from './sha256.js';

/**
 * A sole contributor is banned; with several nobody is banned yet and the piece is re-fetched whole
 * from a single peer (its blocks are remembered with sentBlock and checked with liars).
 * @param {string[]} contributors
 */
export function blame(contributors) {
  if (contributors.length === 1) return { ban: [...contributors], refetchFromSinglePeer: false };
  return { ban: [], refetchFromSinglePeer: true };
}

/** What peer sent as bytes [offset, offset + length) of a failed piece. @param {Uint8Array} data */
export function sentBlock(peer, data, offset, length) {
  return { peer, offset, length, digest: sha256Sync(data.subarray(offset, offset + length)) };
}

/**
 * The peers whose remembered blocks differ from verified, the piece's correct bytes (first-seen order).
 * @param {Uint8Array} verified @param {{peer: string, offset: number, length: number, digest: Uint8Array}[]} sent
 */
export function liars(verified, sent) {
  const out = new Set();
  for (const b of sent) {
    const correct = sha256Sync(verified.subarray(b.offset, b.offset + b.length));
    if (!correct.every((v, i) => v === b.digest[i])) out.add(b.peer);
  }
  return [...out];
}
