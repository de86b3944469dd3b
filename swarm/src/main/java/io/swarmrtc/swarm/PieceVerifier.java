package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a complete piece against the manifest and decides whom to blame when it fails
 * (docs/swarm-protocol.md, Conversation step 6). Pure.
 */
public final class PieceVerifier {
  /** Strikes that ban a peer. */
  public static final int STRIKES_TO_BAN = 2;

  private PieceVerifier() {}

  /**
   * What to do about a piece that failed verification.
   *
   * @param ban peers to ban for the rest of the download
   * @param strike peers that get one more strike (and are not banned yet)
   * @param refetchFromSinglePeer whether the piece must now come whole from one peer
   */
  public record Blame(List<String> ban, List<String> strike, boolean refetchFromSinglePeer) {}

  /** Whether {@code data} is piece {@code piece} of {@code manifest}. */
  public static boolean verify(Manifest manifest, int piece, byte[] data) {
    return data != null && data.length == manifest.pieceLength(piece)
        && manifest.pieceHashEquals(piece, Sha256.digest(data));
  }

  /**
   * Blame for a failed piece: a sole contributor is banned; several contributors each get a strike
   * (a second strike bans) and the piece is re-fetched whole from a single peer.
   *
   * @param strikes strikes each peer has so far (absent = 0)
   */
  public static Blame blame(Set<String> contributors, Map<String, Integer> strikes) {
    if (contributors.size() == 1) {
      return new Blame(List.copyOf(contributors), List.of(), false);
    }
    List<String> ban = new ArrayList<>();
    List<String> strike = new ArrayList<>();
    for (String peer : contributors) {
      if (strikes.getOrDefault(peer, 0) + 1 >= STRIKES_TO_BAN) {
        ban.add(peer);
      } else {
        strike.add(peer);
      }
    }
    return new Blame(ban, strike, true);
  }
}
