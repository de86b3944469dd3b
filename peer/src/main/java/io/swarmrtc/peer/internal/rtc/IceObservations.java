package io.swarmrtc.peer.internal.rtc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one connection saw while gathering, kept to explain a later failure: its local candidate
 * types and the candidate errors libwebrtc reported (harmless on their own: one interface may
 * fail while another works). Thread-safe; bounded.
 */
final class IceObservations {
  /** Candidate errors kept per connection (a few per ICE server and interface is typical). */
  static final int MAX_ERRORS = 32;

  private final Set<String> localTypes = new LinkedHashSet<>();
  private final List<IceDiagnosis.CandidateError> errors = new ArrayList<>();

  synchronized void localCandidate(String candidateLine) {
    String type = IceDiagnosis.candidateType(candidateLine);
    if (type != null) {
      localTypes.add(type);
    }
  }

  synchronized void candidateError(IceDiagnosis.CandidateError e) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(e);
    }
  }

  /** A failure whose message is {@code what} plus the likely cause. */
  synchronized IceFailure failure(String what, List<IceServer> servers) {
    IceDiagnosis.Finding f = IceDiagnosis.diagnose(servers, localTypes, errors);
    return new IceFailure(f.cause(), what + "; likely cause: " + f.hint(), List.copyOf(errors));
  }
}
