package io.swarmrtc.server.rooms;

import io.swarmrtc.protocol.signal.SignalMessage;

/** One message the adapter must send to one connection. */
public record Delivery<C>(C to, SignalMessage message) {
}
