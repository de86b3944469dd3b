package io.swarmrtc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.internal.signaling.SignalingErrorCode;
import io.swarmrtc.peer.internal.signaling.SignalingException;
import io.swarmrtc.peer.testing.StandInSignalingServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The public API end to end: two SwarmClients chat through a (stand-in) signaling server. */
@Tag("netns")
class SwarmClientChatTest {
  private StandInSignalingServer server;

  @BeforeEach
  void start() {
    server = new StandInSignalingServer(10_000);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static final class Inbox implements ChatListener {
    final BlockingQueue<ChatMessage> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> joined = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(ChatMessage message) {
      messages.add(message);
    }

    @Override
    public void onPeerJoined(String peerId) {
      joined.add(peerId);
    }
  }

  @Test
  @SuppressWarnings("try") // closes a resource twice on purpose
  void twoClientsChatThroughTheServerUsingItsIceServerList() throws Exception {
    Inbox aliceInbox = new Inbox();
    Inbox bobInbox = new Inbox();
    try (SwarmClient alice = SwarmClient.builder(server.origin()).build();
         SwarmClient bob = SwarmClient.builder(server.origin()).build();
         ChatRoom a = alice.chat(RoomJoin.of("chat-room"), aliceInbox);
         ChatRoom b = bob.chat(RoomJoin.of("chat-room"), bobInbox)) {
      assertEquals(b.localPeerId(), aliceInbox.joined.poll(30, TimeUnit.SECONDS));
      assertEquals(a.localPeerId(), bobInbox.joined.poll(30, TimeUnit.SECONDS));
      assertEquals(1, a.send("hi bob").get(10, TimeUnit.SECONDS));
      ChatMessage got = bobInbox.messages.poll(10, TimeUnit.SECONDS);
      assertEquals(a.localPeerId(), got.from());
      assertEquals("hi bob", got.text());
      b.send("hi alice, ünïcode ✓").get(10, TimeUnit.SECONDS);
      assertEquals("hi alice, ünïcode ✓", aliceInbox.messages.poll(10, TimeUnit.SECONDS).text());
      assertEquals(List.of(b.localPeerId()), a.peers());
      assertTrue(server.iceServerRequests() >= 2, "each client asked /api/ice-servers");
      a.close();
      a.close();
      assertThrows(SwarmException.class, () -> a.send("after close"));
    }
  }

  @Test
  @SuppressWarnings("try") // the owner's room only has to exist
  void aRefusedJoinReportsTheSignalingCode() {
    try (SwarmClient owner = SwarmClient.builder(server.origin()).iceServers(List.of()).build();
         ChatRoom room = owner.chat(RoomJoin.of("locked").withPassword("right"), m -> {});
         SwarmClient guest = SwarmClient.builder(server.origin()).iceServers(List.of()).build()) {
      SwarmException e = assertThrows(SwarmException.class,
          () -> guest.chat(RoomJoin.of("locked").withPassword("wrong"), m -> {}));
      assertEquals(SwarmException.Code.JOIN_FAILED, e.code());
      assertEquals(SignalingErrorCode.BAD_PASSWORD, ((SignalingException) e.getCause()).code());
    }
  }

  @Test
  void theClientIsClosedOnceAndRefusesWorkAfterwards() {
    SwarmClient client = SwarmClient.builder(URI.create("http://127.0.0.1:1")).build();
    SwarmException missing = assertThrows(SwarmException.class,
        () -> client.share(RoomJoin.of("r"), List.of(Path.of("no-such-file"))));
    assertEquals(SwarmException.Code.STORAGE, missing.code());
    client.close();
    client.close();
    SwarmException e = assertThrows(SwarmException.class, () -> client.chat(RoomJoin.of("r"), m -> {}));
    assertEquals(SwarmException.Code.CLOSED, e.code());
  }
}
