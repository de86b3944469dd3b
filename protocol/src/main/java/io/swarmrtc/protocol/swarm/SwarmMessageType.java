package io.swarmrtc.protocol.swarm;

/** The type byte of each swarm message. */
public enum SwarmMessageType {
  HANDSHAKE(0x01),
  MANIFEST_REQUEST(0x02),
  MANIFEST_DATA(0x03),
  BITFIELD(0x04),
  HAVE(0x05),
  REQUEST(0x06),
  PIECE(0x07),
  CANCEL(0x08),
  REJECT(0x09),
  CHOKE(0x0A),
  UNCHOKE(0x0B),
  GOODBYE(0x0C);

  private static final SwarmMessageType[] BY_CODE = new SwarmMessageType[0x0D];

  static {
    for (SwarmMessageType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;

  SwarmMessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type with this code, or null. */
  public static SwarmMessageType ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
