package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.SwarmException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Checks that the server answers HTTP at all before joining, so an unreachable server fails in
 * seconds with its cause (the signaling client would keep reconnecting until the join timeout).
 * Any HTTP answer counts as reachable.
 */
final class ServerProbe {
  private ServerProbe() {}

  static void check(URI origin, Duration timeout) {
    URI health = URI.create(origin.toString().replaceAll("/+$", "") + "/health");
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      http.send(HttpRequest.newBuilder(health).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      String why = e instanceof java.net.ConnectException ? "connection refused"
          : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new SwarmException(SwarmException.Code.JOIN_FAILED, "cannot join via " + origin
          + ": the server is unreachable (" + why + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwarmException(SwarmException.Code.CLOSED, "interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new SwarmException(SwarmException.Code.BAD_URL, "not a server origin: " + origin, e);
    }
  }
}
