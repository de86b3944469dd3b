package io.swarmrtc.peer.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.internal.rtc.RtcConnection.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ICE restart policy, driven by a manual timer: no peer connections, no waiting. */
class IceRecoveryTest {
  private static final RtcConfig CONFIG = RtcConfig.builder().maxIceRestarts(2).failedGrace(Duration.ofSeconds(20))
      .disconnectedGrace(Duration.ofSeconds(5)).politeRestartDelay(Duration.ofSeconds(2)).build();

  /** Timers that fire only when the test advances time. */
  private static final class ManualTimers {
    private record Timer(long at, Runnable task) {}

    private final List<Timer> timers = new ArrayList<>();
    private long now;

    void schedule(Duration delay, Runnable task) {
      timers.add(new Timer(now + delay.toMillis(), task));
    }

    void advance(Duration d) {
      long until = now + d.toMillis();
      while (true) {
        Timer next = timers.stream().filter(t -> t.at() <= until).min(Comparator.comparingLong(Timer::at)).orElse(null);
        if (next == null) {
          break;
        }
        timers.remove(next);
        now = next.at();
        next.task().run();
      }
      now = until;
    }
  }

  private final ManualTimers timers = new ManualTimers();
  private int restarts;
  private String gaveUp;

  private IceRecovery recovery(boolean polite) {
    return new IceRecovery(polite, CONFIG, timers::schedule, new IceRecovery.Actions() {
      @Override
      public void restartIce() {
        restarts++;
      }

      @Override
      public void giveUp(String why) {
        gaveUp = why;
      }
    });
  }

  @Test
  @DisplayName("the impolite side restarts ICE as soon as the connection fails")
  void impoliteRestartsAtOnce() {
    IceRecovery r = recovery(false);
    r.onState(State.CONNECTED);
    r.onState(State.FAILED);
    assertEquals(1, restarts);
  }

  @Test
  @DisplayName("the polite side leaves the restart to the other side when its restart offer arrives")
  void politeWaitsForTheOtherSide() {
    IceRecovery r = recovery(true);
    r.onState(State.CONNECTED);
    r.onState(State.FAILED);
    assertEquals(0, restarts);
    r.onRemoteOffer();
    timers.advance(Duration.ofSeconds(3));
    assertEquals(0, restarts);
    r.onState(State.CONNECTED);
    timers.advance(Duration.ofSeconds(60));
    assertEquals(0, restarts);
    assertNull(gaveUp);
  }

  @Test
  @DisplayName("the polite side restarts by itself when no offer comes from the other side")
  void politeRestartsWhenTheOtherSideDoesNot() {
    IceRecovery r = recovery(true);
    r.onState(State.CONNECTED);
    r.onState(State.FAILED);
    timers.advance(Duration.ofSeconds(2));
    assertEquals(1, restarts);
  }

  @Test
  @DisplayName("a connection that stays disconnected past the grace period counts as failed")
  void disconnectedTooLongRestarts() {
    IceRecovery r = recovery(false);
    r.onState(State.CONNECTED);
    r.onState(State.DISCONNECTED);
    timers.advance(Duration.ofSeconds(4));
    assertEquals(0, restarts);
    timers.advance(Duration.ofSeconds(1));
    assertEquals(1, restarts);
  }

  @Test
  @DisplayName("a connection that recovers from disconnected by itself is not restarted")
  void briefDisconnectIsNotRestarted() {
    IceRecovery r = recovery(false);
    r.onState(State.CONNECTED);
    r.onState(State.DISCONNECTED);
    r.onState(State.CONNECTED);
    timers.advance(Duration.ofSeconds(30));
    assertEquals(0, restarts);
  }

  @Test
  @DisplayName("restarts that do not reconnect are repeated up to the limit, then the connection gives up")
  void givesUpAfterTheLastRestart() {
    IceRecovery r = recovery(false);
    r.onState(State.CONNECTED);
    r.onState(State.FAILED);
    assertEquals(1, restarts);
    timers.advance(Duration.ofSeconds(20));
    assertEquals(2, restarts);
    assertNull(gaveUp);
    timers.advance(Duration.ofSeconds(20));
    assertEquals(2, restarts);
    assertTrue(gaveUp != null && gaveUp.contains("2 ICE restart(s)"), gaveUp);
  }

  @Test
  @DisplayName("a successful restart resets the count, so a later failure gets its restarts again")
  void reconnectingResetsTheCount() {
    IceRecovery r = recovery(false);
    for (int round = 0; round < 3; round++) {
      r.onState(State.CONNECTED);
      r.onState(State.FAILED);
    }
    assertEquals(3, restarts);
    assertNull(gaveUp);
  }

  @Test
  @DisplayName("nothing happens after the connection closed")
  void closedIsFinal() {
    IceRecovery r = recovery(false);
    r.onState(State.CLOSED);
    r.onState(State.FAILED);
    timers.advance(Duration.ofSeconds(60));
    assertEquals(0, restarts);
    assertNull(gaveUp);
  }
}
