package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.peer.ProgressListener;
import io.swarmrtc.peer.RoomJoin;
import io.swarmrtc.peer.Share;
import io.swarmrtc.peer.SwarmException;
import io.swarmrtc.peer.SwarmNotice;
import io.swarmrtc.peer.TransferStats;
import io.swarmrtc.peer.internal.ClientSettings;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestFormatException;
import io.swarmrtc.protocol.swarm.ShareLink;
import io.swarmrtc.swarm.SwarmSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** A {@link Share}: hashes the files, joins the room and seeds through a {@link SwarmEngine}. */
public final class EngineShare implements Share {
  private final SwarmEngine engine;
  private final ShareLink link;
  private final Consumer<EngineShare> onClose;
  private volatile boolean closed;

  private EngineShare(SwarmEngine engine, ShareLink link, Consumer<EngineShare> onClose) {
    this.engine = engine;
    this.link = link;
    this.onClose = onClose;
  }

  /** Hashes {@code paths}, joins and returns once joined. */
  public static EngineShare start(ClientSettings settings, EngineOptions options, RoomJoin join, List<Path> paths,
      ProgressListener listener, Consumer<EngineShare> onClose) {
    ShareSources sources;
    Manifest manifest;
    try {
      sources = ShareSources.of(paths);
      manifest = sources.builder().build();
    } catch (IOException | IllegalArgumentException | ManifestFormatException e) {
      throw new SwarmException(SwarmException.Code.STORAGE, "cannot share " + paths + ": " + e.getMessage(), e);
    }
    SeedFiles files;
    try {
      files = new SeedFiles(manifest, sources.files());
    } catch (IOException e) {
      throw new SwarmException(SwarmException.Code.STORAGE, "cannot open " + paths + ": " + e.getMessage(), e);
    }
    ShareLink link = new ShareLink(origin(settings.server()), join.room(), manifest.contentId());
    SwarmSession session = SwarmSession.seeding(manifest, options.swarm(), options.clock());
    SwarmEngine engine = new SwarmEngine("share", settings.meshConfig(join), session, files,
        options.withSourceTimeout(java.time.Duration.ZERO), new SwarmEngine.Events() {
          @Override
          public void onNotice(SwarmNotice notice) {
            listener.onNotice(notice);
          }
        });
    try {
      Joining.await(engine.start(), settings.joinTimeout(), settings.server().toString());
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return new EngineShare(engine, link, onClose);
  }

  /** The server origin as a share URL origin: no trailing slash. */
  static String origin(URI server) {
    String s = server.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  @Override
  public URI url() {
    return URI.create(link.format());
  }

  @Override
  public String contentId() {
    return link.content().hex();
  }

  @Override
  public String peerId() {
    return engine.localId();
  }

  @Override
  public String room() {
    return link.room();
  }

  @Override
  public TransferStats stats() {
    return engine.stats();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    engine.close();
    onClose.accept(this);
  }
}
