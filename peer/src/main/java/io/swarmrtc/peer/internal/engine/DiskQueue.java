package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.peer.internal.util.DaemonThreads;
import io.swarmrtc.swarm.PieceData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Moves piece writes (write, hash back, fsync in batches) off the engine's thread onto one disk
 * thread, so the network keeps flowing while the disk works. Pieces waiting for the disk are kept
 * in memory, bounded by {@link #MAX_PENDING_BYTES} (at least one piece): when the disk falls behind,
 * {@link #store} blocks the engine, which slows the network down instead of growing the heap.
 * Uploads of a piece still waiting are served from that memory.
 *
 * <p>{@link #store}, {@link #read} and {@link #complete} are called on the engine's thread only.
 */
final class DiskQueue {
  /** Piece bytes held for the disk at most (a single larger piece is still accepted). */
  static final int MAX_PENDING_BYTES = 16 << 20;
  private static final int UNIT = 1024;

  private final EngineStorage storage;
  private final ExecutorService disk = Executors.newSingleThreadExecutor(new DaemonThreads("swarm-disk"));
  private final Semaphore room = new Semaphore(MAX_PENDING_BYTES / UNIT);
  private final Map<Integer, PieceData> pending = new HashMap<>(); // guarded by itself

  DiskQueue(EngineStorage storage) {
    this.storage = storage;
  }

  /** Queues a verified piece for the disk; {@code onError} runs on the disk thread if it fails. */
  void store(int piece, PieceData data, Consumer<Exception> onError) throws InterruptedException {
    int units = Math.min(MAX_PENDING_BYTES / UNIT, (data.length() + UNIT - 1) / UNIT);
    room.acquire(units);
    synchronized (pending) {
      pending.put(piece, data);
    }
    try {
      disk.execute(() -> {
        try {
          storage.store(piece, data);
        } catch (IOException | RuntimeException e) {
          onError.accept(e);
        } finally {
          synchronized (pending) {
            pending.remove(piece);
          }
          room.release(units);
        }
      });
    } catch (RejectedExecutionException e) {
      room.release(units); // closing
    }
  }

  /** Reads a block of a held piece: from memory while it waits for the disk, else from storage. */
  void read(int piece, int offset, byte[] dest, int destOffset, int length) throws IOException {
    PieceData waiting;
    synchronized (pending) {
      waiting = pending.get(piece);
    }
    if (waiting != null) {
      waiting.copyTo(offset, dest, destOffset, length);
    } else {
      storage.read(piece, offset, dest, destOffset, length);
    }
  }

  /** After every queued piece is on disk: finishes the storage and hands the files to {@code done}. */
  void complete(Consumer<List<Path>> done, Consumer<Exception> onError) {
    try {
      disk.execute(() -> {
        try {
          done.accept(storage.complete());
        } catch (IOException | RuntimeException e) {
          onError.accept(e);
        }
      });
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Finishes queued writes, then closes the storage (persisting the resume state). */
  void close() {
    try {
      disk.execute(storage::close);
    } catch (RejectedExecutionException e) {
      return;
    }
    disk.shutdown();
    try {
      if (!disk.awaitTermination(30, TimeUnit.SECONDS)) {
        disk.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
