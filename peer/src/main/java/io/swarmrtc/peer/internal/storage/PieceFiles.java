package io.swarmrtc.peer.internal.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Positional reads and writes of piece ranges across the content's files, through one
 * {@link FileChannel} per file. Paths are checked to stay inside the directory. Reads for hashing
 * stream through a fixed 64 KiB buffer, so memory does not grow with file or piece size.
 */
final class PieceFiles implements AutoCloseable {
  private static final int IO_BUFFER = 64 * 1024;

  private final ContentLayout layout;
  private final Path[] paths;
  private final FileChannel[] channels;

  PieceFiles(ContentLayout layout, List<Path> paths, boolean writable) throws IOException {
    this.layout = layout;
    this.paths = paths.toArray(Path[]::new);
    this.channels = new FileChannel[paths.size()];
    try {
      for (int i = 0; i < channels.length; i++) {
        long size = layout.files().get(i).size();
        if (writable) {
          Files.createDirectories(this.paths[i].getParent());
          channels[i] = FileChannel.open(this.paths[i], StandardOpenOption.CREATE,
              StandardOpenOption.READ, StandardOpenOption.WRITE);
          if (channels[i].size() != size) {
            // Sparse: setLength-style truncate/extend reserves no blocks on Linux file systems.
            if (channels[i].size() > size) {
              channels[i].truncate(size);
            } else if (size > 0) {
              channels[i].write(ByteBuffer.allocate(1), size - 1);
            }
          }
        } else {
          channels[i] = FileChannel.open(this.paths[i], StandardOpenOption.READ);
          if (channels[i].size() != size) {
            throw new StoreException(StoreException.Code.IO,
                this.paths[i] + " has " + channels[i].size() + " bytes, expected " + size);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Resolves {@code relative} under {@code dir}, refusing anything that would escape it. */
  static Path resolveInside(Path dir, String relative, String suffix) {
    if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")
        || relative.indexOf('\0') >= 0) {
      throw new StoreException(StoreException.Code.BAD_PATH, "unusable path '" + relative + "'");
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new StoreException(StoreException.Code.BAD_PATH, "unusable path '" + relative + "'");
      }
    }
    Path base = dir.toAbsolutePath().normalize();
    Path p = base.resolve(relative + suffix).normalize();
    if (!p.startsWith(base) || p.equals(base)) {
      throw new StoreException(StoreException.Code.BAD_PATH, "path '" + relative + "' leaves " + dir);
    }
    return p;
  }

  void write(int piece, int offset, byte[] data, int from, int length) throws IOException {
    write(piece, offset, ByteBuffer.wrap(data, from, length));
  }

  /** Writes {@code data}'s remaining bytes at {@code offset} of the piece; consumes {@code data}. */
  void write(int piece, int offset, ByteBuffer data) throws IOException {
    int end = data.limit();
    for (FileSpan s : layout.spans(piece, offset, data.remaining())) {
      data.limit(data.position() + s.length());
      long at = s.fileOffset();
      while (data.hasRemaining()) {
        at += channels[s.fileIndex()].write(data, at);
      }
      data.limit(end);
    }
  }

  byte[] read(int piece, int offset, int length) throws IOException {
    byte[] out = new byte[length];
    int pos = 0;
    for (FileSpan s : layout.spans(piece, offset, length)) {
      readFully(s, ByteBuffer.wrap(out, pos, s.length()));
      pos += s.length();
    }
    return out;
  }

  /** SHA-256 of the whole piece as it is on disk. */
  byte[] hash(int piece) throws IOException {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer buffer = ByteBuffer.allocate(IO_BUFFER);
    for (FileSpan s : layout.spans(piece, 0, layout.pieceLength(piece))) {
      long at = s.fileOffset();
      long left = s.length();
      while (left > 0) {
        buffer.clear().limit((int) Math.min(IO_BUFFER, left));
        readFully(new FileSpan(s.fileIndex(), at, buffer.limit()), buffer);
        buffer.flip();
        d.update(buffer);
        at += buffer.limit();
        left -= buffer.limit();
      }
    }
    return d.digest();
  }

  private void readFully(FileSpan s, ByteBuffer into) throws IOException {
    long at = s.fileOffset();
    while (into.hasRemaining()) {
      int n = channels[s.fileIndex()].read(into, at);
      if (n < 0) {
        throw new StoreException(StoreException.Code.IO, "unexpected end of " + paths[s.fileIndex()]);
      }
      at += n;
    }
  }

  /** Makes every written byte durable. */
  void force() throws IOException {
    for (FileChannel c : channels) {
      if (c != null) {
        c.force(false);
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (FileChannel c : channels) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  static List<Path> paths(Path dir, ContentLayout layout, String suffix) {
    List<Path> out = new ArrayList<>();
    for (StoredFile f : layout.files()) {
      out.add(resolveInside(dir, f.path(), suffix));
    }
    return out;
  }
}
