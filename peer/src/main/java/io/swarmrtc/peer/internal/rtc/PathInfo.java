package io.swarmrtc.peer.internal.rtc;

/**
 * The network path a connection uses, from the selected ICE candidate pair in getStats.
 * Candidate types are the W3C names: {@code host}, {@code srflx}, {@code prflx}, {@code relay}.
 */
public record PathInfo(
    String localCandidateType,
    String localAddress,
    String remoteCandidateType,
    String remoteAddress,
    String protocol) {

  /** True when either end sends through a TURN relay. */
  public boolean relayed() {
    return "relay".equals(localCandidateType) || "relay".equals(remoteCandidateType);
  }

  /** True when the peers talk to each other without a relay. */
  public boolean direct() {
    return !relayed();
  }
}
