package io.swarmrtc.stunturn.codec;

/**
 * The one exception every decoder in this package throws. It names the field that failed and says
 * whether the input was not a usable STUN/ChannelData frame at all ({@link #isFramingError()}: drop
 * it silently, RFC 8489 §6.3) or a well-framed message with a bad attribute (answer 400).
 *
 * <p>Stack traces are not filled in: a flood of garbage must stay cheap.
 */
public final class StunDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean framingError;
  private final String field;

  private StunDecodeException(boolean framingError, String field, String detail) {
    super(field + ": " + detail, null, false, false);
    this.framingError = framingError;
    this.field = field;
  }

  /** The header, the length or the FINGERPRINT is wrong: not a STUN message, drop it. */
  public static StunDecodeException framing(String field, String detail) {
    return new StunDecodeException(true, field, detail);
  }

  /** The frame is sound but an attribute is not: a request gets 400 Bad Request. */
  public static StunDecodeException attribute(String field, String detail) {
    return new StunDecodeException(false, field, detail);
  }

  public boolean isFramingError() {
    return framingError;
  }

  /** The field that failed, e.g. {@code "header.magicCookie"} or {@code "XOR-PEER-ADDRESS.family"}. */
  public String field() {
    return field;
  }
}
