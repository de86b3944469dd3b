package io.swarmrtc.peer;

import java.time.Instant;

/**
 * A chat message from another peer.
 *
 * @param from the sender's peer id (the peer at the other end of the channel)
 * @param text the text, at most 16 KiB
 * @param sentAt the sender's clock when it sent the message (not to be trusted for ordering)
 */
public record ChatMessage(String from, String text, Instant sentAt) {}
