package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.BlockLayout;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.swarm.SwarmMessage.Request;
import java.util.Collection;
import java.util.List;

/**
 * Keeps every peer's request pipeline full (docs/swarm-protocol.md, Conversation step 4): after
 * each event, computes the desired requests for every peer with free slots ({@link PiecePicker})
 * and sends the new ones. Per call it costs O(pieces in progress + pieces visited), not a sort.
 */
final class RequestPlanner {
  private final Manifest manifest;
  private final SwarmConfig config;
  private final Bitfield have;
  private final BlockTracker tracker;
  private final PiecePicker.Order order;
  private final Outbox out;

  RequestPlanner(Manifest manifest, SwarmConfig config, Bitfield have, PieceAvailability availability,
      BlockTracker tracker, Outbox out) {
    this.manifest = manifest;
    this.config = config;
    this.have = have;
    this.tracker = tracker;
    this.order = new PiecePicker.Order(availability);
    this.out = out;
  }

  /** Fills the free request slots of every peer that can serve us. */
  void refill(Collection<PeerState> peers, long now) {
    if (have.isComplete()) {
      return;
    }
    boolean ordered = false;
    for (PeerState peer : peers) {
      int slots = config.maxOutstandingPerPeer() - peer.outstanding.size();
      if (slots <= 0 || !peer.handshaken || peer.has == null || peer.chokedUs) {
        continue;
      }
      if (!ordered) {
        order.begin(tracker);
        ordered = true;
      }
      List<BlockRef> picks = PiecePicker.pick(peer, slots, order, tracker, this::layout, false, now);
      if (picks.size() < slots && tracker.everyMissingBlockRequested(have.size() - have.cardinality())) {
        apply(peer, picks, now);
        picks = PiecePicker.pick(peer, slots - picks.size(), order, tracker, this::layout, true, now);
      }
      apply(peer, picks, now);
    }
  }

  private BlockLayout layout(int piece) {
    return manifest.blocks(piece, config.blockSize());
  }

  private void apply(PeerState peer, List<BlockRef> picks, long now) {
    for (BlockRef b : picks) {
      tracker.request(peer, b, now);
      out.send(peer.id(), new Request(b.piece(), b.offset(), b.length()));
    }
  }
}
