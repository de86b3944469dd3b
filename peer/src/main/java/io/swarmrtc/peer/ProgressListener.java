package io.swarmrtc.peer;

/**
 * Receives a {@link TransferStats} snapshot about twice a second while a download runs, and once
 * more when it completes; and {@link SwarmNotice}s as they happen (a peer that cannot be reached
 * and why, pieces nobody has, the signaling server lost and back). Called on the download's own
 * thread: keep it short, never block.
 *
 * <pre>{@code
 * ProgressListener l = new ProgressListener() {
 *   public void onProgress(TransferStats s) { ... }
 *   public void onNotice(SwarmNotice n) { System.err.println(n.code() + ": " + n.message()); }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(TransferStats stats);

  /** Something worth telling the user while the transfer carries on; ignored by default. */
  default void onNotice(SwarmNotice notice) {}

  /** A listener that ignores everything. */
  static ProgressListener none() {
    return s -> {};
  }
}
