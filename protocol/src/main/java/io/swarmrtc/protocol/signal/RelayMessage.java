package io.swarmrtc.protocol.signal;

/**
 * A message the server relays between two peers of one room: offer, answer or candidate.
 * Sent by a client with {@link #to()} set; delivered by the server with {@link #from()} set instead.
 */
public sealed interface RelayMessage extends SignalMessage permits Offer, Answer, Candidate {

    /** The addressee's peer id (client to server), else null. */
    String to();

    /** The sender's peer id (server to client), else null. */
    String from();

    /** This message as the server forwards it: {@code to} removed, {@code from} set. */
    RelayMessage relayedFrom(String senderPeerId);
}
