package io.swarmrtc.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swarmrtc.protocol.signal.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics: {@code swarmrtc_connections}, {@code swarmrtc_peers},
 * {@code swarmrtc_peers_connected}, {@code swarmrtc_rooms}, {@code swarmrtc_messages_relayed_total},
 * {@code swarmrtc_errors_total{code=...}} (every code, from 0) and the JVM memory gauges; the embedded
 * STUN/TURN server adds its {@code swarmrtc_turn_*} series through {@link #bind} ({@link TurnMeters}).
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter relayed;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    public ServerMetrics(IntSupplier connections, IntSupplier peers, IntSupplier connectedPeers, IntSupplier rooms) {
        gauge("swarmrtc.connections", "Open signaling WebSockets", connections);
        gauge("swarmrtc.peers", "Peers in rooms, including those in their resume grace period", peers);
        gauge("swarmrtc.peers.connected", "Peers in rooms with a live WebSocket", connectedPeers);
        gauge("swarmrtc.rooms", "Rooms with at least one peer", rooms);
        relayed = Counter.builder("swarmrtc.messages.relayed")
                .description("Offers, answers and candidates relayed between peers").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("swarmrtc.errors").tag("code", code.name())
                    .description("Error messages sent to clients, by code").register(registry));
        }
        new JvmMemoryMetrics().bindTo(registry);
    }

    private void gauge(String name, String description, IntSupplier value) {
        // The Supplier form keeps a strong reference; the (object, function) form would let it be collected.
        Gauge.builder(name, () -> value.getAsInt()).description(description).register(registry);
    }

    /** Adds more meters (e.g. the embedded TURN server's) to the same /metrics exposition. */
    public void bind(io.micrometer.core.instrument.binder.MeterBinder binder) {
        binder.bindTo(registry);
    }

    public void relayed() {
        relayed.increment();
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }

    public double relayedCount() {
        return relayed.count();
    }

    /** The Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
