package io.swarmrtc.stunturn.server;

/** Thrown by handlers to answer with an error; stackless because floods must stay cheap. */
final class TurnException extends Exception {
  private static final long serialVersionUID = 1L;
  private final TurnError error;
  private final transient int[] unknownAttributes;

  TurnException(TurnError error) {
    this(error, null);
  }

  TurnException(TurnError error, int[] unknownAttributes) {
    super(error.name(), null, false, false);
    this.error = error;
    this.unknownAttributes = unknownAttributes;
  }

  TurnError error() {
    return error;
  }

  int[] unknownAttributes() {
    return unknownAttributes;
  }
}
