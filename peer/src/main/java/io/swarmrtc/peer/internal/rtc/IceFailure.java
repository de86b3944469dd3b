package io.swarmrtc.peer.internal.rtc;

import io.swarmrtc.peer.IceFailureCause;
import java.util.List;
import java.util.Objects;

/**
 * A connection that failed or never came up, with its likely cause.
 *
 * @param cause what {@link IceDiagnosis} made of it
 * @param message for humans: what happened and the likely cause
 * @param candidateErrors the candidate errors seen while gathering (at most 32)
 */
public record IceFailure(IceFailureCause cause, String message, List<IceDiagnosis.CandidateError> candidateErrors) {
  public IceFailure {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(message, "message");
    candidateErrors = List.copyOf(candidateErrors);
  }
}
