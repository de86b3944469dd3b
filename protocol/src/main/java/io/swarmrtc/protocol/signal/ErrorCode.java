package io.swarmrtc.protocol.signal;

/**
 * The stable error codes of docs/signaling.md. {@link #fatal()} says whether the server closes the
 * socket after sending the error (WebSocket close code 4000).
 */
public enum ErrorCode {
    BAD_JSON(false),
    BAD_FRAME(false),
    UNKNOWN_TYPE(false),
    BAD_FIELD(false),
    FRAME_TOO_LARGE(true),
    NOT_JOINED(false),
    ALREADY_JOINED(false),
    UNKNOWN_PEER(false),
    SELF_ADDRESSED(false),
    BAD_ROOM(false),
    ROOM_FULL(false),
    BAD_PASSWORD(false),
    BAD_TOKEN(false),
    RESUME_FAILED(false),
    RATE_LIMITED(false),
    TOO_MANY_ERRORS(true),
    INTERNAL(false);

    private final boolean fatal;

    ErrorCode(boolean fatal) {
        this.fatal = fatal;
    }

    /** True when the server closes the connection after sending this error. */
    public boolean fatal() {
        return fatal;
    }
}
