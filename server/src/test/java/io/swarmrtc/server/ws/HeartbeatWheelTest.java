package io.swarmrtc.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeartbeatWheelTest {

    @ParameterizedTest(name = "{0} elements in {1} slots: each visited once per round, slots within one of each other")
    @CsvSource({"10000, 750", "7, 5", "3, 5", "1, 1", "1000, 1024"})
    void everyElementIsVisitedExactlyOncePerRoundAndTheSlotsAreBalanced(int elements, int slotCount) {
        HeartbeatWheel<Integer> wheel = new HeartbeatWheel<>(slotCount);
        for (int i = 0; i < elements; i++) {
            wheel.add(i);
        }
        for (int round = 0; round < 2; round++) {
            Map<Integer, Integer> visits = new HashMap<>();
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (int tick = 0; tick < slotCount; tick++) {
                int size = 0;
                for (Integer e : wheel.nextSlot()) {
                    visits.merge(e, 1, Integer::sum);
                    size++;
                }
                smallest = Math.min(smallest, size);
                largest = Math.max(largest, size);
            }
            assertEquals(elements, visits.size(), "every element visited in round " + round);
            assertTrue(visits.values().stream().allMatch(v -> v == 1), "no element visited twice in a round");
            assertTrue(largest - smallest <= 1, "slot sizes " + smallest + ".." + largest);
        }
        assertEquals(elements, wheel.size());
    }

    @Test
    void aRemovedElementIsNeverVisitedAgainAndRemovingItTwiceSaysSo() {
        HeartbeatWheel<String> wheel = new HeartbeatWheel<>(3);
        wheel.add("a");
        wheel.add("b");
        assertTrue(wheel.remove("a"));
        assertFalse(wheel.remove("a"), "second remove");
        assertFalse(wheel.remove("never-added"));
        for (int tick = 0; tick < 6; tick++) {
            assertFalse(wheel.nextSlot().contains("a"), "tick " + tick);
        }
        assertEquals(1, wheel.size());
    }

    @Test
    void addingAnElementTwiceKeepsItInOneSlot() {
        HeartbeatWheel<String> wheel = new HeartbeatWheel<>(4);
        wheel.add("a");
        wheel.add("a");
        int visits = 0;
        for (int tick = 0; tick < 4; tick++) {
            visits += wheel.nextSlot().contains("a") ? 1 : 0;
        }
        assertEquals(1, visits);
        assertEquals(1, wheel.size());
    }

    @ParameterizedTest(name = "a heartbeat of {0} ms gives {1} slots, one tick every {2} ms")
    @CsvSource({"15000, 750, 20", "100, 5, 20", "10, 1, 10", "30, 1, 30", "3600000, 1024, 3515"})
    void theSlotCountAimsAtATickEveryTwentyMilliseconds(long intervalMillis, int slots, long tickMillis) {
        Duration interval = Duration.ofMillis(intervalMillis);
        assertEquals(slots, HeartbeatWheel.slotsFor(interval));
        assertEquals(tickMillis, HeartbeatWheel.tickMillis(interval, slots));
    }
}
