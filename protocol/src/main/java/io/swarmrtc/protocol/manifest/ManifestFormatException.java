package io.swarmrtc.protocol.manifest;

/**
 * A manifest (or a value that belongs in one) breaks docs/swarm-protocol.md. {@link #field()} names
 * the offending field with a stable code (for example {@code "pieceSize"}, {@code "path"}); tests and
 * callers branch on it, never on the message text.
 */
public final class ManifestFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ManifestFormatException(String field, String detail) {
    super(field + ": " + detail);
    this.field = field;
  }

  /** The stable name of the field that failed, as used in the protocol document and the vectors. */
  public String field() {
    return field;
  }
}
