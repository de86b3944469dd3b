package io.swarmrtc.bench.javaswarm;

import io.swarmrtc.peer.Download;
import io.swarmrtc.peer.DownloadResult;
import io.swarmrtc.peer.SwarmClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A downloader in its own JVM that samples its own heap (MemoryMXBean) and RSS (/proc/self/status)
 * every 100 ms while it downloads, then prints one line of peaks:
 * {@code probe bytes=.. seconds=.. heapUsedPeak=.. heapCommittedPeak=.. rssPeak=.. vmHwm=..}.
 *
 * <p>Usage: {@code DownloadProbe SERVER_ORIGIN SHARE_URL DIR}
 */
public final class DownloadProbe {
  private static volatile long heapUsedPeak;
  private static volatile long heapCommittedPeak;
  private static volatile long rssPeak;
  private static volatile long afterGcPeak;

  public static void main(String[] args) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    watchCollections();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(() -> {
      heapUsedPeak = Math.max(heapUsedPeak, memory.getHeapMemoryUsage().getUsed());
      heapCommittedPeak = Math.max(heapCommittedPeak, memory.getHeapMemoryUsage().getCommitted());
      rssPeak = Math.max(rssPeak, status("VmRSS"));
    }, 0, 100, TimeUnit.MILLISECONDS);
    try (SwarmClient client = SwarmClient.builder(URI.create(args[0])).iceServers(List.of()).build();
         Download d = client.download(URI.create(args[1]), Path.of(args[2]))) {
      DownloadResult r = d.completion().get(30, TimeUnit.MINUTES);
      sampler.shutdown();
      System.out.printf("probe bytes=%d seconds=%.2f heapUsedPeak=%d heapCommittedPeak=%d heapMax=%d rssPeak=%d vmHwm=%d afterGcPeak=%d%n",
          r.totalBytes(), r.elapsed().toMillis() / 1000.0, heapUsedPeak, heapCommittedPeak,
          memory.getHeapMemoryUsage().getMax(), rssPeak, status("VmHWM"), afterGcPeak);
    }
    System.exit(0);
  }

  /** Records the heap in use right after every collection (all pools): what survives, not garbage. */
  private static void watchCollections() {
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc).addNotificationListener((n, hb) -> {
        if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          var info = com.sun.management.GarbageCollectionNotificationInfo.from(
              (javax.management.openmbean.CompositeData) n.getUserData());
          long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
              .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
          afterGcPeak = Math.max(afterGcPeak, used);
        }
      }, null, null);
    }
  }

  /** A {@code kB} field of /proc/self/status, in bytes. */
  private static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
