package io.swarmrtc.e2e.nat;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.stunturn.StunTurnConfig;
import io.swarmrtc.stunturn.StunTurnServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The swarmrtc server as deployed on the internet of a {@link io.swarmrtc.e2e.harness.Topology}:
 * signaling, web app and {@code /api/ice-servers} on {@code address} (an IP literal, also the
 * advertised {@code --public-host}) with the embedded STUN/TURN server on the same address, UDP and
 * TCP port {@value #STUN_PORT}, as the server jar runs by default.
 *
 * <p>Defaults are the production ones (realm, quotas, deny-list): the homes' NAT addresses are
 * TEST-NET-2 (198.51.100.0/24), which the relay's deny-list does not block, so no allow-list is
 * configured.
 *
 * <p>{@link #withSeparateTurn} runs our STUN/TURN server as its own process would instead (embedded
 * one off, {@code --ice-urls} pointing at it): the deployment where signaling and TURN can disagree
 * on the secret or the time, which the credential tests need.
 */
final class PublicServer implements AutoCloseable {

  static final int STUN_PORT = 3478;
  static final String TURN_SECRET = "nat-tests-turn-secret";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern RELAYED_BYTES = Pattern.compile("(?m)^swarmrtc_turn_relayed_bytes_total(?:\\{[^}]*})? (\\S+)$");

  private final String address;
  /** The running server; replaced by {@link #restart()}, null while {@link #stop() stopped}. */
  private volatile SwarmrtcServer server;
  /** The HTTP port, kept so that a restart comes back on the same one. */
  private final int port;
  /** The separate TURN server, or null when the server's embedded one runs. */
  private final StunTurnServer separateTurn;

  private PublicServer(String address, SwarmrtcServer server, StunTurnServer separateTurn) {
    this.address = address;
    this.server = server;
    this.port = server.port();
    this.separateTurn = separateTurn;
  }

  /** The server jar's shape: signaling + embedded STUN/TURN on {@code address}. */
  static PublicServer start(String address) {
    return new PublicServer(address, SwarmrtcServer.start(base(address).stunPort(STUN_PORT).build()), null);
  }

  /**
   * Signaling on {@code address} advertising a separate STUN/TURN server on the same address that
   * checks credentials with {@link #TURN_SECRET} by its own clock; {@code signaling} adjusts the
   * signaling side (e.g. another secret, or a clock that is behind).
   */
  static PublicServer withSeparateTurn(String address, UnaryOperator<ServerConfig.Builder> signaling) {
    StunTurnServer turn;
    try {
      turn = StunTurnServer.start(StunTurnConfig.builder()
          .bindAddress(InetAddress.getByName(address)).udpPort(STUN_PORT).tcpPort(STUN_PORT)
          .realm("swarmrtc").sharedSecret(TURN_SECRET).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      String hostPort = address + ":" + STUN_PORT;
      ServerConfig config = signaling.apply(base(address).stunEnabled(false)
          .stun(s -> s.iceUrls(List.of("stun:" + hostPort, "turn:" + hostPort + "?transport=udp",
              "turn:" + hostPort + "?transport=tcp")))).build();
      return new PublicServer(address, SwarmrtcServer.start(config), turn);
    } catch (RuntimeException e) {
      turn.close();
      throw e;
    }
  }

  private static ServerConfig.Builder base(String address) {
    return ServerConfig.builder().host(address).port(0).publicHost(address)
        .turnSecret(TURN_SECRET).turnRealm("swarmrtc");
  }

  /**
   * Stops the server for real, as a crashed or redeployed one: every socket closes (signaling,
   * HTTP, STUN/TURN and its relays) and nothing listens on its ports until {@link #restart()}.
   */
  void stop() {
    SwarmrtcServer running = server;
    server = null;
    if (running != null) {
      running.close();
    }
  }

  /**
   * Starts a fresh server (empty rooms, no resume token known) on the same address and ports,
   * after {@link #stop()}. Only for the embedded STUN/TURN shape of {@link #start(String)}.
   */
  void restart() {
    if (separateTurn != null) {
      throw new IllegalStateException("restart() supports the embedded STUN/TURN server only");
    }
    stop();
    server = SwarmrtcServer.start(base(address).port(port).stunPort(STUN_PORT).build());
  }

  /** {@code http://<address>:<port>}: the origin browsers load the web app from. */
  String origin() {
    return "http://" + address + ":" + port;
  }

  URI uri(String path) {
    return URI.create(origin() + path);
  }

  /** The server's IP literal, also the relayed address of every TURN allocation. */
  String address() {
    return address;
  }

  /** {@code stun:<address>:3478}, as advertised; local candidates name the URL they came from. */
  String stunUrl() {
    return "stun:" + address + ":" + STUN_PORT;
  }

  /** {@code turn:<address>:3478}, to which the advertised URLs add {@code ?transport=udp|tcp}. */
  String turnUrlPrefix() {
    return "turn:" + address + ":" + STUN_PORT;
  }

  /** Payload bytes the TURN server relayed: the embedded one's as exported on {@code /metrics}. */
  long turnRelayedBytes() {
    if (separateTurn != null) {
      return separateTurn.metrics().relayedBytes();
    }
    Matcher m = RELAYED_BYTES.matcher(scrapeMetrics());
    if (!m.find()) {
      throw new AssertionError("no swarmrtc_turn_relayed_bytes_total on /metrics");
    }
    return (long) Double.parseDouble(m.group(1));
  }

  /** STUN error responses with {@code code} the TURN server sent (embedded: from {@code /metrics}). */
  long turnErrors(int code) {
    if (separateTurn != null) {
      return separateTurn.metrics().errorResponses(code);
    }
    Matcher m = Pattern.compile("(?m)^swarmrtc_turn_errors_total\\{code=\"" + code + "\",?} (\\S+)$").matcher(scrapeMetrics());
    if (!m.find()) {
      throw new AssertionError("no swarmrtc_turn_errors_total{code=\"" + code + "\"} on /metrics");
    }
    return (long) Double.parseDouble(m.group(1));
  }

  private String scrapeMetrics() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("/metrics answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      if (separateTurn != null) {
        separateTurn.close();
      }
    }
  }
}
