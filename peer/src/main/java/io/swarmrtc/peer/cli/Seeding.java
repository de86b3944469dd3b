package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.ProgressListener;
import io.swarmrtc.peer.RoomJoin;
import io.swarmrtc.peer.Share;
import io.swarmrtc.peer.SwarmClient;
import io.swarmrtc.peer.SwarmNotice;
import io.swarmrtc.peer.TransferStats;
import io.swarmrtc.peer.internal.qr.QrCode;
import io.swarmrtc.peer.internal.qr.QrTerminal;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What {@code share} and {@code seed} have in common: share, print URL and QR code, seed until stopped. */
final class Seeding {
  private Seeding() {}

  static int run(ServerOptions server, long uploadRate, String room, List<Path> paths, boolean qr, PrintStream out)
      throws InterruptedException {
    try (SwarmClient client = server.builder().uploadRateLimit(uploadRate).build()) {
      out.println("hashing " + paths + " ...");
      ProgressListener notices = new ProgressListener() {
        @Override
        public void onProgress(TransferStats s) {}

        @Override
        public void onNotice(SwarmNotice n) {
          out.println(ProgressLine.notice(n));
        }
      };
      Share share = room == null ? client.share(paths, notices) : client.share(RoomJoin.of(room), paths, notices);
      out.println(share.url());
      if (qr) {
        try {
          out.print(QrTerminal.render(QrCode.encode(share.url().toString()), 2));
        } catch (IllegalArgumentException tooLong) {
          out.println("(the URL is too long for a QR code)");
        }
      }
      out.println("seeding; press Ctrl-C to stop");
      String last = "";
      PeerPathLines peerLines = new PeerPathLines();
      while (!Thread.currentThread().isInterrupted()) {
        TransferStats stats = share.stats();
        peerLines.update(stats.peers()).forEach(out::println);
        String line = ProgressLine.seeding(stats);
        if (!line.equals(last)) {
          out.println(line);
          last = line;
        }
        Thread.sleep(2_000); // a status refresh, not synchronisation
      }
      return ExitCodes.OK;
    }
  }
}
