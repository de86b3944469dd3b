package io.swarmrtc.protocol.manifest;

/**
 * One file of a manifest: a relative {@code /}-separated path and a size in bytes. The constructor
 * enforces the protocol's path rules, so every FileEntry is safe to join onto a download directory.
 */
public record FileEntry(String path, long size) {
  public FileEntry {
    ManifestPaths.check(path);
    if (size < 0 || size > Manifest.MAX_TOTAL_SIZE) {
      throw new ManifestFormatException("size", "must be 0 to 2^53-1, got " + size);
    }
  }
}
