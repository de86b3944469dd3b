package io.swarmrtc.peer;

import java.util.List;

/**
 * A snapshot of a share or download, for progress displays. Byte counts of this process only
 * (a resumed download starts its {@code downloadedBytes} at 0 but its {@code verifiedBytes} at
 * what was already on disk).
 *
 * @param totalBytes size of the content, or -1 while the manifest is not known yet
 * @param verifiedBytes bytes of verified pieces held (a sharer holds all)
 * @param totalPieces pieces of the content, or -1 while the manifest is not known yet
 * @param verifiedPieces verified pieces held
 * @param downloadedBytes block bytes received from peers by this process
 * @param uploadedBytes block bytes sent to peers by this process
 * @param downloadBytesPerSecond receive speed over the last few seconds
 * @param uploadBytesPerSecond send speed over the last few seconds
 * @param peers the peers connected right now
 * @param bannedPeers peers banned for sending pieces that failed verification
 */
public record TransferStats(long totalBytes, long verifiedBytes, int totalPieces, int verifiedPieces,
    long downloadedBytes, long uploadedBytes, double downloadBytesPerSecond, double uploadBytesPerSecond,
    List<PeerStats> peers, List<String> bannedPeers) {

  public TransferStats {
    peers = List.copyOf(peers);
    bannedPeers = List.copyOf(bannedPeers);
  }

  /** Before anything is known. */
  public static TransferStats empty() {
    return new TransferStats(-1, 0, -1, 0, 0, 0, 0, 0, List.of(), List.of());
  }

  /** Fraction of the content verified, 0 to 1 (0 while the size is unknown; 1 for empty content). */
  public double fraction() {
    if (totalBytes < 0) {
      return 0;
    }
    return totalBytes == 0 ? 1 : (double) verifiedBytes / totalBytes;
  }
}
