package io.swarmrtc.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.swarmrtc.stunturn.TurnMetrics;

/**
 * The embedded STUN/TURN server's counters as Prometheus series, read live at each scrape:
 * {@code swarmrtc_turn_bindings_total}, {@code swarmrtc_turn_allocations_active},
 * {@code swarmrtc_turn_allocations_total} (created since start), {@code swarmrtc_turn_relayed_bytes_total},
 * {@code swarmrtc_turn_relayed_packets_total}, {@code swarmrtc_turn_dropped_packets_total} and
 * {@code swarmrtc_turn_errors_total{code="401"}} (every code the server can send, from 0).
 */
public final class TurnMeters implements MeterBinder {
    private final TurnMetrics turn;

    public TurnMeters(TurnMetrics turn) {
        this.turn = turn;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("swarmrtc.turn.bindings", turn, TurnMetrics::bindings)
                .description("STUN Binding success responses sent").register(registry);
        Gauge.builder("swarmrtc.turn.allocations.active", turn, TurnMetrics::activeAllocations)
                .description("TURN allocations alive now").register(registry);
        FunctionCounter.builder("swarmrtc.turn.allocations", turn, TurnMetrics::allocationsCreated)
                .description("TURN allocations created since start").register(registry);
        FunctionCounter.builder("swarmrtc.turn.relayed.bytes", turn, TurnMetrics::relayedBytes)
                .description("Payload bytes relayed between TURN clients and peers").register(registry);
        FunctionCounter.builder("swarmrtc.turn.relayed.packets", turn, TurnMetrics::relayedPackets)
                .description("Packets relayed between TURN clients and peers").register(registry);
        FunctionCounter.builder("swarmrtc.turn.dropped.packets", turn, TurnMetrics::droppedPackets)
                .description("Inbound STUN/TURN packets dropped (malformed, unauthorised, over quota, policy)")
                .register(registry);
        for (int code : turn.errorCodes()) {
            FunctionCounter.builder("swarmrtc.turn.errors", turn, t -> t.errorResponses(code))
                    .tag("code", Integer.toString(code))
                    .description("STUN error responses sent, by error code").register(registry);
        }
    }
}
