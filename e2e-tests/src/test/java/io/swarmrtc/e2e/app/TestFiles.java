package io.swarmrtc.e2e.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Pseudo-random files for transfer tests and their SHA-256. */
public final class TestFiles {

  private TestFiles() {}

  /** Writes {@code size} pseudo-random bytes (deterministic for {@code seed}) to {@code dir/name}. */
  public static Path random(Path dir, String name, long size, long seed) {
    Path file = dir.resolve(name);
    SplittableRandom random = new SplittableRandom(seed);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(chunk.length, left);
        for (int i = 0; i < n; i += 8) {
          long v = random.nextLong();
          for (int j = 0; j < 8 && i + j < n; j++) {
            chunk[i + j] = (byte) (v >>> (8 * j));
          }
        }
        out.write(chunk, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** SHA-256 of a file, lowercase hex. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
