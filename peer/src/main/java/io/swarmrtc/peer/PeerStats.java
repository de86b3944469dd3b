package io.swarmrtc.peer;

/**
 * What one connected peer did for a share or download so far.
 *
 * @param peerId the peer's id in the room
 * @param route how we reach it: directly, through a TURN relay, or not known yet
 * @param downloadedBytes block bytes received from it
 * @param uploadedBytes block bytes sent to it
 */
public record PeerStats(String peerId, Route route, long downloadedBytes, long uploadedBytes) {
  /** The network path to a peer. */
  public enum Route { DIRECT, RELAYED, UNKNOWN }
}
