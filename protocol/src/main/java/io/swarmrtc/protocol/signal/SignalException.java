package io.swarmrtc.protocol.signal;

/**
 * A frame that is not a valid signaling message. {@link #code()} is BAD_JSON, UNKNOWN_TYPE,
 * BAD_FIELD or BAD_ROOM; {@link #field()} names the offending field (null for BAD_JSON).
 */
public final class SignalException extends Exception {
    private final ErrorCode code;
    private final String field;

    public SignalException(ErrorCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The JSON field that failed, dotted for nested fields ({@code candidate.sdpMid}), or null. */
    public String field() {
        return field;
    }
}
