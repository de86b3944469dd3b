package io.swarmrtc.protocol.swarm;

/**
 * A share URL is malformed. {@link #field()} is a stable code: {@code url}, {@code origin},
 * {@code path}, {@code room} or {@code content}.
 */
public final class ShareLinkException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ShareLinkException(String field, String detail) {
    super(field + ": " + detail);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
