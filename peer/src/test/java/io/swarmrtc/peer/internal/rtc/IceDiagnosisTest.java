package io.swarmrtc.peer.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.IceFailureCause;
import io.swarmrtc.peer.internal.rtc.IceDiagnosis.CandidateError;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class IceDiagnosisTest {
  private static final IceServer STUN = IceServer.stun("stun:198.51.100.1:3478");
  private static final IceServer TURN = new IceServer(
      List.of("turn:198.51.100.1:3478?transport=udp", "turn:198.51.100.1:3478?transport=tcp"), "1700000000:me", "pw");
  private static final CandidateError REJECTED = new CandidateError("turn:198.51.100.1:3478?transport=udp", 401, "Unauthorized");
  private static final CandidateError STUN_TIMEOUT = new CandidateError("stun:198.51.100.1:3478", 701, "STUN host lookup received error.");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a relay candidate was gathered", List.of(STUN, TURN), Set.of("host", "relay"), List.of(REJECTED),
            IceFailureCause.NO_PAIR_SUCCEEDED),
        Arguments.of("the TURN server answered 401", List.of(STUN, TURN), Set.of("host", "srflx"), List.of(STUN_TIMEOUT, REJECTED),
            IceFailureCause.TURN_CREDENTIALS_REJECTED),
        Arguments.of("the TURN server answered 441 Wrong Credentials", List.of(TURN), Set.of("host"),
            List.of(new CandidateError("turns:turn.example:5349", 441, "Wrong Credentials")), IceFailureCause.TURN_CREDENTIALS_REJECTED),
        Arguments.of("a STUN server answered 401 (not TURN)", List.of(STUN, TURN), Set.of("host"),
            List.of(new CandidateError("stun:198.51.100.1:3478", 401, "")), IceFailureCause.TURN_UNREACHABLE),
        Arguments.of("TURN gave neither a relay candidate nor an error", List.of(TURN), Set.of("host"), List.of(),
            IceFailureCause.TURN_UNREACHABLE),
        Arguments.of("only STUN is configured", List.of(STUN), Set.of("host", "srflx"), List.of(), IceFailureCause.NO_TURN_SERVER),
        Arguments.of("nothing is configured and nothing was gathered", List.of(), Set.of(), List.of(),
            IceFailureCause.NO_LOCAL_CANDIDATES));
  }

  @ParameterizedTest(name = "when {0}, the likely cause is {4}")
  @MethodSource("cases")
  void namesTheLikelyCause(String situation, List<IceServer> servers, Set<String> localTypes, List<CandidateError> errors,
      IceFailureCause expected) {
    assertEquals(expected, IceDiagnosis.diagnose(servers, localTypes, errors).cause());
  }

  @Test
  void theHintForRejectedCredentialsNamesTheServerAndTheCode() {
    String hint = IceDiagnosis.diagnose(List.of(TURN), Set.of("host"), List.of(REJECTED)).hint();
    assertTrue(hint.contains("turn:198.51.100.1:3478?transport=udp") && hint.contains("401"), hint);
  }

  @ParameterizedTest(name = "the type of \"{0}\" is {1}")
  @CsvSource(nullValues = "null", value = {
      "candidate:1 1 udp 2122260223 127.0.0.2 49152 typ host,host",
      "candidate:2 1 udp 1686052607 198.51.100.7 40000 typ srflx raddr 10.0.1.2 rport 49152,srflx",
      "candidate:3 1 udp 41885439 198.51.100.1 50000 typ relay raddr 198.51.100.7 rport 40000,relay",
      "candidate:1 1 udp 2122260223 127.0.0.2 49152,null",
      "'',null"})
  void readsTheCandidateTypeFromTheCandidateLine(String line, String type) {
    assertEquals(type, IceDiagnosis.candidateType(line));
  }

  @Test
  void observationsKeepAtMostThirtyTwoErrorsAndReportWhatWasAskedWithTheCause() {
    IceObservations seen = new IceObservations();
    seen.localCandidate("candidate:1 1 udp 2122260223 127.0.0.2 49152 typ host");
    for (int i = 0; i < 40; i++) {
      seen.candidateError(REJECTED);
    }
    IceFailure f = seen.failure("connection to bob failed", List.of(TURN));
    assertEquals(IceFailureCause.TURN_CREDENTIALS_REJECTED, f.cause());
    assertEquals(IceObservations.MAX_ERRORS, f.candidateErrors().size());
    assertTrue(f.message().startsWith("connection to bob failed; likely cause: the TURN server"), f.message());
  }
}
