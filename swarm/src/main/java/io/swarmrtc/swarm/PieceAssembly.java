package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.BlockLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A piece being downloaded: which blocks are requested from whom (and when), which arrived and from
 * whom. Holds the piece's blocks until verification: the buffers they arrived in when the caller
 * handed those over (no copy), else copies.
 */
final class PieceAssembly {
  final int piece;
  final BlockLayout layout;
  private final ByteBuffer[] blocks; // per block: its bytes, null = missing
  private final String[] contributor; // per block: who sent it, null = missing
  private final List<Map<String, Long>> requestedFrom; // per block: peer -> requested at (ms)
  private int received;
  /** After a mixed-contributor failure the piece is fetched whole from one peer, to pin the blame. */
  boolean singleSource;
  /** The one peer a single-source piece is fetched from, once chosen. */
  String sourcePeer;
  /** The blocks of failed mixed attempts, checked against the piece once it verifies. */
  final List<PieceVerifier.SentBlock> suspectBlocks = new ArrayList<>();

  PieceAssembly(int piece, BlockLayout layout) {
    this.piece = piece;
    this.layout = layout;
    this.contributor = new String[layout.count()];
    this.blocks = new ByteBuffer[layout.count()];
    this.requestedFrom = new ArrayList<>(layout.count());
    for (int i = 0; i < layout.count(); i++) {
      requestedFrom.add(new LinkedHashMap<>(2));
    }
  }

  BlockRef block(int index) {
    return new BlockRef(piece, layout.offset(index), layout.length(index));
  }

  /** The block index of {@code b}, or -1 if it is not exactly one of this piece's blocks. */
  int indexOf(BlockRef b) {
    int i = layout.indexOf(b.offset());
    return i >= 0 && layout.length(i) == b.length() ? i : -1;
  }

  int blockCount() {
    return contributor.length;
  }

  boolean isReceived(int block) {
    return contributor[block] != null;
  }

  boolean isRequested(int block) {
    return !requestedFrom.get(block).isEmpty();
  }

  boolean isRequestedFrom(int block, String peer) {
    return requestedFrom.get(block).containsKey(peer);
  }

  Set<String> requesters(int block) {
    return requestedFrom.get(block).keySet();
  }

  void markRequested(int block, String peer, long now) {
    requestedFrom.get(block).put(peer, now);
  }

  void unmarkRequested(int block, String peer) {
    requestedFrom.get(block).remove(peer);
  }

  /** Whether some missing block is not requested from anyone. */
  boolean hasUnrequestedBlock() {
    for (int i = 0; i < contributor.length; i++) {
      if (contributor[i] == null && requestedFrom.get(i).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  boolean isStarted() {
    if (received > 0) {
      return true;
    }
    for (Map<String, Long> r : requestedFrom) {
      if (!r.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes a block. With {@code owned} the block's buffer is kept as it is (the caller handed it over
   * and never modifies it); otherwise it is copied. Returns false if the block was already here.
   */
  boolean receive(int block, String peer, ByteBuffer bytes, boolean owned) {
    if (contributor[block] != null) {
      return false;
    }
    if (owned) {
      blocks[block] = bytes.slice();
    } else {
      byte[] copy = new byte[layout.length(block)];
      bytes.duplicate().get(copy);
      blocks[block] = ByteBuffer.wrap(copy);
    }
    contributor[block] = peer;
    received++;
    return true;
  }

  boolean isComplete() {
    return received == contributor.length;
  }

  /** The piece's bytes; only when {@link #isComplete()}. */
  PieceData data() {
    int[] offsets = new int[blocks.length];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = layout.offset(i);
    }
    return new PieceData(blocks.clone(), offsets, layout.pieceLength());
  }

  /** The distinct peers that sent blocks, in block order. */
  Set<String> contributors() {
    Set<String> s = new LinkedHashSet<>();
    for (String c : contributor) {
      if (c != null) {
        s.add(c);
      }
    }
    return s;
  }

  /** Remembers who sent what, so that the verified piece can later expose the wrong blocks. */
  void rememberSentBlocks() {
    PieceData data = data();
    for (int i = 0; i < contributor.length; i++) {
      suspectBlocks.add(PieceVerifier.sent(contributor[i], data, layout.offset(i), layout.length(i)));
    }
  }

  /** Forgets every received block (after a failed verification); requests are kept. */
  void discardData() {
    java.util.Arrays.fill(contributor, null);
    java.util.Arrays.fill(blocks, null);
    received = 0;
  }
}
