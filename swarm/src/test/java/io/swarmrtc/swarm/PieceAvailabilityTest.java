package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The incremental availability walks wanted pieces exactly as a full sort by (count, index) would. */
class PieceAvailabilityTest {
  private static Bitfield bits(int size, int... set) {
    Bitfield b = new Bitfield(size);
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  private static int[] walk(PieceAvailability a, BitSet skip) {
    List<Integer> out = new ArrayList<>();
    a.forEachWanted(skip, p -> out.add(p));
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("with nobody connected the order is by index", (Consumer<PieceAvailability>) a -> {}, new int[] {0, 1, 2, 3, 4}),
        Arguments.of("a piece more peers have moves back", (Consumer<PieceAvailability>) a -> a.add(bits(5, 0, 1)), new int[] {2, 3, 4, 0, 1}),
        Arguments.of("a HAVE moves one piece back", (Consumer<PieceAvailability>) a -> a.increment(2), new int[] {0, 1, 3, 4, 2}),
        Arguments.of("a peer leaving moves its pieces forward again", (Consumer<PieceAvailability>) a -> {
          a.add(bits(5, 0, 1));
          a.add(bits(5, 1));
          a.remove(bits(5, 0, 1));
        }, new int[] {0, 2, 3, 4, 1}),
        Arguments.of("an obtained piece is no longer walked", (Consumer<PieceAvailability>) a -> a.obtained(3), new int[] {0, 1, 2, 4}),
        Arguments.of("a piece we hold never comes back with a HAVE", (Consumer<PieceAvailability>) a -> {
          a.obtained(3);
          a.increment(3);
        }, new int[] {0, 1, 2, 4}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void wantedPiecesAreWalkedRarestFirstWithTiesByIndex(String name, Consumer<PieceAvailability> events, int[] expected) {
    PieceAvailability a = new PieceAvailability(new Bitfield(5));
    events.accept(a);
    assertArrayEquals(expected, walk(a, new BitSet()));
  }

  @ParameterizedTest(name = "pieces held from the start (resume) are not wanted: seed {0}")
  @ValueSource(ints = {1, 2})
  void piecesHeldFromTheStartAreNotWalked(int seed) {
    PieceAvailability a = new PieceAvailability(bits(4, seed));
    assertEquals(3, walk(a, new BitSet()).length);
  }

  @ParameterizedTest(name = "random events, seed {0}: the walk equals a full sort by count then index")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void afterAnySequenceOfEventsTheWalkEqualsAFullSort(long seed) {
    Random r = new Random(seed);
    int n = 64;
    PieceAvailability a = new PieceAvailability(new Bitfield(n));
    List<Bitfield> connected = new ArrayList<>();
    BitSet held = new BitSet();
    for (int step = 0; step < 500; step++) {
      switch (r.nextInt(4)) {
        case 0 -> {
          Bitfield b = new Bitfield(n);
          IntStream.range(0, n).filter(i -> r.nextInt(3) == 0).forEach(b::set);
          connected.add(b);
          a.add(b);
        }
        case 1 -> {
          if (!connected.isEmpty()) {
            a.remove(connected.remove(r.nextInt(connected.size())));
          }
        }
        case 2 -> {
          if (!connected.isEmpty()) {
            Bitfield b = connected.get(r.nextInt(connected.size()));
            int p = r.nextInt(n);
            if (b.set(p)) {
              a.increment(p);
            }
          }
        }
        default -> {
          int p = r.nextInt(n);
          held.set(p);
          a.obtained(p);
        }
      }
      BitSet skip = new BitSet();
      IntStream.range(0, 3).forEach(i -> skip.set(r.nextInt(n)));
      int[] expected = IntStream.range(0, n).boxed()
          .filter(p -> !held.get(p) && !skip.get(p))
          .sorted(Comparator.<Integer>comparingInt(p -> (int) connected.stream().filter(b -> b.get(p)).count())
              .thenComparingInt(p -> p))
          .mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, walk(a, skip), "step " + step);
    }
  }
}
