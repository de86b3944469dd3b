package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.peer.PeerStats;
import io.swarmrtc.peer.TransferStats;
import io.swarmrtc.peer.internal.rtc.PathInfo;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.swarm.Bitfield;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts block bytes per peer and samples speeds over a sliding window. Mutated on the engine's
 * thread only; {@link #snapshot} publishes an immutable {@link TransferStats} for any thread.
 */
final class StatsTracker {
  private static final long WINDOW_MS = 5_000;

  private static final class Peer {
    PeerStats.Route route = PeerStats.Route.UNKNOWN;
    PathInfo path;
    long down;
    long up;
  }

  private record Sample(long at, long down, long up) {}

  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private final List<String> banned = new ArrayList<>();
  private long down;
  private long up;
  private volatile TransferStats published = TransferStats.empty();

  void connected(String peerId) {
    peers.put(peerId, new Peer());
  }

  /** The selected candidate pair to a peer; null (not selected yet) leaves what we knew. */
  void path(String peerId, PathInfo path) {
    Peer p = peers.get(peerId);
    if (p != null && path != null) {
      p.path = path;
      p.route = path.relayed() ? PeerStats.Route.RELAYED : PeerStats.Route.DIRECT;
    }
  }

  void banned(String peerId) {
    banned.add(peerId);
  }

  void disconnected(String peerId) {
    peers.remove(peerId);
  }

  void received(String peerId, int bytes) {
    down += bytes;
    Peer p = peers.get(peerId);
    if (p != null) {
      p.down += bytes;
    }
  }

  void sent(String peerId, int bytes) {
    up += bytes;
    Peer p = peers.get(peerId);
    if (p != null) {
      p.up += bytes;
    }
  }

  long downloadedBytes() {
    return down;
  }

  /** Samples the counters at {@code now} and publishes a snapshot. */
  TransferStats snapshot(long now, Manifest manifest, Bitfield have) {
    samples.addLast(new Sample(now, down, up));
    while (samples.size() > 2 && now - samples.peekFirst().at() > WINDOW_MS) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    double seconds = Math.max(0.001, (now - first.at()) / 1000.0);
    double downSpeed = samples.size() < 2 ? 0 : (down - first.down()) / seconds;
    double upSpeed = samples.size() < 2 ? 0 : (up - first.up()) / seconds;
    List<PeerStats> list = new ArrayList<>(peers.size());
    peers.forEach((id, p) -> list.add(p.path == null ? new PeerStats(id, p.route, p.down, p.up)
        : new PeerStats(id, p.route, p.path.localCandidateType(), p.path.remoteCandidateType(), p.path.protocol(),
            p.down, p.up)));
    long total = -1;
    long verifiedBytes = 0;
    int pieces = -1;
    int verified = 0;
    if (manifest != null && have != null) {
      total = manifest.totalSize();
      pieces = manifest.pieceCount();
      verified = have.cardinality();
      verifiedBytes = (long) verified * manifest.pieceSize();
      if (pieces > 0 && have.get(pieces - 1)) {
        verifiedBytes -= manifest.pieceSize() - manifest.pieceLength(pieces - 1);
      }
    }
    published = new TransferStats(total, verifiedBytes, pieces, verified, down, up, downSpeed, upSpeed, list, banned);
    return published;
  }

  TransferStats published() {
    return published;
  }
}
