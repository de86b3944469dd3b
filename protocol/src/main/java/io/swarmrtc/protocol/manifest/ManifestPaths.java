package io.swarmrtc.protocol.manifest;

/** The path rules of docs/swarm-protocol.md: relative, '/'-separated, no way out of the share. */
final class ManifestPaths {
  private ManifestPaths() {}

  /** Throws {@link ManifestFormatException} ("path") unless {@code path} is a safe relative path. */
  static void check(String path) {
    if (path == null || path.isEmpty()) {
      throw new ManifestFormatException("path", "is empty");
    }
    if (path.charAt(0) == '/') {
      throw new ManifestFormatException("path", "is absolute: " + path);
    }
    if (path.indexOf('\\') >= 0) {
      throw new ManifestFormatException("path", "contains a backslash");
    }
    if (path.indexOf('\0') >= 0) {
      throw new ManifestFormatException("path", "contains NUL");
    }
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end);
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new ManifestFormatException("path", "has an empty, '.' or '..' segment: " + path);
      }
      start = end + 1;
    }
    int bytes = Utf8.encode(path, "path").length;
    if (bytes > Manifest.MAX_PATH_BYTES) {
      throw new ManifestFormatException("path", "longer than 1024 bytes");
    }
  }
}
