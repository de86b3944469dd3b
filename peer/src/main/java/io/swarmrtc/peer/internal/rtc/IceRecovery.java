package io.swarmrtc.peer.internal.rtc;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * When a connection restarts ICE, and when it gives up. Either side may detect the failure (the
 * connection state goes {@code failed}, or stays {@code disconnected} for a grace period); both
 * may restart, as browsers do (client-js's peer.js). To avoid offer glare in the common case
 * where both sides see the failure at once, the impolite side (docs/signaling.md: the peer whose
 * id sorts higher) restarts at once and the polite side waits a moment, restarting only if no
 * offer arrived from the other side meanwhile; a collision that still happens is settled by
 * perfect negotiation. A connection that is not connected again within {@code failedGrace} after
 * a restart restarts again, up to {@code maxRestarts}, then gives up.
 *
 * <p>Pure policy with the timer injected: call it on the connection's strand only.
 */
final class IceRecovery {
  /** What the policy asks of its connection. */
  interface Actions {
    void restartIce();

    /** Stop trying: close the connection and report why. */
    void giveUp(String why);
  }

  private boolean polite; // on the connection's strand
  private final int maxRestarts;
  private final Duration failedGrace;
  private final Duration disconnectedGrace;
  private final Duration politeDelay;
  private final BiConsumer<Duration, Runnable> schedule;
  private final Actions actions;

  private RtcConnection.State state = RtcConnection.State.NEW;
  private int restarts;
  private int epoch; // bumped on every change that voids the timers scheduled before it
  private boolean remoteOfferSinceFailure;
  private boolean stopped;

  /**
   * @param schedule runs a task after a delay (on the connection's strand)
   */
  IceRecovery(boolean polite, RtcConfig config, BiConsumer<Duration, Runnable> schedule, Actions actions) {
    this.polite = polite;
    this.maxRestarts = config.maxIceRestarts();
    this.failedGrace = config.failedGrace();
    this.disconnectedGrace = config.disconnectedGrace();
    this.politeDelay = config.politeRestartDelay();
    this.schedule = schedule;
    this.actions = actions;
  }
  void setPolite(boolean polite) {
    this.polite = polite;
  }


  int restarts() {
    return restarts;
  }

  /** The connection's state changed. */
  void onState(RtcConnection.State next) {
    if (stopped) {
      return;
    }
    RtcConnection.State previous = state;
    state = next;
    switch (next) {
      case CONNECTED -> {
        restarts = 0;
        epoch++;
      }
      case DISCONNECTED -> {
        if (previous != RtcConnection.State.DISCONNECTED) {
          int e = ++epoch;
          schedule.accept(disconnectedGrace, () -> {
            if (!stopped && e == epoch && state == RtcConnection.State.DISCONNECTED) {
              failed("the connection stayed disconnected for " + disconnectedGrace.toSeconds() + " s");
            }
          });
        }
      }
      case FAILED -> {
        if (previous != RtcConnection.State.FAILED) {
          failed("the connection failed");
        }
      }
      case CLOSED -> stopped = true;
      default -> { }
    }
  }

  /** An offer arrived from the other side: a restart of theirs covers ours. */
  void onRemoteOffer() {
    remoteOfferSinceFailure = true;
  }

  private void failed(String what) {
    remoteOfferSinceFailure = false;
    if (restarts >= maxRestarts) {
      stop(what + " after " + restarts + " ICE restart(s)");
      return;
    }
    int e = ++epoch;
    if (polite) {
      schedule.accept(politeDelay, () -> {
        if (!stopped && e == epoch && !remoteOfferSinceFailure) {
          restart();
        }
      });
    } else {
      restart();
    }
    schedule.accept(failedGrace, () -> check(e, what));
  }

  private void restart() {
    restarts++;
    actions.restartIce();
  }

  /** Not connected again within the grace period: restart again, or give up. */
  private void check(int e, String what) {
    if (stopped || e != epoch || state == RtcConnection.State.CONNECTED) {
      return;
    }
    if (restarts >= maxRestarts) {
      stop(what + " and did not recover after " + restarts + " ICE restart(s)");
      return;
    }
    int next = ++epoch;
    restart();
    schedule.accept(failedGrace, () -> check(next, what));
  }

  private void stop(String why) {
    stopped = true;
    actions.giveUp(why);
  }
}
