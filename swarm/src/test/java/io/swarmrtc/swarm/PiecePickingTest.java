package io.swarmrtc.swarm;

import static io.swarmrtc.swarm.Fixture.BLOCK;
import static io.swarmrtc.swarm.Fixture.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.protocol.swarm.SwarmMessage.Cancel;
import io.swarmrtc.protocol.swarm.SwarmMessage.Choke;
import io.swarmrtc.protocol.swarm.SwarmMessage.Request;
import io.swarmrtc.protocol.swarm.SwarmMessage.Unchoke;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which blocks a session asks for, observed through the REQUESTs it sends. */
class PiecePickingTest {
  static Stream<Arguments> rarity() {
    return Stream.of(
        Arguments.of("equal availability goes by lowest index", List.of(), List.of(0, 1, 2, 3)),
        Arguments.of("the piece fewest peers have comes first", List.of(List.of(0, 2), List.of(0, 2, 3)), List.of(1, 3, 0, 2)),
        Arguments.of("ties among the rarest go to the lowest index", List.of(List.of(0, 1)), List.of(2, 3, 0, 1)),
        Arguments.of("the commonest piece comes last", List.of(List.of(1), List.of(1), List.of(1, 3)), List.of(0, 2, 3, 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rarity")
  void requestsGoRarestFirstWithTiesByLowestIndex(String name, List<List<Integer>> others, List<Integer> expectedPieces) {
    Fixture f = new Fixture(4);
    SwarmSession s = f.downloader(16);
    int n = 0;
    for (List<Integer> pieces : others) { // choking peers only count towards availability
      f.connect(s, "other" + n++, true, pieces.stream().mapToInt(Integer::intValue).toArray());
    }
    List<Request> requests = sent(f.connect(s, "seed", f.all()), "seed", Request.class);
    List<Integer> order = requests.stream().map(Request::piece).distinct().toList();
    assertEquals(expectedPieces, order);
    assertEquals(8, requests.size(), "two blocks of each of the four pieces");
  }

  @Test
  void aStartedPieceIsFinishedBeforeARarerOneIsBegun() {
    Fixture f = new Fixture(4);
    SwarmSession s = f.downloader(1);
    assertEquals(List.of(new Request(0, 0, BLOCK)), sent(f.connect(s, "x", f.all()), "x", Request.class));
    f.connect(s, "common0", true, 0); // piece 0 is now the commonest
    List<Request> toY = sent(f.connect(s, "y", f.all()), "y", Request.class);
    assertEquals(List.of(new Request(0, BLOCK, BLOCK)), toY);
  }

  @Test
  void onlyPiecesThePeerHasAreRequested() {
    Fixture f = new Fixture(4);
    SwarmSession s = f.downloader(16);
    List<Request> requests = sent(f.connect(s, "x", 2), "x", Request.class);
    assertEquals(List.of(new Request(2, 0, BLOCK), new Request(2, BLOCK, BLOCK)), requests);
  }

  @Test
  void aChokingPeerIsAskedNothingUntilItUnchokes() {
    Fixture f = new Fixture(2);
    SwarmSession s = f.downloader(16);
    assertEquals(List.of(), sent(f.connect(s, "x", true, f.all()), "x", Request.class));
    assertEquals(4, sent(s.onMessage("x", new Unchoke()), "x", Request.class).size());
    s.onMessage("x", new Choke());
    assertEquals(0, s.peer("x").outstandingRequests(), "a choke abandons what was asked");
  }

  @Test
  void inEndgameTheLastBlocksAreAlsoAskedOfOtherPeersAndCancelledOnArrival() {
    Fixture f = new Fixture(1);
    SwarmSession s = f.downloader(16);
    List<Request> toX = sent(f.connect(s, "x", 0), "x", Request.class);
    assertEquals(2, toX.size());
    List<Request> toY = sent(f.connect(s, "y", 0), "y", Request.class);
    assertEquals(toX, toY, "every missing block is requested, so y is asked for the same blocks");
    List<SwarmCommand> afterFirst = s.onMessage("x", f.answer(toX.get(0), false));
    assertEquals(List.of(new Cancel(0, 0, BLOCK)), sent(afterFirst, "y", Cancel.class));
    List<SwarmCommand> afterSecond = s.onMessage("y", f.answer(toY.get(1), false));
    Request last = toX.get(1);
    assertEquals(List.of(new Cancel(0, last.offset(), last.length())), sent(afterSecond, "x", Cancel.class));
    assertEquals(1, Fixture.commands(afterSecond, SwarmCommand.Completed.class).size());
    StoredPiece.assertStored(f, afterSecond, 0);
  }

  @Test
  void aPeerLeavingMidPieceHasItsBlocksRequestedFromAnotherPeer() {
    Fixture f = new Fixture(4);
    SwarmSession s = f.downloader(2);
    assertEquals(List.of(new Request(0, 0, BLOCK), new Request(0, BLOCK, BLOCK)),
        sent(f.connect(s, "x", f.all()), "x", Request.class));
    List<Request> toY = sent(f.connect(s, "y", f.all()), "y", Request.class);
    assertEquals(List.of(1, 1), toY.stream().map(Request::piece).toList());
    s.onMessage("x", f.answer(new Request(0, 0, BLOCK), false)); // x delivers half of piece 0...
    assertEquals(List.of(), sent(s.onPeerDisconnected("x"), "y", Request.class), "...and leaves; y's pipeline is full");
    List<Request> next = sent(s.onMessage("y", f.answer(toY.get(0), false)), "y", Request.class);
    assertEquals(List.of(new Request(0, BLOCK, BLOCK)), next, "the started piece's missing block goes to y first");
    StoredPiece.assertStored(f, s.onMessage("y", f.answer(next.get(0), false)), 0);
  }

  @Test
  void aTimedOutRequestIsCancelledAndAskedOfAnotherPeer() {
    Fixture f = new Fixture(2);
    SwarmSession s = f.downloader(2);
    List<Request> toX = sent(f.connect(s, "x", f.all()), "x", Request.class);
    List<Request> toY = sent(f.connect(s, "y", f.all()), "y", Request.class);
    f.clock.advance(SwarmConfig.defaults().requestTimeout());
    List<SwarmCommand> tick = s.onTick();
    assertEquals(2, sent(tick, "x", Cancel.class).size());
    assertEquals(2, sent(tick, "y", Cancel.class).size());
    List<Integer> nowFromY = sent(tick, "y", Request.class).stream().map(Request::piece).distinct().toList();
    assertEquals(List.of(toX.get(0).piece()), nowFromY, "y now gets the blocks x did not deliver");
    assertTrue(sent(tick, "x", Request.class).stream().allMatch(r -> r.piece() == toY.get(0).piece()));
  }
}
