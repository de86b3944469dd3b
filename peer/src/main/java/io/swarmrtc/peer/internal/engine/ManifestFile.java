package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestCodec;
import io.swarmrtc.protocol.manifest.ManifestFormatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The manifest of an unfinished download, kept beside its resume state as
 * {@code <content id>.swarmrtc-manifest}, so a restarted download knows the pieces at once and
 * continues from the verified ones. Written atomically; a file that does not hash to the content id
 * is ignored (the manifest is then fetched from peers again).
 */
final class ManifestFile {
  static final String SUFFIX = ".swarmrtc-manifest";

  private ManifestFile() {}

  static Path path(Path dir, ContentId id) {
    return dir.resolve(id.hex() + SUFFIX);
  }

  static Optional<Manifest> load(Path dir, ContentId id) throws IOException {
    Path file = path(dir, id);
    byte[] bytes;
    try {
      if (Files.size(file) > 64L << 20) {
        return Optional.empty();
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!ContentId.ofCanonicalBytes(bytes).equals(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ManifestCodec.decode(bytes));
    } catch (ManifestFormatException e) {
      return Optional.empty();
    }
  }

  static void save(Path dir, Manifest manifest) throws IOException {
    Path file = path(dir, manifest.contentId());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(manifest.toBytes());
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void delete(Path dir, ContentId id) throws IOException {
    Files.deleteIfExists(path(dir, id));
  }
}
