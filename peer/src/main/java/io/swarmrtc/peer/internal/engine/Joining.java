package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.peer.SwarmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Turns the outcome of joining a room into the public API's {@link SwarmException}s. */
final class Joining {
  private Joining() {}

  /** Waits for {@code joined}; throws JOIN_FAILED, TIMEOUT or CLOSED. */
  static String await(CompletableFuture<String> joined, Duration timeout, String server) {
    try {
      return joined.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new SwarmException(SwarmException.Code.TIMEOUT,
          "could not join within " + timeout.toSeconds() + " s via " + server, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwarmException(SwarmException.Code.CLOSED, "interrupted while joining", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), server);
    }
  }

  /** The public form of a failed join. */
  static SwarmException failure(Throwable cause, String server) {
    if (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof SwarmException s) {
      return s;
    }
    return new SwarmException(SwarmException.Code.JOIN_FAILED,
        "cannot join via " + server + ": " + cause.getMessage(), cause);
  }
}
