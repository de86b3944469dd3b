package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PieceVerifierTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a sole contributor is banned at once", List.of("a"), Map.of(),
            new PieceVerifier.Blame(List.of("a"), List.of(), false)),
        Arguments.of("a sole contributor with a strike is banned", List.of("a"), Map.of("a", 1),
            new PieceVerifier.Blame(List.of("a"), List.of(), false)),
        Arguments.of("two first-time contributors get a strike and the piece comes from one peer", List.of("a", "b"), Map.of(),
            new PieceVerifier.Blame(List.of(), List.of("a", "b"), true)),
        Arguments.of("a contributor with a strike is banned, the other struck", List.of("a", "b"), Map.of("b", 1),
            new PieceVerifier.Blame(List.of("b"), List.of("a"), true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void blameFollowsTheProtocol(String name, List<String> contributors, Map<String, Integer> strikes, PieceVerifier.Blame expected) {
    assertEquals(expected, PieceVerifier.blame(new LinkedHashSet<>(contributors), strikes));
  }
}
