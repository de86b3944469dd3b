package io.swarmrtc.peer.internal.chat;

import io.swarmrtc.peer.ChatListener;
import io.swarmrtc.peer.ChatMessage;
import io.swarmrtc.peer.ChatRoom;
import io.swarmrtc.peer.SwarmException;
import io.swarmrtc.peer.internal.mesh.MeshConfig;
import io.swarmrtc.peer.internal.mesh.MeshPeer;
import io.swarmrtc.peer.internal.mesh.PeerMesh;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ChatRoom} on a {@link PeerMesh}: JSON chat messages on every peer's chat channel. */
public final class MeshChatRoom implements ChatRoom {
  private static final Logger LOG = LoggerFactory.getLogger(MeshChatRoom.class);

  private final PeerMesh mesh;
  private final Clock clock;
  private final Consumer<MeshChatRoom> onClose;
  private volatile boolean closed;

  private MeshChatRoom(MeshConfig config, Clock clock, ChatListener listener, Consumer<MeshChatRoom> onClose) {
    this.clock = clock;
    this.onClose = onClose;
    this.mesh = new PeerMesh(config, new PeerMesh.Listener() {
      @Override
      public boolean usesSwarmChannel() {
        return false; // like the browser's chat page
      }

      @Override
      public void onPeerConnected(MeshPeer peer) {
        listener.onPeerJoined(peer.id());
      }

      @Override
      public void onPeerDisconnected(MeshPeer peer) {
        listener.onPeerLeft(peer.id());
      }

      @Override
      public void onChatText(MeshPeer peer, String text) {
        ChatCodec.ChatLine line;
        try {
          line = ChatCodec.decode(text);
        } catch (ChatCodec.ChatFormatException e) {
          LOG.info("chat: dropping a malformed message from {}: {}", peer.id(), e.getMessage());
          return;
        }
        listener.onMessage(new ChatMessage(peer.id(), line.text(), Instant.ofEpochMilli(line.ts())));
      }
    });
  }

  /** Joins and returns once joined (peers connect afterwards; see {@link ChatListener#onPeerJoined}). */
  public static MeshChatRoom join(MeshConfig config, Duration timeout, Clock clock, ChatListener listener,
      Consumer<MeshChatRoom> onClose) {
    MeshChatRoom room = new MeshChatRoom(config, clock, listener, onClose);
    try {
      room.mesh.start().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return room;
    } catch (java.util.concurrent.TimeoutException e) {
      room.close();
      throw new SwarmException(SwarmException.Code.TIMEOUT,
          "could not join within " + timeout.toSeconds() + " s via " + config.signaling().uri(), e);
    } catch (InterruptedException e) {
      room.close();
      Thread.currentThread().interrupt();
      throw new SwarmException(SwarmException.Code.CLOSED, "interrupted while joining", e);
    } catch (java.util.concurrent.ExecutionException e) {
      room.close();
      throw new SwarmException(SwarmException.Code.JOIN_FAILED, e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public String localPeerId() {
    return mesh.localId();
  }

  @Override
  public List<String> peers() {
    return mesh.connectedPeers().stream().map(MeshPeer::id).toList();
  }

  @Override
  public CompletableFuture<Integer> send(String text) {
    if (closed) {
      throw new SwarmException(SwarmException.Code.CLOSED, "chat room is closed", null);
    }
    String json = ChatCodec.encode(text, clock.millis());
    List<MeshPeer> peers = mesh.connectedPeers();
    CompletableFuture<?>[] sends = peers.stream()
        .map(p -> p.chat().sendText(json).handle((v, t) -> t == null ? 1 : 0))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(sends).thenApply(v -> {
      int n = 0;
      for (CompletableFuture<?> f : sends) {
        n += (Integer) f.join();
      }
      return n;
    });
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    mesh.close();
    onClose.accept(this);
  }
}
