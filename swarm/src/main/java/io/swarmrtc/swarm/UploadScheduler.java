package io.swarmrtc.swarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests peers made of us, queued until the shell has room to send. The next block served to a
 * peer is the queued one whose piece we have sent to the fewest other peers (ties: oldest request
 * first): a sharer with several downloaders thus spreads distinct pieces among them, so together
 * they hold everything as early as possible. When another peer announces a piece, queued requests
 * for it are rejected once ({@link #redirect}), so requesters fetch it there and our upload goes to
 * pieces nobody else has.
 */
final class UploadScheduler {
  private final Map<String, LinkedHashMap<BlockRef, Long>> queues = new HashMap<>();
  private final Map<Integer, Set<String>> sentTo = new HashMap<>();
  private final Map<String, Set<BlockRef>> redirected = new HashMap<>();

  /** Queues a request; false if the peer already has {@code max} queued (the caller rejects). */
  boolean enqueue(String peer, BlockRef block, int max, long now) {
    LinkedHashMap<BlockRef, Long> q = queues.computeIfAbsent(peer, p -> new LinkedHashMap<>());
    if (q.containsKey(block)) {
      return true;
    }
    if (q.size() >= max) {
      return false;
    }
    q.put(block, now);
    return true;
  }

  void cancel(String peer, BlockRef block) {
    LinkedHashMap<BlockRef, Long> q = queues.get(peer);
    if (q != null) {
      q.remove(block);
    }
  }

  void dropPeer(String peer) {
    queues.remove(peer);
    redirected.remove(peer);
    for (Set<String> s : sentTo.values()) {
      s.remove(peer); // what we sent to a peer that left is no longer in the swarm through it
    }
  }

  /**
   * Another peer announced {@code piece}: takes {@code peer}'s queued requests for it out of the queue
   * so the caller can REJECT them and the requester fetches the piece from the peer that has it.
   * Each block is redirected at most once per peer; if the peer asks again it is served.
   */
  List<BlockRef> redirect(String peer, int piece) {
    LinkedHashMap<BlockRef, Long> q = queues.get(peer);
    if (q == null || q.isEmpty()) {
      return List.of();
    }
    List<BlockRef> out = new ArrayList<>();
    Set<BlockRef> done = redirected.computeIfAbsent(peer, p -> new HashSet<>());
    for (Iterator<BlockRef> it = q.keySet().iterator(); it.hasNext(); ) {
      BlockRef b = it.next();
      if (b.piece() == piece && done.add(b)) {
        it.remove();
        out.add(b);
      }
    }
    return out;
  }

  int queued(String peer) {
    LinkedHashMap<BlockRef, Long> q = queues.get(peer);
    return q == null ? 0 : q.size();
  }

  /**
   * Removes and returns the next block to send to {@code peer}, or null. A block of a piece already
   * sent to someone else is held back while another peer waits for a piece sent to nobody, and for
   * {@code holdBackMs} after it was requested: meanwhile the peer that got it may announce it
   * (HAVE), and the request is redirected there instead of costing our upload twice.
   */
  BlockRef next(String peer, long now, long holdBackMs) {
    LinkedHashMap<BlockRef, Long> q = queues.get(peer);
    if (q == null || q.isEmpty()) {
      return null;
    }
    BlockRef best = null;
    int bestScore = Integer.MAX_VALUE;
    for (Map.Entry<BlockRef, Long> e : q.entrySet()) {
      int score = sentToOthers(e.getKey().piece(), peer);
      if (score < bestScore) {
        best = e.getKey();
        bestScore = score;
        if (score == 0) {
          break;
        }
      }
    }
    if (bestScore > 0 && (now - q.get(best) < holdBackMs || someoneElseWaitsForAFreshPiece(peer))) {
      return null; // our upload is better spent on a piece nobody has yet
    }
    q.remove(best);
    sentTo.computeIfAbsent(best.piece(), p -> new HashSet<>()).add(peer);
    return best;
  }

  private boolean someoneElseWaitsForAFreshPiece(String peer) {
    for (Map.Entry<String, LinkedHashMap<BlockRef, Long>> e : queues.entrySet()) {
      if (!e.getKey().equals(peer)) {
        for (BlockRef b : e.getValue().keySet()) {
          if (sentToOthers(b.piece(), e.getKey()) == 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private int sentToOthers(int piece, String peer) {
    Set<String> s = sentTo.get(piece);
    if (s == null) {
      return 0;
    }
    return s.size() - (s.contains(peer) ? 1 : 0);
  }

  /** Forgets a peer's queued requests (we choked it). */
  void clear(String peer) {
    LinkedHashMap<BlockRef, Long> q = queues.get(peer);
    if (q != null) {
      q.clear();
    }
  }
}
