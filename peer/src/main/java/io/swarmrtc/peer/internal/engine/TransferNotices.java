package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.peer.SwarmNotice;
import io.swarmrtc.peer.internal.rtc.IceFailure;

/**
 * Turns what a transfer sees into {@link SwarmNotice}s for its user, once per change: pieces that
 * no connected peer has (after a short grace, so the moments before peers connect or announce
 * their pieces do not alarm anyone), and back; peers that cannot be reached, with the likely
 * cause, remembered so that a download that gives up can say why. Pure: time is passed in.
 */
final class TransferNotices {
  private final long graceMillis;
  private long unavailableSince = -1;
  private boolean unavailableReported;
  private IceFailure lastFailure;

  /** @param graceMillis how long pieces must stay unavailable before the user is told */
  TransferNotices(long graceMillis) {
    this.graceMillis = graceMillis;
  }

  /**
   * @param missing pieces we do not have yet
   * @param unavailable of those, pieces no connected peer has
   * @return a notice when the situation changed enough to tell, else null
   */
  SwarmNotice availability(long now, int missing, int unavailable) {
    if (missing > 0 && unavailable > 0) {
      if (unavailableSince < 0) {
        unavailableSince = now;
      }
      if (!unavailableReported && now - unavailableSince >= graceMillis) {
        unavailableReported = true;
        return new SwarmNotice(SwarmNotice.Code.PIECES_UNAVAILABLE, null, null, unavailable + " of the "
            + missing + " missing pieces are held by no connected peer (the only source left?);"
            + " waiting for a peer that has them");
      }
      return null;
    }
    unavailableSince = -1;
    if (unavailableReported) {
      unavailableReported = false;
      return new SwarmNotice(SwarmNotice.Code.PIECES_AVAILABLE, null, null, missing == 0
          ? "every piece is here" : "every missing piece is available again from a connected peer");
    }
    return null;
  }

  /** A peer we could not connect to, or lost. */
  SwarmNotice unreachable(String peerId, IceFailure failure) {
    lastFailure = failure;
    return new SwarmNotice(SwarmNotice.Code.PEER_UNREACHABLE, peerId, failure.cause(), failure.message());
  }

  /** The last connection failure seen, or null. */
  IceFailure lastFailure() {
    return lastFailure;
  }

  /** Whether pieces are unavailable right now, as last reported. */
  boolean piecesUnavailable() {
    return unavailableReported;
  }
}
