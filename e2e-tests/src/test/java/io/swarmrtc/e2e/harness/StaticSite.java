package io.swarmrtc.e2e.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small static web server for harness tests that need a page but not the swarmrtc server:
 * serves a classpath folder or a directory on {@code 127.0.0.1} and an ephemeral port.
 * Real e2e tests use the real server instead.
 *
 * <pre>{@code
 * try (StaticSite site = StaticSite.classpath("/pages")) {
 *   browser.open(site.uri("/datachannel.html"));
 * }
 * }</pre>
 */
public final class StaticSite implements AutoCloseable {

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "mjs", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json",
      "txt", "text/plain; charset=utf-8");

  private final HttpServer server;
  private final ExecutorService executor;
  private final String host;

  private StaticSite(Source source, InetAddress bind) throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(bind, 0), 0);
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "static-site");
      t.setDaemon(true);
      return t;
    });
    this.host = bind.getHostAddress();
    server.createContext("/", exchange -> serve(source, exchange));
    server.setExecutor(executor);
    server.start();
  }

  /** Serves the classpath folder {@code folder} (e.g. {@code "/pages"}) on 127.0.0.1. */
  public static StaticSite classpath(String folder) {
    String root = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    return start(path -> StaticSite.class.getResourceAsStream(root + path), InetAddress.getLoopbackAddress());
  }

  /** Serves the directory {@code dir} on {@code bind} (e.g. an address inside a {@link Topology}). */
  public static StaticSite directory(Path dir, InetAddress bind) {
    Path root = dir.toAbsolutePath().normalize();
    return start(path -> {
      Path file = root.resolve(path.substring(1)).normalize();
      return file.startsWith(root) && Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    }, bind);
  }

  /** Serves the directory {@code dir} on 127.0.0.1. */
  public static StaticSite directory(Path dir) {
    return directory(dir, InetAddress.getLoopbackAddress());
  }

  private static StaticSite start(Source source, InetAddress bind) {
    try {
      return new StaticSite(source, bind);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The absolute URI of {@code path} (starting with "/") on this site. */
  public URI uri(String path) {
    return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void serve(Source source, HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod()) || path.contains("..") || path.endsWith("/")) {
        exchange.sendResponseHeaders(path.endsWith("/") ? 404 : 405, -1);
        return;
      }
      try (InputStream in = source.open(path)) {
        if (in == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = in.readAllBytes();
        String ext = path.substring(path.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  @FunctionalInterface
  private interface Source {
    /** The resource at {@code path} (starting with "/"), or null when there is none. */
    InputStream open(String path) throws IOException;
  }
}
