package io.swarmrtc.peer.internal.mesh;

import io.swarmrtc.peer.internal.rtc.DataChannelSender;
import io.swarmrtc.peer.internal.rtc.PathInfo;
import io.swarmrtc.peer.internal.rtc.RtcConnection;
import java.util.concurrent.CompletableFuture;

/**
 * A connected remote peer: its id, its two channels (docs/swarm-protocol.md: {@code swarm} binary,
 * {@code chat} text) and its network path. Handed out by {@link PeerMesh.Listener#onPeerConnected}.
 */
public final class MeshPeer {
  private final String id;
  private final RtcConnection connection;
  private final DataChannelSender swarm;
  private final DataChannelSender chat;

  MeshPeer(String id, RtcConnection connection, DataChannelSender swarm, DataChannelSender chat) {
    this.id = id;
    this.connection = connection;
    this.swarm = swarm;
    this.chat = chat;
  }

  /** The remote peer's id in the room. */
  public String id() {
    return id;
  }

  /** Sends swarm messages (binary, at most 256 KiB each); null in a chat-only mesh. */
  public DataChannelSender swarm() {
    return swarm;
  }

  /** Sends chat messages (text). */
  public DataChannelSender chat() {
    return chat;
  }

  /** Direct or relayed, from the selected candidate pair. */
  public CompletableFuture<PathInfo> path() {
    return connection.pathInfo();
  }

  /** Drops this peer (e.g. after GOODBYE); {@code onPeerDisconnected} follows. Idempotent. */
  public void disconnect() {
    connection.close();
  }

  public boolean isConnected() {
    return !connection.isClosed() && (swarm == null || swarm.isOpen()) && chat.isOpen();
  }

  @Override
  public String toString() {
    return "MeshPeer[" + id + "]";
  }
}
