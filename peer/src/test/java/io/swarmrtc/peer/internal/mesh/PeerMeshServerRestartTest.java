package io.swarmrtc.peer.internal.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.signaling.SignalingConfig;
import io.swarmrtc.peer.testing.Await;
import io.swarmrtc.peer.testing.RealServer;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A restarted signaling server gives both peers new ids. The first one back tells the other its new
 * id over their connection (docs/swarm-protocol.md, peer-id on {@code chat}), so the second one,
 * meeting that id in the room, does not open a second connection: each still has exactly the one
 * connection it had, and it still carries messages.
 */
@Tag("netns")
class PeerMeshServerRestartTest {

  private static PeerMesh join(RealServer server, PeerMeshTest.Seen seen, Duration backoff) throws Exception {
    URI ws = URI.create(server.origin().toString().replaceFirst("^http", "ws") + "/ws");
    SignalingConfig signaling = SignalingConfig.builder(ws, "restart-room").backoff(backoff, backoff).build();
    PeerMesh mesh = new PeerMesh(new MeshConfig(signaling, RtcConfig.builder().build(), null, Duration.ofSeconds(20)), seen);
    mesh.start().get(10, TimeUnit.SECONDS);
    return mesh;
  }

  @Test
  @DisplayName("after a server restart the peers keep their one connection and learn each other's new ids")
  void peersKeepTheirOneConnectionAcrossAServerRestart() throws Exception {
    PeerMeshTest.Seen seenA = new PeerMeshTest.Seen();
    PeerMeshTest.Seen seenB = new PeerMeshTest.Seen();
    try (RealServer server = new RealServer();
         PeerMesh a = join(server, seenA, Duration.ofMillis(50)); // back first
         PeerMesh b = join(server, seenB, Duration.ofSeconds(2))) { // back 1-2 s later
      Await.until("both connected", Duration.ofSeconds(20),
          () -> seenA.connected.size() == 1 && seenB.connected.size() == 1, () -> seenA.connected + " " + seenB.connected);
      String oldA = a.localId();
      String oldB = b.localId();

      server.restart();
      Await.until("both back in the room under new ids", Duration.ofSeconds(20),
          () -> !oldA.equals(a.localId()) && !oldB.equals(b.localId()), () -> a.localId() + " " + b.localId());
      // B met A's new id in the room when it came back, after A's peer-id message: B's one link is
      // keyed by it (had B not known it, it would have opened a second link to it, and offered).
      Await.until("each side's one link is keyed by the other's new id", Duration.ofSeconds(10),
          () -> b.linkedPeerIds().equals(Set.of(a.localId())) && a.linkedPeerIds().equals(Set.of(b.localId())),
          () -> "A links " + a.linkedPeerIds() + " (B is " + b.localId() + "), B links " + b.linkedPeerIds()
              + " (A is " + a.localId() + ")");
      b.connectedPeers().get(0).chat().sendText("still here").get(10, TimeUnit.SECONDS);
      Await.until("the chat arrives over the kept connection", Duration.ofSeconds(10),
          () -> seenA.chats.contains(oldB + ":still here"), () -> seenA.chats);
      assertEquals(Set.of(oldB), seenA.connected, "A connected once, to B");
      assertEquals(Set.of(oldA), seenB.connected, "B connected once, to A");
      assertTrue(seenA.disconnected.isEmpty() && seenB.disconnected.isEmpty(), "nobody was disconnected");
      assertNotEquals(oldA, a.localId());
    }
  }
}
