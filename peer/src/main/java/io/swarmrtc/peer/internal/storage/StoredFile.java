package io.swarmrtc.peer.internal.storage;

import java.util.Objects;

/** One file of the content: its relative, {@code /}-separated path and its size in bytes. */
public record StoredFile(String path, long size) {
  public StoredFile {
    Objects.requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("size < 0: " + path);
    }
  }
}
