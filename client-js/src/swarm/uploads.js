// Requests peers made of us, queued until the shell has room to send; mirror of the Java
// UploadScheduler. The next block for a peer is the queued one whose piece went to the fewest other
// peers (ties: oldest first); a block of a piece already sent elsewhere is held back while another
// peer waits for a fresh piece and for holdBackMs after it was requested. When another peer announces
// a piece, queued requests for it are redirected (rejected) once.
import { blockKey } from './tracker.js';

export class UploadScheduler {
  constructor() {
    /** @type {Map<string, Map<string, {block: any, at: number}>>} */ this._queues = new Map();
    /** @type {Map<number, Set<string>>} */ this._sentTo = new Map();
    /** @type {Map<string, Set<string>>} */ this._redirected = new Map();
  }

  enqueue(peer, block, max, now) {
    let q = this._queues.get(peer);
    if (!q) this._queues.set(peer, (q = new Map()));
    const key = blockKey(block);
    if (q.has(key)) return true;
    if (q.size >= max) return false;
    q.set(key, { block, at: now });
    return true;
  }

  cancel(peer, block) {
    this._queues.get(peer)?.delete(blockKey(block));
  }

  dropPeer(peer) {
    this._queues.delete(peer);
    this._redirected.delete(peer);
    for (const s of this._sentTo.values()) s.delete(peer);
  }

  redirect(peer, piece) {
    const q = this._queues.get(peer);
    if (!q || q.size === 0) return [];
    let done = this._redirected.get(peer);
    if (!done) this._redirected.set(peer, (done = new Set()));
    const out = [];
    for (const [key, { block }] of [...q]) {
      if (block.piece === piece && !done.has(key)) {
        done.add(key);
        q.delete(key);
        out.push(block);
      }
    }
    return out;
  }

  queued(peer) {
    return this._queues.get(peer)?.size ?? 0;
  }

  clear(peer) {
    this._queues.get(peer)?.clear();
  }

  next(peer, now, holdBackMs) {
    const q = this._queues.get(peer);
    if (!q || q.size === 0) return null;
    let best = null;
    let bestScore = Infinity;
    for (const [key, entry] of q) {
      const score = this._sentToOthers(entry.block.piece, peer);
      if (score < bestScore) {
        best = [key, entry];
        bestScore = score;
        if (score === 0) break;
      }
    }
    if (bestScore > 0 && (now - best[1].at < holdBackMs || this._someoneElseWaitsForAFreshPiece(peer))) return null;
    q.delete(best[0]);
    const piece = best[1].block.piece;
    if (!this._sentTo.has(piece)) this._sentTo.set(piece, new Set());
    this._sentTo.get(piece).add(peer);
    return best[1].block;
  }

  _someoneElseWaitsForAFreshPiece(peer) {
    for (const [other, q] of this._queues) {
      if (other === peer) continue;
      for (const { block } of q.values()) if (this._sentToOthers(block.piece, other) === 0) return true;
    }
    return false;
  }

  _sentToOthers(piece, peer) {
    const s = this._sentTo.get(piece);
    if (!s) return 0;
    return s.size - (s.has(peer) ? 1 : 0);
  }
}
