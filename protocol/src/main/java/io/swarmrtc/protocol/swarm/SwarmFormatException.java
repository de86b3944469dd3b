package io.swarmrtc.protocol.swarm;

/**
 * A swarm message (or a value for one) breaks docs/swarm-protocol.md. {@link #field()} is a stable
 * code naming the field ({@code "type"}, {@code "payload"}, {@code "length"}...): branch on it,
 * never on the message text. The receiver answers GOODBYE 3 (protocol violation) and drops the peer.
 */
public final class SwarmFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public SwarmFormatException(String field, String detail) {
    super(field + ": " + detail);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
