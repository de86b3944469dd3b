package io.swarmrtc.stunturn.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;

/**
 * Hands out relay sockets from the configured port range, round-robin, skipping ports we hold
 * or that another process holds. Null means the range is exhausted (508).
 */
final class RelayPorts {
  private final InetAddress address;
  private final int min;
  private final int max;
  private final BitSet inUse = new BitSet();
  private int cursor;

  RelayPorts(InetAddress address, int min, int max) {
    this.address = address;
    this.min = min;
    this.max = max;
    this.cursor = min;
  }

  /** An open, bound, non-blocking channel (on an even port if asked), or null when none is free. */
  DatagramChannel open(boolean even) throws IOException {
    if (min == 0) {
      return even ? bindEphemeralEven() : bind(0);
    }
    int size = max - min + 1;
    for (int tried = 0; tried < size; tried++) {
      int port = cursor;
      cursor = cursor == max ? min : cursor + 1;
      if (inUse.get(port) || (even && (port & 1) != 0)) {
        continue;
      }
      DatagramChannel ch = bind(port);
      if (ch != null) {
        inUse.set(port);
        return ch;
      }
    }
    return null;
  }

  /** The OS picks ports at random: retry a few times for an even one. */
  private DatagramChannel bindEphemeralEven() throws IOException {
    for (int i = 0; i < 16; i++) {
      DatagramChannel ch = bind(0);
      if (ch == null || (ch.socket().getLocalPort() & 1) == 0) {
        return ch;
      }
      ch.close();
    }
    return null;
  }

  private DatagramChannel bind(int port) throws IOException {
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      ch.bind(new InetSocketAddress(address, port));
      ch.configureBlocking(false);
      // Bursts from a peer must not overflow the default ~208 KiB; the kernel charges memory
      // only for queued data, so an idle allocation costs nothing extra.
      ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
      ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
      return ch;
    } catch (BindException e) {
      ch.close();
      return null;
    }
  }

  void release(int port) {
    if (min != 0) {
      inUse.clear(port);
    }
  }
}
