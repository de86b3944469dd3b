package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.PeerStats;
import io.swarmrtc.peer.SwarmNotice;
import io.swarmrtc.peer.TransferStats;
import java.util.Locale;

/** Formats transfer stats as one line: percent, bytes, speed, ETA and peers. Pure. */
final class ProgressLine {
  private ProgressLine() {}

  static String download(TransferStats s) {
    if (s.totalBytes() < 0) {
      return "waiting for the manifest... peers " + peers(s);
    }
    double speed = s.downloadBytesPerSecond();
    long left = s.totalBytes() - s.verifiedBytes();
    String eta = speed < 1 ? "--:--" : duration((long) (left / speed));
    return String.format(Locale.ROOT, "%5.1f%%  %s / %s  pieces %d/%d  %s/s  ETA %s  peers %s",
        100 * s.fraction(), bytes(s.verifiedBytes()), bytes(s.totalBytes()), s.verifiedPieces(), s.totalPieces(),
        bytes((long) speed), eta, peers(s));
  }

  static String seeding(TransferStats s) {
    return String.format(Locale.ROOT, "seeding  uploaded %s  %s/s  peers %s", bytes(s.uploadedBytes()),
        bytes((long) s.uploadBytesPerSecond()), peers(s));
  }

  /** {@code notice PIECES_UNAVAILABLE: ...}; with the peer and the likely cause when there are. */
  static String notice(SwarmNotice n) {
    return "notice " + n.code() + (n.peerId() == null ? "" : " (peer " + PeerPathLines.shortId(n.peerId()) + ")")
        + (n.cause() == null ? "" : " " + n.cause()) + ": " + n.message();
  }

  static String peers(TransferStats s) {
    long direct = s.peers().stream().filter(p -> p.route() == PeerStats.Route.DIRECT).count();
    long relayed = s.peers().stream().filter(p -> p.route() == PeerStats.Route.RELAYED).count();
    return s.peers().size() + " (" + direct + " direct, " + relayed + " relayed)";
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long sec = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }
}
