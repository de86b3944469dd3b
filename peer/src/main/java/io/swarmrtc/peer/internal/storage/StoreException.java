package io.swarmrtc.peer.internal.storage;

/** A storage failure with a stable {@link Code}. */
public final class StoreException extends RuntimeException {
  /** Stable reasons; tests assert on these. */
  public enum Code {
    /** A path in the layout would leave the download directory or is otherwise unusable. */
    BAD_PATH,
    /** A final file already exists and does not hold this content: we never overwrite it. */
    TARGET_EXISTS,
    /** A block outside its piece, or a piece index out of range. */
    BAD_BLOCK,
    /** Reading a piece that is not verified. */
    NOT_VERIFIED,
    /** The store is closed. */
    CLOSED,
    /** The file system failed. */
    IO
  }

  private final Code code;

  public StoreException(Code code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public StoreException(Code code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
