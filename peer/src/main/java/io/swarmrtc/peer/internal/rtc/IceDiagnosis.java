package io.swarmrtc.peer.internal.rtc;

import io.swarmrtc.peer.IceFailureCause;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Names the likely cause of a connection that failed or never came up, from what this side saw
 * while gathering: the types of its local candidates and the ICE candidate errors libwebrtc
 * reported (a TURN server answering 401 to an allocation, an unreachable server). Pure: {@link
 * IceObservations} collects, this decides. Mirrors client-js's ice-diagnosis.js, plus the two
 * causes a Java peer can tell apart on its own ({@link IceFailureCause#NO_LOCAL_CANDIDATES},
 * {@link IceFailureCause#NO_PAIR_SUCCEEDED}).
 *
 * <p>It matters most when only a relay could connect two peers: without a relay candidate ICE just
 * runs out of time, and "ICE failed" alone does not tell the user that the TURN credentials were
 * the problem.
 */
public final class IceDiagnosis {
  /** STUN error codes that mean "your credentials are no good" (RFC 8489 401, RFC 8656 441). */
  private static final Set<Integer> CREDENTIALS_REJECTED = Set.of(401, 441);

  private IceDiagnosis() {}

  /** An ICE candidate error as libwebrtc reported it: the server URL, the STUN error code, its text. */
  public record CandidateError(String url, int errorCode, String errorText) {
    public CandidateError {
      url = url == null ? "" : url;
      errorText = errorText == null ? "" : errorText;
    }
  }

  /** The likely cause, and a hint for humans to append to the error message. */
  public record Finding(IceFailureCause cause, String hint) {
    public Finding {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(hint, "hint");
    }
  }

  /**
   * @param servers the ICE servers the connection was configured with
   * @param localTypes the types of the local candidates gathered ({@code host}, {@code srflx},
   *     {@code prflx}, {@code relay})
   * @param errors the candidate errors reported while gathering
   */
  public static Finding diagnose(List<IceServer> servers, Collection<String> localTypes, List<CandidateError> errors) {
    if (localTypes.contains("relay")) {
      return new Finding(IceFailureCause.NO_PAIR_SUCCEEDED, "we had a relay candidate, yet no candidate pair"
          + " succeeded: the other peer could not reach our relay (its own network or TURN server is the problem)"
          + " or it went away");
    }
    List<String> turnUrls = servers.stream().flatMap(s -> s.urls().stream()).filter(IceDiagnosis::isTurnUrl).toList();
    if (turnUrls.isEmpty()) {
      if (localTypes.isEmpty()) {
        return new Finding(IceFailureCause.NO_LOCAL_CANDIDATES, "this peer gathered no candidate at all:"
            + " no usable network interface, and no STUN/TURN server to ask");
      }
      return new Finding(IceFailureCause.NO_TURN_SERVER, "no TURN server is configured, so peers that cannot"
          + " reach each other directly (symmetric NATs, firewalls) cannot connect");
    }
    for (CandidateError e : errors) {
      if (isTurnUrl(e.url()) && CREDENTIALS_REJECTED.contains(e.errorCode())) {
        return new Finding(IceFailureCause.TURN_CREDENTIALS_REJECTED, "the TURN server " + e.url()
            + " rejected our credentials (" + e.errorCode() + (e.errorText().isEmpty() ? "" : " " + e.errorText())
            + "): they have expired or were signed with another secret than the TURN server's;"
            + " peers that need a relay cannot connect");
      }
    }
    return new Finding(IceFailureCause.TURN_UNREACHABLE, "no relay candidate from " + String.join(", ", turnUrls)
        + ": is the TURN server reachable (UDP or TCP port 3478)? Peers that need a relay cannot connect");
  }

  /** The candidate type of an SDP candidate line ({@code ... typ relay ...}), or null. */
  public static String candidateType(String candidateLine) {
    if (candidateLine == null) {
      return null;
    }
    String[] f = candidateLine.trim().split("\\s+");
    for (int i = 0; i + 1 < f.length; i++) {
      if ("typ".equals(f[i])) {
        return f[i + 1].toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static boolean isTurnUrl(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    return u.startsWith("turn:") || u.startsWith("turns:");
  }
}
