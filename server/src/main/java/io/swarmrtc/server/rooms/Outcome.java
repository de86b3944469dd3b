package io.swarmrtc.server.rooms;

import io.swarmrtc.protocol.signal.ErrorCode;
import java.util.List;

/**
 * What a registry operation asks the adapter to do, computed under the registry's lock and carried
 * out after it: send {@link #deliveries()}, report {@link #error()} to the caller (null: none) and
 * close {@link #superseded()} connections (an old socket replaced by a resume).
 */
public record Outcome<C>(List<Delivery<C>> deliveries, ErrorCode error, String errorMessage, List<C> superseded) {

    public Outcome {
        deliveries = List.copyOf(deliveries);
        superseded = List.copyOf(superseded);
    }

    static <C> Outcome<C> of(List<Delivery<C>> deliveries) {
        return new Outcome<>(deliveries, null, null, List.of());
    }

    static <C> Outcome<C> error(ErrorCode code, String message) {
        return new Outcome<>(List.of(), code, message, List.of());
    }

    static <C> Outcome<C> none() {
        return of(List.of());
    }

    public boolean isError() {
        return error != null;
    }
}
