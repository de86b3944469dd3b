package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.PeerStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line per peer saying how we reach it, printed when it first becomes known, when it changes
 * (ICE may move from a relayed pair to a direct one) and when the peer leaves; nothing while it
 * stays the same, so the progress output stays tidy. Pure: stats in, lines out.
 *
 * <pre>
 * peer Q2hhbmdl: direct (host -> srflx, udp)
 * peer aGVsbG8t: relayed (relay -> host, udp)
 * peer aGVsbG8t: left
 * </pre>
 */
final class PeerPathLines {
  private final Map<String, String> shown = new LinkedHashMap<>();

  /** The lines to print for this snapshot of peers (possibly none). */
  List<String> update(List<PeerStats> peers) {
    List<String> lines = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (PeerStats p : peers) {
      present.add(p.peerId());
      if (p.route() == PeerStats.Route.UNKNOWN) {
        continue; // not selected yet: say nothing rather than "unknown"
      }
      String path = describe(p);
      if (!path.equals(shown.put(p.peerId(), path))) {
        lines.add(line(p.peerId(), path));
      }
    }
    for (String id : List.copyOf(shown.keySet())) {
      if (!present.contains(id)) {
        shown.remove(id);
        lines.add(line(id, "left"));
      }
    }
    return lines;
  }

  /** {@code direct (host -> srflx, udp)}: the route, then our and the peer's candidate types. */
  static String describe(PeerStats p) {
    String route = switch (p.route()) {
      case DIRECT -> "direct";
      case RELAYED -> "relayed";
      case UNKNOWN -> "path not known yet";
    };
    if (p.localCandidateType() == null || p.remoteCandidateType() == null) {
      return route;
    }
    return route + " (" + p.localCandidateType() + " -> " + p.remoteCandidateType()
        + (p.protocol() == null ? "" : ", " + p.protocol()) + ")";
  }

  /** Peer ids are 22 characters; 8 tell peers of one room apart. */
  static String shortId(String peerId) {
    return peerId.length() <= 8 ? peerId : peerId.substring(0, 8);
  }

  private static String line(String peerId, String what) {
    return "peer " + shortId(peerId) + ": " + what;
  }
}
