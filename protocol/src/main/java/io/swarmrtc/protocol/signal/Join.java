package io.swarmrtc.protocol.signal;

/**
 * Client asks to join {@code room}. {@code password}, {@code token} and {@code resumeToken} are
 * optional (null when absent).
 */
public record Join(String room, String password, String token, String resumeToken) implements SignalMessage {
    public static final String TYPE = "join";

    public Join {
        Fields.requireRoom(room);
    }

    /** A plain join without password, token or resume token. */
    public static Join room(String room) {
        return new Join(room, null, null, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
