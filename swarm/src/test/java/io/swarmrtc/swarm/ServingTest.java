package io.swarmrtc.swarm;

import static io.swarmrtc.swarm.Fixture.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.swarmrtc.protocol.swarm.SwarmMessage.Cancel;
import io.swarmrtc.protocol.swarm.SwarmMessage.Handshake;
import io.swarmrtc.protocol.swarm.SwarmMessage.Have;
import io.swarmrtc.protocol.swarm.SwarmMessage.Reject;
import io.swarmrtc.protocol.swarm.SwarmMessage.Request;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conversation steps 5 and 7: serve only verified pieces, in a useful order. */
class ServingTest {
  static final int B = Fixture.BLOCK;

  SwarmSession seeder(Fixture f) {
    return SwarmSession.seeding(f.manifest, Fixture.config(16), f.clock);
  }

  void join(SwarmSession s, Fixture f, String peer) {
    s.onPeerConnected(peer);
    s.onMessage(peer, Handshake.of(f.manifest.contentId(), false));
  }

  @Test
  void aRequestForAPieceWeLackIsRejected() {
    Fixture f = new Fixture(2);
    SwarmSession s = f.downloader(16);
    f.connect(s, "p", true, 0);
    assertEquals(List.of(new Reject(1, 0, B)), sent(s.onMessage("p", new Request(1, 0, B)), "p", Reject.class));
    assertNull(s.nextUpload("p"));
  }

  @Test
  void requestsAreServedOldestFirstAndACancelledOneIsNot() {
    Fixture f = new Fixture(2);
    SwarmSession s = seeder(f);
    join(s, f, "p");
    s.onMessage("p", new Request(1, 0, B));
    s.onMessage("p", new Request(0, 0, B));
    s.onMessage("p", new Request(0, B, B));
    s.onMessage("p", new Cancel(0, 0, B));
    assertEquals(new BlockRef(1, 0, B), s.nextUpload("p"));
    assertEquals(new BlockRef(0, B, B), s.nextUpload("p"));
    assertNull(s.nextUpload("p"));
  }

  @Test
  void aPieceSentToNobodyGoesBeforeOneAnotherPeerAlreadyGot() {
    Fixture f = new Fixture(2);
    SwarmSession s = seeder(f);
    join(s, f, "a");
    join(s, f, "b");
    s.onMessage("a", new Request(0, 0, B));
    s.onMessage("b", new Request(0, 0, B));
    s.onMessage("b", new Request(1, 0, B));
    assertEquals(new BlockRef(0, 0, B), s.nextUpload("a"));
    assertEquals(new BlockRef(1, 0, B), s.nextUpload("b"), "piece 0 went to a already");
    assertNull(s.nextUpload("b"), "the duplicate is held back for a while");
    f.clock.advance(Duration.ofSeconds(1));
    assertEquals(new BlockRef(0, 0, B), s.nextUpload("b"), "then it is sent after all");
  }

  @Test
  void whenAnotherPeerAnnouncesAPieceQueuedRequestsForItAreRedirectedOnce() {
    Fixture f = new Fixture(2);
    SwarmSession s = seeder(f);
    join(s, f, "a");
    join(s, f, "b");
    s.onMessage("b", new Request(0, 0, B));
    List<SwarmCommand> out = s.onMessage("a", new Have(0));
    assertEquals(List.of(new Reject(0, 0, B)), sent(out, "b", Reject.class), "b should fetch piece 0 from a");
    s.onMessage("b", new Request(0, 0, B)); // b asks again (a may be unreachable for it): served
    assertEquals(new BlockRef(0, 0, B), s.nextUpload("b"));
  }
}
