package io.swarmrtc.peer;

/**
 * Receives a {@link TransferStats} snapshot about twice a second while a download runs, and once
 * more when it completes. Called on the download's own thread: keep it short, never block.
 */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(TransferStats stats);

  /** A listener that ignores everything. */
  static ProgressListener none() {
    return s -> {};
  }
}
