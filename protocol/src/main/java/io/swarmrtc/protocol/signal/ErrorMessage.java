package io.swarmrtc.protocol.signal;

import java.util.Objects;

/**
 * Server reports an error. {@code code} is stable; {@code message} is for humans. When {@code fatal}
 * the server closes the socket right after sending it.
 */
public record ErrorMessage(ErrorCode code, String message, boolean fatal) implements SignalMessage {
    public static final String TYPE = "error";

    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** An error for {@code code}, fatal exactly when the contract says that code closes the socket. */
    public static ErrorMessage of(ErrorCode code, String message) {
        return new ErrorMessage(code, message, code.fatal());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
