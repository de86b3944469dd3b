package io.swarmrtc.peer;

/**
 * What one connected peer did for a share or download so far, and how we reach it.
 *
 * @param peerId the peer's id in the room
 * @param route how we reach it: directly, through a TURN relay, or not known yet
 * @param localCandidateType our end of the selected candidate pair ({@code host}, {@code srflx},
 *     {@code prflx}, {@code relay}), or null while not known
 * @param remoteCandidateType the peer's end of the selected pair, or null while not known
 * @param protocol the transport of the selected pair to the first hop ({@code udp}, {@code tcp}),
 *     or null while not known
 * @param downloadedBytes block bytes received from it
 * @param uploadedBytes block bytes sent to it
 */
public record PeerStats(String peerId, Route route, String localCandidateType, String remoteCandidateType,
    String protocol, long downloadedBytes, long uploadedBytes) {

  /** The network path to a peer. */
  public enum Route { DIRECT, RELAYED, UNKNOWN }

  /** Without candidate details. */
  public PeerStats(String peerId, Route route, long downloadedBytes, long uploadedBytes) {
    this(peerId, route, null, null, null, downloadedBytes, uploadedBytes);
  }
}
