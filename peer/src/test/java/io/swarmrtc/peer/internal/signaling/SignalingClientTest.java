package io.swarmrtc.peer.internal.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import io.swarmrtc.peer.testing.MutableClock;
import io.swarmrtc.peer.testing.StandInSignalingServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real WebSocket server (the stand-in relay until the real server's fixture lands). */
class SignalingClientTest {
  private final List<AutoCloseable> open = new ArrayList<>();
  private StandInSignalingServer server;

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private StandInSignalingServer server(long graceMillis) {
    server = new StandInSignalingServer(graceMillis);
    open.add(server);
    return server;
  }

  private SignalingClient client(SignalingConfig.Builder config, RecordingListener listener) {
    SignalingClient c = new SignalingClient(
        config.backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build(), new JsonSignalCodec(), listener);
    open.add(0, c);
    return c;
  }

  private SignalingConfig.Builder room(String room) {
    return SignalingConfig.builder(server.uri(), room);
  }

  @Test
  void peersJoinSeeEachOtherAndRelayOffersAnswersAndCandidates() throws Exception {
    server(10_000);
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    SignalingClient a = client(room("team-42"), alice);
    SignalMessage.Joined aj = a.connect().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(), aj.peers());
    SignalingClient b = client(room("team-42"), bob);
    SignalMessage.Joined bj = b.connect().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(aj.peerId()), bj.peers());
    assertEquals("team-42", bj.room());
    alice.await("peer-joined " + bj.peerId());

    b.sendOffer(aj.peerId(), "v=0 offer");
    alice.await("offer " + bj.peerId() + " v=0 offer");
    a.sendAnswer(bj.peerId(), "v=0 answer");
    bob.await("answer " + aj.peerId() + " v=0 answer");
    a.sendCandidate(bj.peerId(), new IceCandidate("candidate:1 1 udp 1 127.0.0.2 5000 typ host", "0", 0, null));
    bob.await("candidate " + aj.peerId() + " candidate:1 1 udp 1 127.0.0.2 5000 typ host 0 0");
  }

  @Test
  void aWrongPasswordFailsTheJoinWithItsCode() throws Exception {
    server(10_000);
    client(room("locked").password("s3cret"), new RecordingListener()).connect().get(10, TimeUnit.SECONDS);
    RecordingListener intruder = new RecordingListener();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> client(room("locked").password("guess"), intruder).connect().get(10, TimeUnit.SECONDS));
    SignalingException cause = assertInstanceOf(SignalingException.class, e.getCause());
    assertEquals(SignalingErrorCode.BAD_PASSWORD, cause.code());
    intruder.await("closed BAD_PASSWORD");
  }

  @Test
  void aLostSocketReconnectsAndResumesTheSamePeerIdUnnoticedByOthers() throws Exception {
    server(10_000);
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    SignalingClient a = client(room("r"), alice);
    String aliceId = a.connect().get(10, TimeUnit.SECONDS).peerId();
    String bobId = client(room("r"), bob).connect().get(10, TimeUnit.SECONDS).peerId();
    alice.await("peer-joined " + bobId);

    server.dropSocket(aliceId);
    alice.await("disconnected");
    a.sendOffer(bobId, "sent while reconnecting");
    assertEquals("joined " + aliceId + " resumed=true peers=[" + bobId + "]", alice.await("joined"));
    bob.await("offer " + aliceId + " sent while reconnecting");
    assertEquals(aliceId, a.peerId());
    assertFalse(bob.events.stream().anyMatch(e -> e.startsWith("peer-left")), "bob saw no peer-left");
  }

  @Test
  void anExpiredResumeTokenJoinsAfreshWithANewId() throws Exception {
    server(0);
    RecordingListener alice = new RecordingListener();
    SignalingClient a = client(room("r"), alice);
    String firstId = a.connect().get(10, TimeUnit.SECONDS).peerId();
    alice.await("joined");
    int joinsBefore = server.joins();
    server.dropSocket(firstId);
    String rejoined = alice.await(e -> e.startsWith("joined") && e.contains("resumed=false"));
    assertNotEquals("joined " + firstId, rejoined.split(" resumed")[0]);
    assertNotEquals(firstId, a.peerId());
    assertTrue(server.joins() > joinsBefore);
  }

  @Test
  void aServerSilentForLongerThanTheTimeoutIsTreatedAsDeadAndTheClientResumes() throws Exception {
    server(10_000);
    MutableClock clock = new MutableClock();
    RecordingListener alice = new RecordingListener();
    SignalingClient a = client(room("r").clock(clock).heartbeat(Duration.ofMillis(20), Duration.ofSeconds(45)), alice);
    String id = a.connect().get(10, TimeUnit.SECONDS).peerId();
    alice.await("joined");
    // Pongs keep arriving, but by the clock nothing was heard for 46 s at each heartbeat.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!alice.events.contains("disconnected")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("silence was not detected: " + alice.events);
      }
      clock.advance(Duration.ofSeconds(46));
      Thread.sleep(20); // polling with a deadline while time moves
    }
    assertEquals("joined " + id + " resumed=true peers=[]", alice.await(e -> e.startsWith("joined")));
  }

  @Test
  void closingLeavesTheRoomAtOnceAndTwiceIsHarmless() throws Exception {
    server(60_000); // a leave must not wait for the grace period
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    SignalingClient a = client(room("r"), alice);
    String aliceId = a.connect().get(10, TimeUnit.SECONDS).peerId();
    client(room("r"), bob).connect().get(10, TimeUnit.SECONDS);
    a.close();
    a.close();
    bob.await("peer-left " + aliceId);
    alice.await("closed CLOSED");
  }

  @Test
  void sendingToAPeerOutsideTheRoomReportsUnknownPeer() throws Exception {
    server(10_000);
    RecordingListener alice = new RecordingListener();
    SignalingClient a = client(room("one"), alice);
    a.connect().get(10, TimeUnit.SECONDS);
    String other = client(room("two"), new RecordingListener()).connect().get(10, TimeUnit.SECONDS).peerId();
    a.sendOffer(other, "x");
    alice.await("error UNKNOWN_PEER");
  }

  @Test
  void aServerThatCannotBeReachedFailsWithConnectionFailed() throws Exception {
    RecordingListener l = new RecordingListener();
    SignalingClient c = new SignalingClient(
        SignalingConfig.builder(java.net.URI.create("ws://127.0.0.1:1/ws"), "r")
            .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).maxReconnectAttempts(2).build(),
        new JsonSignalCodec(), l);
    open.add(c);
    ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect().get(10, TimeUnit.SECONDS));
    assertEquals(SignalingErrorCode.CONNECTION_FAILED, ((SignalingException) e.getCause()).code());
  }
}
