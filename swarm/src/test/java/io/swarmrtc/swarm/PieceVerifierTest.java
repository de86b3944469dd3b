package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PieceVerifierTest {
  static Stream<Arguments> blameCases() {
    return Stream.of(
        Arguments.of("a sole contributor is banned at once", List.of("a"),
            new PieceVerifier.Blame(List.of("a"), false)),
        Arguments.of("two contributors are not banned yet and the piece comes from one peer", List.of("a", "b"),
            new PieceVerifier.Blame(List.of(), true)),
        Arguments.of("three contributors are not banned yet and the piece comes from one peer", List.of("a", "b", "c"),
            new PieceVerifier.Blame(List.of(), true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blameCases")
  void blameFollowsTheProtocol(String name, List<String> contributors, PieceVerifier.Blame expected) {
    assertEquals(expected, PieceVerifier.blame(new LinkedHashSet<>(contributors)));
  }

  private static final byte[] PIECE = {1, 2, 3, 4, 5, 6};
  private static final byte[] WRONG_TAIL = {1, 2, 3, 4, 5, 7};

  static Stream<Arguments> liarCases() {
    return Stream.of(
        Arguments.of("a peer whose block matches the verified piece is no liar",
            List.of(PieceVerifier.sent("a", PIECE, 0, 3), PieceVerifier.sent("b", PIECE, 3, 3)), Set.of()),
        Arguments.of("a peer whose block differs from the verified piece is a liar",
            List.of(PieceVerifier.sent("a", PIECE, 0, 3), PieceVerifier.sent("b", WRONG_TAIL, 3, 3)), Set.of("b")),
        Arguments.of("blocks remembered from two failed attempts expose only the liar",
            List.of(PieceVerifier.sent("a", PIECE, 0, 3), PieceVerifier.sent("b", WRONG_TAIL, 3, 3),
                PieceVerifier.sent("b", PIECE, 0, 3), PieceVerifier.sent("a", PIECE, 3, 3)), Set.of("b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("liarCases")
  void theVerifiedPieceExposesWrongBlocks(String name, List<PieceVerifier.SentBlock> sent, Set<String> expected) {
    assertEquals(expected, PieceVerifier.liars(PIECE, sent));
  }
}
