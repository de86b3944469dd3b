package io.swarmrtc.peer;

import java.util.Objects;

/**
 * Which room to join and with what credentials (docs/signaling.md, {@code join}).
 *
 * @param room 1-64 characters of {@code [A-Za-z0-9_-]}
 * @param password the room password, or null
 * @param token a signed join token, or null
 */
public record RoomJoin(String room, String password, String token) {
  public RoomJoin {
    Objects.requireNonNull(room, "room");
    if (!room.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("room must be 1-64 characters of [A-Za-z0-9_-]: " + room);
    }
  }

  public static RoomJoin of(String room) {
    return new RoomJoin(room, null, null);
  }

  public RoomJoin withPassword(String password) {
    return new RoomJoin(room, password, token);
  }

  public RoomJoin withToken(String token) {
    return new RoomJoin(room, password, token);
  }
}
