package io.swarmrtc.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A UDP server in the test JVM that answers every datagram with the source address it saw
 * ({@code "ip:port"}): what a STUN server tells a client, in one line. Used with {@link UdpProbe}
 * to check a {@link Topology}'s NAT from outside.
 */
public final class UdpMirror implements AutoCloseable {

  private final DatagramSocket socket;
  private final Thread thread;

  private UdpMirror(DatagramSocket socket) {
    this.socket = socket;
    this.thread = new Thread(this::serve, "udp-mirror-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs a mirror as a program, e.g. inside a namespace: {@code UdpMirror <bind> <port>}; prints
   * {@code listening <ip:port>} once bound and serves until killed.
   */
  public static void main(String[] args) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(
        new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])))) {
      UdpMirror mirror = new UdpMirror(socket);
      System.out.println("listening " + mirror.address());
      mirror.thread.join();
    }
  }

  /** The command line that runs {@link #main} with the current JVM. */
  public static String[] command(String bind, int port) {
    return UdpProbe.javaCommand(UdpMirror.class, bind, Integer.toString(port));
  }

  /** Starts a mirror on {@code bind} and an ephemeral port. */
  public static UdpMirror start(String bind) {
    try {
      return new UdpMirror(new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bind), 0)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code "ip:port"} this mirror listens on. */
  public String address() {
    return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buffer = new byte[1500];
    while (!socket.isClosed()) {
      try {
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        socket.receive(in);
        byte[] seen = (in.getAddress().getHostAddress() + ":" + in.getPort()).getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(seen, seen.length, in.getSocketAddress()));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
