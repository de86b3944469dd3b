package io.swarmrtc.peer.internal.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmrtc.peer.internal.rtc.IceServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Fetches {@code GET /api/ice-servers?peer=ID} (docs/signaling.md, "ICE servers"). */
public final class IceServersClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  // HTTP/1.1: the server speaks it, and an h2c upgrade attempt buys nothing on a one-shot GET.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final URI endpoint;

  /** @param endpoint e.g. {@code http://127.0.0.1:8080/api/ice-servers} */
  public IceServersClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  public CompletableFuture<List<IceServer>> fetch(String peerId) {
    URI uri = URI.create(endpoint + "?peer=" + URLEncoder.encode(peerId, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new SignalingException(SignalingErrorCode.CONNECTION_FAILED,
            "GET " + endpoint + " answered " + r.statusCode());
      }
      return parse(r.body());
    });
  }

  /** Parses the documented body; throws PROTOCOL_ERROR naming the bad field. */
  public static List<IceServer> parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (Exception e) {
      throw new SignalingException(SignalingErrorCode.PROTOCOL_ERROR, "ice-servers: not JSON");
    }
    JsonNode servers = root == null ? null : root.get("iceServers");
    if (servers == null || !servers.isArray()) {
      throw new SignalingException(SignalingErrorCode.PROTOCOL_ERROR, "field iceServers: missing or not an array");
    }
    List<IceServer> out = new ArrayList<>();
    for (JsonNode s : servers) {
      JsonNode urls = s.get("urls");
      List<String> list = new ArrayList<>();
      if (urls != null && urls.isTextual()) {
        list.add(urls.textValue());
      } else if (urls != null && urls.isArray()) {
        urls.forEach(u -> list.add(u.asText()));
      }
      if (list.isEmpty()) {
        throw new SignalingException(SignalingErrorCode.PROTOCOL_ERROR, "field iceServers[].urls: missing");
      }
      out.add(new IceServer(list, text(s, "username"), text(s, "credential")));
    }
    return out;
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || !v.isTextual() ? null : v.textValue();
  }
}
