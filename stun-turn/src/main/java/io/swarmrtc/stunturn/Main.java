package io.swarmrtc.stunturn;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone server: {@code java -jar swarmrtc-stun-turn.jar [flags]}. Run with {@code --help}.
 * The shared secret can come from a file or the {@code SWARMRTC_TURN_SECRET} environment
 * variable so it never shows in the process list.
 */
public final class Main {
  private static final String USAGE = """
      Usage: swarmrtc-stun-turn [flags]
        --bind ADDR             listen address (default 127.0.0.1)
        --port N                UDP and TCP port (default 3478; 0 = ephemeral)
        --udp-port N|off        UDP port (overrides --port)
        --tcp-port N|off        TCP port (overrides --port)
        --realm REALM           realm for long-term credentials (default swarmrtc)
        --secret-file FILE      shared secret for REST credentials (or env SWARMRTC_TURN_SECRET)
        --user NAME:PASSWORD    a static long-term user (repeatable)
        --relay-address ADDR    IPv4 address relays bind and advertise (default: --bind)
        --relay-ports MIN-MAX   relay port range (default 49152-65535; 0-0 = OS chooses)
        --allow-peer CIDR       allow relaying to this block despite the deny-list (repeatable)
        --max-allocations N     total allocation cap (default 10000)
        --max-allocations-per-user N   (default 10)
        --user-bandwidth BYTES_PER_S   relayed bytes/s per user, 0 = unlimited (default 16777216)
        --help
      """;

  private Main() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    StunTurnConfig config;
    try {
      config = parse(args, System.getenv("SWARMRTC_TURN_SECRET"));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (config == null) {
      System.out.print(USAGE);
      return;
    }
    StunTurnServer server = StunTurnServer.start(config);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stop.countDown();
    }));
    PrintStream out = System.out;
    out.printf("swarmrtc stun-turn listening udp=%d tcp=%d bind=%s relay=%s%n",
        server.udpPort(), server.tcpPort(), config.bindAddress().getHostAddress(),
        config.relayAddress().getHostAddress());
    out.flush();
    stop.await();
  }

  /** Parses flags into a config; null means "--help". */
  static StunTurnConfig parse(String[] args, String envSecret) throws IOException {
    StunTurnConfig.Builder b = StunTurnConfig.builder().sharedSecret(envSecret);
    Integer udp = null;
    Integer tcp = null;
    int port = 3478;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return null;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag);
      }
      String v = args[++i];
      switch (flag) {
        case "--bind" -> b.bindAddress(literal(v));
        case "--port" -> port = Integer.parseInt(v);
        case "--udp-port" -> udp = portOrOff(v);
        case "--tcp-port" -> tcp = portOrOff(v);
        case "--realm" -> b.realm(v);
        case "--secret-file" -> b.sharedSecret(
            Files.readString(Path.of(v), StandardCharsets.UTF_8).strip());
        case "--user" -> {
          int colon = v.indexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("--user wants NAME:PASSWORD");
          }
          b.user(v.substring(0, colon), v.substring(colon + 1));
        }
        case "--relay-address" -> b.relayAddress(literal(v));
        case "--relay-ports" -> {
          String[] r = v.split("-", 2);
          if (r.length != 2) {
            throw new IllegalArgumentException("--relay-ports wants MIN-MAX");
          }
          b.relayPorts(Integer.parseInt(r[0]), Integer.parseInt(r[1]));
        }
        case "--allow-peer" -> b.allowPeers(v);
        case "--max-allocations" -> b.maxAllocations(Integer.parseInt(v));
        case "--max-allocations-per-user" -> b.maxAllocationsPerUser(Integer.parseInt(v));
        case "--user-bandwidth" -> b.userBytesPerSecond(Long.parseLong(v));
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    b.udpPort(udp != null ? udp : port).tcpPort(tcp != null ? tcp : port);
    return b.build();
  }

  private static int portOrOff(String v) {
    return v.equals("off") ? StunTurnConfig.DISABLED : Integer.parseInt(v);
  }

  private static InetAddress literal(String v) throws IOException {
    if (!v.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IP literal: " + v);
    }
    return InetAddress.getByName(v);
  }
}
