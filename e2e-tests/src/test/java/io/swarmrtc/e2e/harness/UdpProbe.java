package io.swarmrtc.e2e.harness;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program (run in a namespace with {@link #command}) that sends one datagram from ONE socket to
 * each {@link UdpMirror} given and prints what each saw, so a test can tell how a NAT mapped the
 * socket. Output: {@code local <ip:port>}, then per mirror {@code seen <mirror> <ip:port>} or
 * {@code timeout <mirror>}.
 */
public final class UdpProbe {

  private UdpProbe() {}

  /**
   * The command line that runs this probe with the current JVM, bound to {@code bind}, waiting
   * up to {@code timeoutMillis} per mirror.
   */
  public static String[] command(String bind, long timeoutMillis, List<String> mirrors) {
    List<String> args = new ArrayList<>(List.of(bind, Long.toString(timeoutMillis)));
    args.addAll(mirrors);
    return javaCommand(UdpProbe.class, args.toArray(String[]::new));
  }

  /** Runs {@code main} of a class of this module with the current JVM (short-lived helpers). */
  static String[] javaCommand(Class<?> main, String... args) {
    try {
      Path classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1",
          "-cp", classes.toString(), main.getName()));
      cmd.addAll(List.of(args));
      return cmd.toArray(String[]::new);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(args[0]), 0))) {
      socket.setSoTimeout(Integer.parseInt(args[1]));
      System.out.println("local " + args[0] + ":" + socket.getLocalPort());
      byte[] buffer = new byte[1500];
      for (int i = 2; i < args.length; i++) {
        String mirror = args[i];
        int colon = mirror.lastIndexOf(':');
        InetSocketAddress to = new InetSocketAddress(mirror.substring(0, colon), Integer.parseInt(mirror.substring(colon + 1)));
        byte[] ping = "probe".getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(ping, ping.length, to));
        try {
          DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
          socket.receive(reply);
          System.out.println("seen " + mirror + " " + new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
        } catch (SocketTimeoutException e) {
          System.out.println("timeout " + mirror);
        }
      }
    }
  }
}
