package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.peer.Download;
import io.swarmrtc.peer.DownloadResult;
import io.swarmrtc.peer.ProgressListener;
import io.swarmrtc.peer.RoomJoin;
import io.swarmrtc.peer.SwarmException;
import io.swarmrtc.peer.TransferStats;
import io.swarmrtc.peer.internal.ClientSettings;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.swarm.ShareLink;
import io.swarmrtc.protocol.swarm.ShareLinkException;
import io.swarmrtc.swarm.Bitfield;
import io.swarmrtc.swarm.SwarmSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link Download}: resumes from the directory when an earlier run left its manifest and
 * verified pieces there, else fetches the manifest from peers; then a {@link SwarmEngine} downloads
 * and serves.
 */
public final class EngineDownload implements Download {
  private final CompletableFuture<DownloadResult> completion = new CompletableFuture<>();
  private final Consumer<EngineDownload> onClose;
  private final long startNanos = System.nanoTime();
  private SwarmEngine engine;
  private volatile boolean closed;

  private EngineDownload(Consumer<EngineDownload> onClose) {
    this.onClose = onClose;
  }

  /**
   * Starts downloading {@code url} into {@code dir}; returns at once (joining happens in the background).
   *
   * @throws SwarmException BAD_URL for a malformed share URL, STORAGE if the directory is unusable
   */
  public static EngineDownload start(ClientSettings settings, EngineOptions options, URI url, Path dir,
      ProgressListener listener, Consumer<EngineDownload> onClose) {
    ShareLink link;
    try {
      link = ShareLink.parse(url.toString());
    } catch (ShareLinkException e) {
      throw new SwarmException(SwarmException.Code.BAD_URL, "not a share URL (" + e.getMessage() + "): " + url, e);
    }
    DownloadFiles files = new DownloadFiles(dir, link.content());
    SwarmSession session;
    boolean alreadyComplete = false;
    try {
      Optional<Manifest> saved = files.savedManifest();
      if (saved.isPresent()) {
        Manifest m = saved.get();
        BitSet verified = files.open(m);
        alreadyComplete = files.isComplete();
        session = alreadyComplete ? SwarmSession.seeding(m, options.swarm(), options.clock())
            : SwarmSession.resuming(m, bitfield(verified, m.pieceCount()), options.swarm(), options.clock());
      } else {
        session = SwarmSession.downloading(link.content(), options.swarm(), options.clock());
      }
    } catch (IOException | RuntimeException e) {
      files.close();
      throw new SwarmException(SwarmException.Code.STORAGE, "cannot use " + dir + ": " + e.getMessage(), e);
    }
    EngineDownload d = new EngineDownload(onClose);
    d.engine = new SwarmEngine("get", settings.meshConfig(RoomJoin.of(link.room())), session, files, options,
        d.new Events(listener));
    if (alreadyComplete) {
      d.finish(files.files());
    }
    String server = settings.server().toString();
    d.engine.start()
        .orTimeout(settings.joinTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((id, t) -> {
          if (t != null) {
            SwarmException e = t instanceof java.util.concurrent.TimeoutException
                || t.getCause() instanceof java.util.concurrent.TimeoutException
                ? new SwarmException(SwarmException.Code.TIMEOUT, "could not join within "
                    + settings.joinTimeout().toSeconds() + " s via " + server, t)
                : Joining.failure(t, server);
            d.completion.completeExceptionally(e);
            d.engine.closeAsync();
          }
        });
    return d;
  }

  private static Bitfield bitfield(BitSet verified, int pieces) {
    Bitfield b = new Bitfield(pieces);
    verified.stream().filter(i -> i < pieces).forEach(b::set);
    return b;
  }

  private void finish(List<Path> files) {
    TransferStats s = engine.stats();
    completion.complete(new DownloadResult(files, Math.max(0, s.totalBytes()), s.downloadedBytes(),
        Duration.ofNanos(System.nanoTime() - startNanos)));
  }

  private final class Events implements SwarmEngine.Events {
    private final ProgressListener listener;

    Events(ProgressListener listener) {
      this.listener = listener;
    }

    @Override
    public void onProgress(TransferStats stats) {
      listener.onProgress(stats);
    }

    @Override
    public void onNotice(io.swarmrtc.peer.SwarmNotice notice) {
      listener.onNotice(notice);
    }

    @Override
    public void onComplete(List<Path> files) {
      finish(files);
    }

    @Override
    public void onFailed(SwarmException error) {
      completion.completeExceptionally(error);
      engine.closeAsync();
    }
  }

  @Override
  public CompletableFuture<DownloadResult> completion() {
    return completion;
  }

  @Override
  public TransferStats stats() {
    return engine.stats();
  }

  @Override
  public void cancel() {
    close();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    engine.close();
    completion.completeExceptionally(new SwarmException(SwarmException.Code.CANCELLED, "download cancelled", null));
    onClose.accept(this);
  }
}
