package io.swarmrtc.protocol.signal;

import java.util.regex.Pattern;

/** Field rules shared by the record constructors and the codec. */
final class Fields {
    static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Fields() {
    }

    static boolean isValidRoom(String room) {
        return room != null && ROOM.matcher(room).matches();
    }

    static void requireRoom(String room) {
        if (!isValidRoom(room)) {
            throw new IllegalArgumentException("room must be 1-64 characters of [A-Za-z0-9_-]: " + room);
        }
    }

    static void requireNonEmpty(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must be a non-empty string");
        }
    }

    static void requireOneAddress(String to, String from) {
        if ((to == null) == (from == null)) {
            throw new IllegalArgumentException("exactly one of to/from must be set");
        }
        if (to != null) {
            requireNonEmpty(to, "to");
        } else {
            requireNonEmpty(from, "from");
        }
    }
}
