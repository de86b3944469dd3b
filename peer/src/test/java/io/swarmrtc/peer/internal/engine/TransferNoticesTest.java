package io.swarmrtc.peer.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.swarmrtc.peer.IceFailureCause;
import io.swarmrtc.peer.SwarmNotice;
import io.swarmrtc.peer.internal.rtc.IceFailure;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TransferNoticesTest {
  private final TransferNotices notices = new TransferNotices(2_000);

  @Test
  @DisplayName("pieces nobody has are reported once, after the grace period, and their return once")
  void unavailableThenAvailableAgain() {
    assertNull(notices.availability(0, 10, 10), "not before the grace period");
    assertNull(notices.availability(1_999, 10, 10));
    SwarmNotice gone = notices.availability(2_000, 10, 4);
    assertEquals(SwarmNotice.Code.PIECES_UNAVAILABLE, gone.code());
    assertEquals("4 of the 10 missing pieces are held by no connected peer (the only source left?);"
        + " waiting for a peer that has them", gone.message());
    assertNull(notices.availability(5_000, 10, 4), "said once");
    assertEquals(SwarmNotice.Code.PIECES_AVAILABLE, notices.availability(6_000, 10, 0).code());
    assertNull(notices.availability(7_000, 9, 0), "said once");
  }

  @Test
  @DisplayName("pieces that come back within the grace period are never reported")
  void briefGapIsNotReported() {
    assertNull(notices.availability(0, 10, 10));
    assertNull(notices.availability(1_000, 10, 0));
    assertNull(notices.availability(2_500, 10, 3), "the grace period starts again");
    assertEquals(SwarmNotice.Code.PIECES_UNAVAILABLE, notices.availability(4_500, 10, 3).code());
  }

  @Test
  @DisplayName("a complete download has nothing unavailable")
  void completeIsQuiet() {
    assertNull(notices.availability(0, 0, 0));
    assertNull(notices.availability(10_000, 0, 0));
  }

  @Test
  @DisplayName("an unreachable peer is reported with its likely cause and remembered")
  void unreachablePeer() {
    IceFailure f = new IceFailure(IceFailureCause.TURN_CREDENTIALS_REJECTED, "bob not connected; likely cause: 401", List.of());
    SwarmNotice n = notices.unreachable("bob", f);
    assertEquals(new SwarmNotice(SwarmNotice.Code.PEER_UNREACHABLE, "bob", IceFailureCause.TURN_CREDENTIALS_REJECTED,
        "bob not connected; likely cause: 401"), n);
    assertSame(f, notices.lastFailure());
  }
}
