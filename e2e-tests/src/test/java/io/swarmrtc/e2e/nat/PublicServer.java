package io.swarmrtc.e2e.nat;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.stunturn.StunTurnConfig;
import io.swarmrtc.stunturn.StunTurnServer;
import io.swarmrtc.stunturn.TurnMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * The swarmrtc server as deployed on the internet of a {@link io.swarmrtc.e2e.harness.Topology}:
 * signaling, web app and {@code /api/ice-servers} on {@code address} (an IP literal, also the
 * advertised {@code --public-host}), and our STUN/TURN server on the same address, UDP and TCP
 * port {@value #STUN_PORT}, sharing the TURN secret with the signaling server.
 *
 * <p>Defaults are the production ones (realm, quotas, deny-list): the homes' NAT addresses are
 * TEST-NET-2 (198.51.100.0/24), which the relay's deny-list does not block, so no allow-list is
 * configured. {@code signaling} and {@code turn} let a test change one side, e.g. a wrong secret.
 */
final class PublicServer implements AutoCloseable {

  static final int STUN_PORT = 3478;
  static final String TURN_SECRET = "nat-tests-turn-secret";

  private final String address;
  private final StunTurnServer turn;
  private final SwarmrtcServer server;

  private PublicServer(String address, StunTurnServer turn, SwarmrtcServer server) {
    this.address = address;
    this.turn = turn;
    this.server = server;
  }

  static PublicServer start(String address) {
    return start(address, UnaryOperator.identity(), UnaryOperator.identity());
  }

  static PublicServer start(String address, UnaryOperator<ServerConfig.Builder> signaling,
                            UnaryOperator<StunTurnConfig.Builder> turnSettings) {
    InetAddress bind;
    try {
      bind = InetAddress.getByName(address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StunTurnServer turn;
    try {
      turn = StunTurnServer.start(turnSettings.apply(StunTurnConfig.builder()
          .bindAddress(bind).udpPort(STUN_PORT).tcpPort(STUN_PORT)
          .realm("swarmrtc").sharedSecret(TURN_SECRET)).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      SwarmrtcServer server = SwarmrtcServer.start(signaling.apply(ServerConfig.builder()
          .host(address).port(0).publicHost(address)
          .stunPort(STUN_PORT).turnSecret(TURN_SECRET).turnRealm("swarmrtc")).build());
      return new PublicServer(address, turn, server);
    } catch (RuntimeException e) {
      turn.close();
      throw e;
    }
  }

  /** {@code http://<address>:<port>}: the origin browsers load the web app from. */
  String origin() {
    return "http://" + address + ":" + server.port();
  }

  URI uri(String path) {
    return URI.create(origin() + path);
  }

  /** {@code stun:<address>:3478}, as advertised; local candidates name the URL they came from. */
  String stunUrl() {
    return "stun:" + address + ":" + STUN_PORT;
  }

  /** The server's IP literal, also the relayed address of every TURN allocation. */
  String address() {
    return address;
  }

  /** {@code turn:<address>:3478}, to which the advertised URLs add {@code ?transport=udp|tcp}. */
  String turnUrlPrefix() {
    return "turn:" + address + ":" + STUN_PORT;
  }

  TurnMetrics turnMetrics() {
    return turn.metrics();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      turn.close();
    }
  }
}
