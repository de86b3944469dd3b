package io.swarmrtc.peer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A download in progress; it keeps seeding what it has until closed. */
public interface Download extends AutoCloseable {
  /** Completes with the final paths once every piece is verified and the files are renamed. */
  CompletableFuture<List<Path>> completion();

  /** Pieces verified so far and in total. */
  int verifiedPieces();

  int totalPieces();

  @Override
  void close();
}
