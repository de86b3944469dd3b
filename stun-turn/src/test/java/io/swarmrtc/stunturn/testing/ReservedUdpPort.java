package io.swarmrtc.stunturn.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A loopback UDP port held open by the test until {@link #release()}, for tests that must hand
 * a fixed port to the server. The port lies BELOW the kernel's ephemeral range, so no socket
 * that binds port 0 (every other test, browser, JVM on the machine) can take it in the moment
 * between release and the server binding it: only a process naming this exact port could.
 */
public final class ReservedUdpPort implements AutoCloseable {
  /** Linux's default when /proc is unreadable. */
  private static final int DEFAULT_EPHEMERAL_LOW = 32768;
  private static final int LOWEST = 20000;

  private final DatagramSocket holder;

  private ReservedUdpPort(DatagramSocket holder) {
    this.holder = holder;
  }

  /** Binds a free port in [20000, ephemeral low) on loopback, starting at a random point. */
  public static ReservedUdpPort reserve() throws IOException {
    int high = ephemeralLow();
    if (high <= LOWEST) {
      throw new IOException("no port below the ephemeral range " + high);
    }
    int size = high - LOWEST;
    int start = new Random().nextInt(size);
    for (int i = 0; i < size; i++) {
      int port = LOWEST + (start + i) % size;
      try {
        return new ReservedUdpPort(new DatagramSocket(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
      } catch (BindException taken) {
        // try the next one
      }
    }
    throw new IOException("no free UDP port in " + LOWEST + "-" + (high - 1));
  }

  private static int ephemeralLow() {
    try {
      // readAllLines, not readString: on JDK 17 readString returned only "3" of this procfs file.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
          .get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }

  public int port() {
    return holder.getLocalPort();
  }

  public boolean isHeld() {
    return !holder.isClosed();
  }

  /** Frees the port for the server to bind. */
  public void release() {
    holder.close();
  }

  @Override
  public void close() {
    release();
  }
}
