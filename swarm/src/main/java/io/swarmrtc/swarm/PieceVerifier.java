package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.Sha256;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a complete piece against the manifest and decides whom to blame when it fails
 * (docs/swarm-protocol.md, Conversation step 6). Pure.
 *
 * <p>A peer is banned only for a block proven wrong: it sent every block of a failed piece, or it
 * sent a block of a failed mixed piece that differs from the piece once it verified. So a peer that
 * only ever sent correct blocks is never banned, and every failed piece ends with a liar banned.
 */
public final class PieceVerifier {
  private PieceVerifier() {}

  /**
   * What to do about a piece that failed verification.
   *
   * @param ban peers to ban for the rest of the download
   * @param refetchFromSinglePeer whether the piece must now come whole from one peer (its blocks
   *     are remembered as {@link SentBlock}s until the piece verifies)
   */
  public record Blame(List<String> ban, boolean refetchFromSinglePeer) {}

  /** A block of a failed mixed piece: who sent it and the SHA-256 of what they sent. */
  public record SentBlock(String peer, int offset, int length, byte[] digest) {}

  /** Whether {@code data} is piece {@code piece} of {@code manifest}: one SHA-256 over its blocks. */
  public static boolean verify(Manifest manifest, int piece, PieceData data) {
    return data != null && data.length() == manifest.pieceLength(piece)
        && manifest.pieceHashEquals(piece, data.sha256());
  }

  /** Whether {@code data} is piece {@code piece} of {@code manifest}. */
  public static boolean verify(Manifest manifest, int piece, byte[] data) {
    return data != null && data.length == manifest.pieceLength(piece)
        && manifest.pieceHashEquals(piece, Sha256.digest(data));
  }

  /**
   * Blame for a failed piece: a sole contributor is banned; with several contributors nobody is
   * banned yet and the piece is re-fetched whole from a single peer (see {@link #liars}).
   */
  public static Blame blame(Set<String> contributors) {
    if (contributors.size() == 1) {
      return new Blame(List.copyOf(contributors), false);
    }
    return new Blame(List.of(), true);
  }

  /** What {@code peer} sent as bytes {@code [offset, offset + length)} of a failed piece. */
  public static SentBlock sent(String peer, byte[] data, int offset, int length) {
    return new SentBlock(peer, offset, length, Sha256.digest(data, offset, length));
  }

  /** What {@code peer} sent as bytes {@code [offset, offset + length)} of a failed piece. */
  public static SentBlock sent(String peer, PieceData data, int offset, int length) {
    return new SentBlock(peer, offset, length, data.sha256(offset, length));
  }

  /** The peers whose remembered blocks differ from {@code verified}, the piece's correct bytes. */
  public static Set<String> liars(PieceData verified, List<SentBlock> sent) {
    Set<String> liars = new LinkedHashSet<>();
    for (SentBlock b : sent) {
      if (!Arrays.equals(verified.sha256(b.offset(), b.length()), b.digest())) {
        liars.add(b.peer());
      }
    }
    return liars;
  }

  /** The peers whose remembered blocks differ from {@code verified}, the piece's correct bytes. */
  public static Set<String> liars(byte[] verified, List<SentBlock> sent) {
    Set<String> liars = new LinkedHashSet<>();
    for (SentBlock b : sent) {
      byte[] correct = Sha256.digest(verified, b.offset(), b.length());
      if (!Arrays.equals(correct, b.digest())) {
        liars.add(b.peer());
      }
    }
    return liars;
  }
}
