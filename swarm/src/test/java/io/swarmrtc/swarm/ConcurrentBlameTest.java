package io.swarmrtc.swarm;

import static io.swarmrtc.swarm.Fixture.BLOCK;
import static io.swarmrtc.swarm.Fixture.commands;
import static io.swarmrtc.swarm.Fixture.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.protocol.swarm.SwarmMessage.Cancel;
import io.swarmrtc.protocol.swarm.SwarmMessage.Request;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two pieces fail at about the same time, each with blocks from an honest peer and a liar
 * (Conversation step 6): the honest peer is never banned, the liar is once a re-fetch pins it.
 */
class ConcurrentBlameTest {
  private record Pending(String peer, Request request) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("the second peer lies", "x", "y"),
        Arguments.of("the first peer lies", "y", "x"));
  }

  @ParameterizedTest(name = "two simultaneous mixed failures do not ban the honest peer and the liar is banned after the single-source re-fetch: {0}")
  @MethodSource("cases")
  void twoSimultaneousMixedFailures(String name, String honest, String liar) {
    Fixture f = new Fixture(4);
    SwarmSession s = f.downloader(1);
    Request x1 = sent(f.connect(s, "x", f.all()), "x", Request.class).get(0);
    Request y1 = sent(f.connect(s, "y", f.all()), "y", Request.class).get(0);
    assertEquals(List.of(new Request(0, 0, BLOCK), new Request(0, BLOCK, BLOCK)), List.of(x1, y1));

    // x and y each send one block of piece 0, then one of piece 1: both pieces fail, mixed
    List<SwarmCommand> first = new ArrayList<>(s.onMessage("x", f.answer(x1, liar.equals("x"))));
    first.addAll(s.onMessage("y", f.answer(y1, liar.equals("y"))));
    assertEquals(List.of(new Request(1, 0, BLOCK)), sent(first, "x", Request.class));
    assertEquals(List.of(new Request(1, BLOCK, BLOCK)), sent(first, "y", Request.class));
    List<SwarmCommand> out = new ArrayList<>(s.onMessage("x", f.answer(new Request(1, 0, BLOCK), liar.equals("x"))));
    out.addAll(s.onMessage("y", f.answer(new Request(1, BLOCK, BLOCK), liar.equals("y"))));
    first.addAll(out);
    assertEquals(List.of(), commands(first, SwarmCommand.PeerBanned.class), "two mixed failures ban nobody yet");
    assertFalse(s.have().get(0) || s.have().get(1), "both pieces failed");

    // from here on the scripted peers answer every request until nothing is left to fetch
    Deque<Pending> pending = new ArrayDeque<>();
    queue(pending, out);
    for (int step = 0; step < 1_000 && !pending.isEmpty(); step++) {
      Pending p = pending.poll();
      if (s.isBanned(p.peer())) {
        continue;
      }
      List<SwarmCommand> next = s.onMessage(p.peer(), f.answer(p.request(), p.peer().equals(liar)));
      for (SwarmCommand.PeerBanned b : commands(next, SwarmCommand.PeerBanned.class)) {
        assertEquals(liar, b.peerId(), "only the liar is ever banned");
      }
      queue(pending, next);
    }
    assertTrue(s.isBanned(liar), "the liar is banned");
    assertFalse(s.isBanned(honest), "the honest peer is not banned");
    assertTrue(s.isComplete(), "the honest peer delivered every piece");
  }

  /** Adds the requests in {@code commands} to {@code pending} and drops cancelled ones. */
  private static void queue(Deque<Pending> pending, List<SwarmCommand> commands) {
    for (SwarmCommand c : commands) {
      if (c instanceof SwarmCommand.Send send) {
        if (send.message() instanceof Request r) {
          pending.add(new Pending(send.peerId(), r));
        } else if (send.message() instanceof Cancel cancel) {
          pending.removeIf(p -> p.peer().equals(send.peerId()) && p.request().piece() == cancel.piece()
              && p.request().offset() == cancel.offset());
        }
      }
    }
  }
}
