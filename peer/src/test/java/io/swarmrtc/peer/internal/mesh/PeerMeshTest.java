package io.swarmrtc.peer.internal.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.signaling.SignalingConfig;
import io.swarmrtc.peer.testing.StandInSignalingServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("netns")
class PeerMeshTest {
  private StandInSignalingServer server;
  private final List<PeerMesh> meshes = new ArrayList<>();

  /** What one mesh saw, as strings. */
  static final class Seen implements PeerMesh.Listener {
    final Set<String> connected = ConcurrentHashMap.newKeySet();
    final Set<String> disconnected = ConcurrentHashMap.newKeySet();
    final Set<String> chats = ConcurrentHashMap.newKeySet();
    final Set<String> swarm = ConcurrentHashMap.newKeySet();

    @Override
    public void onPeerConnected(MeshPeer peer) {
      connected.add(peer.id());
    }

    @Override
    public void onPeerDisconnected(MeshPeer peer) {
      disconnected.add(peer.id());
    }

    @Override
    public void onChatText(MeshPeer peer, String text) {
      chats.add(peer.id() + ":" + text);
    }

    @Override
    public void onSwarmMessage(MeshPeer peer, byte[] message) {
      swarm.add(peer.id() + ":" + message.length);
    }
  }

  @BeforeEach
  void startServer() {
    server = new StandInSignalingServer(10_000);
  }

  @AfterEach
  void tearDown() {
    meshes.forEach(PeerMesh::close);
    server.close();
  }

  private PeerMesh join(Seen seen) throws Exception {
    SignalingConfig signaling = SignalingConfig.builder(server.uri(), "mesh-room").build();
    PeerMesh mesh = new PeerMesh(new MeshConfig(signaling, RtcConfig.builder().build(), null,
        Duration.ofSeconds(20)), seen);
    meshes.add(mesh);
    mesh.start().get(10, TimeUnit.SECONDS);
    return mesh;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10); // polling a condition with a deadline, not a synchronisation sleep
    }
  }

  @Test
  @DisplayName("three peers in a room connect pairwise, exchange chat and swarm messages, and see a leave")
  void threePeersConnectPairwiseAndChat() throws Exception {
    Seen[] seen = {new Seen(), new Seen(), new Seen()};
    PeerMesh[] m = new PeerMesh[3];
    for (int i = 0; i < 3; i++) {
      m[i] = join(seen[i]);
    }
    String[] ids = {m[0].localId(), m[1].localId(), m[2].localId()};
    for (int i = 0; i < 3; i++) {
      int me = i;
      await("peer " + me + " is connected to the two others",
          () -> seen[me].connected.size() == 2);
      assertEquals(Set.of(ids[(me + 1) % 3], ids[(me + 2) % 3]), seen[me].connected);
    }
    for (int i = 0; i < 3; i++) {
      for (MeshPeer p : m[i].connectedPeers()) {
        p.chat().sendText("hello from " + i).get(10, TimeUnit.SECONDS);
        p.swarm().send(new byte[1000 + i]).get(10, TimeUnit.SECONDS);
      }
    }
    for (int i = 0; i < 3; i++) {
      int me = i;
      int a = (me + 1) % 3;
      int b = (me + 2) % 3;
      await("peer " + me + " got both chats",
          () -> seen[me].chats.equals(Set.of(ids[a] + ":hello from " + a, ids[b] + ":hello from " + b)));
      await("peer " + me + " got both swarm messages",
          () -> seen[me].swarm.equals(Set.of(ids[a] + ":" + (1000 + a), ids[b] + ":" + (1000 + b))));
    }
    assertTrue(m[0].connectedPeers().get(0).path().get(10, TimeUnit.SECONDS).direct());

    // A lost signaling socket resumes: the peer connections carry on, nobody sees a disconnect.
    server.dropSocket(ids[1]);
    await("peer 1 is back in the room with its id", () -> server.joins() == 4);
    m[1].connectedPeers().get(0).chat().sendText("after resume").get(10, TimeUnit.SECONDS);
    String to = m[1].connectedPeers().get(0).id();
    int toIndex = to.equals(ids[0]) ? 0 : 2;
    await("the chat after the resume arrives", () -> seen[toIndex].chats.contains(ids[1] + ":after resume"));
    assertEquals(ids[1], m[1].localId());
    assertTrue(seen[0].disconnected.isEmpty() && seen[1].disconnected.isEmpty() && seen[2].disconnected.isEmpty());

    m[2].close();
    m[2].close();
    await("peers 0 and 1 see peer 2 go", () -> seen[0].disconnected.contains(ids[2])
        && seen[1].disconnected.contains(ids[2]));
    assertEquals(Set.of(ids[1]), Set.copyOf(m[0].connectedPeers().stream().map(MeshPeer::id).toList()));
  }
}
