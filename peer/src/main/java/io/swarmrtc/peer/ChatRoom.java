package io.swarmrtc.peer;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A joined chat room: messages go peer to peer over each connection's {@code chat} channel.
 * Obtain one from {@link SwarmClient#chat(RoomJoin, ChatListener)}; close it to leave.
 */
public interface ChatRoom extends AutoCloseable {
  /** This peer's id in the room. */
  String localPeerId();

  /** The ids of the peers connected right now. */
  List<String> peers();

  /**
   * Sends {@code text} to every connected peer. The future completes with the number of peers it
   * was handed to.
   *
   * @throws IllegalArgumentException if the text is over 16 KiB (UTF-8)
   * @throws SwarmException with {@link SwarmException.Code#CLOSED} if the room is closed
   */
  CompletableFuture<Integer> send(String text);

  /** Leaves the room. Idempotent. */
  @Override
  void close();
}
