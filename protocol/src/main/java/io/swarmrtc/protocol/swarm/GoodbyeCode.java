package io.swarmrtc.protocol.swarm;

/** The GOODBYE codes of docs/swarm-protocol.md. Unknown codes are legal on the wire. */
public final class GoodbyeCode {
  public static final int NORMAL = 1;
  public static final int WRONG_CONTENT = 2;
  public static final int PROTOCOL_VIOLATION = 3;
  public static final int BAD_PIECE = 4;
  public static final int BANNED = 5;
  public static final int VERSION_NOT_SUPPORTED = 6;

  private GoodbyeCode() {}
}
