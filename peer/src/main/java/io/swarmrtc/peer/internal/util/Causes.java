package io.swarmrtc.peer.internal.util;

/** Messages of failures for users and logs. */
public final class Causes {

  private Causes() {}

  /** The message of the innermost cause (wrappers like CompletionException say nothing useful). */
  public static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
