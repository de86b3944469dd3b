package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.protocol.manifest.Manifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A seeder's storage: reads blocks straight from the shared files (any directories), which were
 * hashed into the manifest. Nothing is buffered beyond the block being read.
 */
final class SeedFiles implements EngineStorage {
  private final Manifest manifest;
  private final List<Path> paths;
  private final FileChannel[] channels;
  private final long[] starts;

  SeedFiles(Manifest manifest, List<Path> paths) throws IOException {
    if (paths.size() != manifest.files().size()) {
      throw new IllegalArgumentException("one path per manifest file");
    }
    this.manifest = manifest;
    this.paths = List.copyOf(paths);
    this.channels = new FileChannel[paths.size()];
    this.starts = new long[paths.size()];
    try {
      for (int i = 0; i < channels.length; i++) {
        channels[i] = FileChannel.open(paths.get(i), StandardOpenOption.READ);
        starts[i] = manifest.fileOffset(i);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  @Override
  public void read(int piece, int offset, byte[] dest, int destOffset, int length) throws IOException {
    long position = manifest.pieceOffset(piece) + offset;
    int file = Arrays.binarySearch(starts, position);
    file = file < 0 ? -file - 2 : file;
    int done = 0;
    while (done < length) {
      while (file < channels.length - 1 && position >= starts[file] + manifest.files().get(file).size()) {
        file++; // empty files, or the end of this one
      }
      long inFile = position - starts[file];
      int take = (int) Math.min(length - done, manifest.files().get(file).size() - inFile);
      ByteBuffer into = ByteBuffer.wrap(dest, destOffset + done, take);
      while (into.hasRemaining()) {
        if (channels[file].read(into, inFile + into.position() - destOffset - done) < 0) {
          throw new IOException(paths.get(file) + " is shorter than when it was shared");
        }
      }
      done += take;
      position += take;
    }
  }

  @Override
  public List<Path> files() {
    return paths;
  }

  @Override
  public void close() {
    for (FileChannel c : channels) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          // closing a read-only channel: nothing to lose
        }
      }
    }
  }
}
