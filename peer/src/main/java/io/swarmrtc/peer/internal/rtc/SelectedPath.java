package io.swarmrtc.peer.internal.rtc;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;
import java.util.Optional;

/** Finds the selected candidate pair in a stats report and describes it as a {@link PathInfo}. */
final class SelectedPath {
  private SelectedPath() {}

  /** The selected path, or null when no pair is selected yet. */
  static PathInfo from(RTCStatsReport report) {
    Map<String, RTCStats> stats = report.getStats();
    RTCStats pair = selectedPair(stats).orElse(null);
    if (pair == null) {
      return null;
    }
    RTCStats local = stats.get(string(pair, "localCandidateId"));
    RTCStats remote = stats.get(string(pair, "remoteCandidateId"));
    if (local == null || remote == null) {
      return null;
    }
    return new PathInfo(
        string(local, "candidateType"), address(local),
        string(remote, "candidateType"), address(remote),
        string(local, "protocol"));
  }

  private static Optional<RTCStats> selectedPair(Map<String, RTCStats> stats) {
    // The transport names its selected pair; fall back to a nominated, succeeded pair.
    for (RTCStats s : stats.values()) {
      if (s.getType() == RTCStatsType.TRANSPORT) {
        RTCStats pair = stats.get(string(s, "selectedCandidatePairId"));
        if (pair != null) {
          return Optional.of(pair);
        }
      }
    }
    return stats.values().stream()
        .filter(s -> s.getType() == RTCStatsType.CANDIDATE_PAIR)
        .filter(s -> Boolean.TRUE.equals(s.getAttributes().get("nominated")))
        .filter(s -> "succeeded".equals(String.valueOf(s.getAttributes().get("state"))))
        .findFirst();
  }

  private static String address(RTCStats candidate) {
    String ip = string(candidate, "address");
    if (ip == null) {
      ip = string(candidate, "ip");
    }
    Object port = candidate.getAttributes().get("port");
    return port == null ? ip : ip + ":" + port;
  }

  private static String string(RTCStats s, String key) {
    Object v = s.getAttributes().get(key);
    return v == null ? null : v.toString();
  }
}
