package io.swarmrtc.peer;

import java.util.concurrent.CompletableFuture;

/**
 * A download in progress, from {@link SwarmClient#download}. It serves the pieces it has to other
 * peers while it downloads, and keeps seeding after completion until closed.
 *
 * <pre>{@code
 * try (Download d = client.download(url, Path.of("downloads"), s -> System.out.println(s.fraction()))) {
 *   DownloadResult r = d.completion().get(10, TimeUnit.MINUTES);
 * }
 * }</pre>
 */
public interface Download extends AutoCloseable {
  /**
   * Completes once every piece is verified and the files carry their final names; fails with a
   * {@link SwarmException} (BAD_URL, JOIN_FAILED, NO_SOURCE, UNREACHABLE, STORAGE, CANCELLED,
   * CLOSED). While it runs, {@link ProgressListener#onNotice} says what is wrong without ending it
   * (a peer that cannot be reached and why, pieces nobody connected has).
   */
  CompletableFuture<DownloadResult> completion();

  /** The latest progress snapshot. */
  TransferStats stats();

  /**
   * Stops the download and leaves the room; what is verified stays on disk and a later download
   * into the same directory resumes from it. {@link #completion()} fails with CANCELLED unless it
   * already completed. Idempotent.
   */
  void cancel();

  /** Leaves the room (stops seeding); same as {@link #cancel()} before completion. Idempotent. */
  @Override
  void close();
}
