package io.swarmrtc.swarm;

import io.swarmrtc.protocol.swarm.SwarmMessage.ManifestData;

/** Downloading the manifest from one peer, chunk after chunk, in order. */
final class ManifestFetch {
  final String peer;
  private byte[] buffer;
  private int received;
  /** When the last chunk arrived (or the fetch began), in ms: a silent peer is given up on. */
  long lastProgress;

  ManifestFetch(String peer, long now) {
    this.peer = peer;
    this.lastProgress = now;
  }

  /**
   * Takes the next chunk.
   *
   * @return the next offset to request, or -1 when the manifest is complete
   * @throws IllegalArgumentException if the chunk is out of order, inconsistent or makes no progress
   */
  int accept(ManifestData d) {
    if (buffer == null) {
      if (d.totalLength() == 0) {
        throw new IllegalArgumentException("empty manifest");
      }
      buffer = new byte[d.totalLength()];
    } else if (d.totalLength() != buffer.length) {
      throw new IllegalArgumentException("totalLength changed");
    }
    if (d.offset() != received) {
      throw new IllegalArgumentException("chunk at " + d.offset() + ", expected " + received);
    }
    int n = d.bytes().remaining();
    if (n == 0) {
      throw new IllegalArgumentException("empty chunk before the end");
    }
    d.bytes().duplicate().get(buffer, received, n);
    received += n;
    return received == buffer.length ? -1 : received;
  }

  byte[] bytes() {
    return buffer;
  }
}
