package io.swarmrtc.peer.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.swarm.SwarmConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine's per-peer bound on messages waiting for its loop. */
class InboundBudgetTest {
  private static final int PIECE_MESSAGE = 9 + 65_536;

  @ParameterizedTest(name = "with {0} requests in flight, an honest peer answering all of them twice over fits")
  @ValueSource(ints = {16, 32, 64})
  void anHonestPeerAnsweringOurRequestsAlwaysFits(int outstanding) {
    SwarmConfig swarm = SwarmConfig.builder().maxOutstandingPerPeer(outstanding).build();
    InboundBudget b = new InboundBudget(InboundBudget.limitFor(swarm));
    for (int i = 0; i < 2 * outstanding; i++) {
      assertTrue(b.admit(PIECE_MESSAGE), "message " + i);
    }
    assertTrue(b.admit(256 * 1024), "and a maximal control message");
    assertFalse(b.firstOverrun());
  }

  @Test
  void aMessageBeyondTheLimitIsRefusedAndReportedOnce() {
    InboundBudget b = new InboundBudget(1000);
    assertTrue(b.admit(600));
    assertFalse(b.admit(500), "600 + 500 is over 1000");
    assertEquals(600, b.waiting(), "the refused message is not counted");
    assertTrue(b.firstOverrun());
    assertFalse(b.firstOverrun(), "reported once");
  }

  @Test
  void afterAnOverrunEveryLaterMessageIsRefusedEvenOnceTheQueueDrained() {
    InboundBudget b = new InboundBudget(1000);
    assertTrue(b.admit(600));
    assertFalse(b.admit(500));
    b.release(600);
    assertEquals(0, b.waiting());
    assertFalse(b.admit(1), "the peer is being dropped");
  }

  @Test
  void takenMessagesMakeRoomAgain() {
    InboundBudget b = new InboundBudget(1000);
    for (int i = 0; i < 100; i++) {
      assertTrue(b.admit(900));
      b.release(900);
    }
    assertFalse(b.firstOverrun());
  }
}
