package io.swarmrtc.peer.internal.rtc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Run in a child JVM by {@link ProcessExitTest}. {@code close}: connects, sends, closes everything
 * and returns from main, which must end the process. {@code exit}: connects, starts a transfer and
 * calls System.exit with everything open, so the shutdown hook must tear down cleanly.
 */
public final class ExitProbe {
  public static void main(String[] args) throws Exception {
    ConnectedPair pair = ConnectedPair.open(RtcConfig.builder().build(), true, (ch, data, binary) -> {});
    pair.offererChannel.send(new byte[1000]).get();
    if (args[0].equals("close")) {
      pair.close();
      System.out.println("probe: closed, returning from main");
      return;
    }
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      sends.add(pair.offererChannel.send(new byte[64 * 1024]));
    }
    System.out.println("probe: exiting with a transfer under way");
    System.exit(7);
  }
}
