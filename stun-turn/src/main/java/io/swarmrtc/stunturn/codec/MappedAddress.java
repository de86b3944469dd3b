package io.swarmrtc.stunturn.codec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** MAPPED-ADDRESS (RFC 8489 §14.1: the reflexive address in the clear, for RFC 3489 clients; only decoded here.) */
public final class MappedAddress {
  public static final int TYPE = AttributeType.MAPPED_ADDRESS;

  private MappedAddress() {}

  /** The first MAPPED-ADDRESS of the message, or null when absent. */
  public static InetSocketAddress first(StunMessage m) {
    int i = m.find(TYPE);
    return i < 0 ? null : AddressValue.read(m, i, false, "MAPPED-ADDRESS");
  }

  /** Every MAPPED-ADDRESS, in order (CreatePermission may carry several). */
  public static List<InetSocketAddress> all(StunMessage m) {
    List<InetSocketAddress> out = new ArrayList<>(2);
    for (int i = 0; i < m.attributeCount(); i++) {
      if (m.attributeType(i) == TYPE) {
        out.add(AddressValue.read(m, i, false, "MAPPED-ADDRESS"));
      }
    }
    return out;
  }

  public static void write(StunMessageWriter w, InetSocketAddress address) {
    AddressValue.write(w, TYPE, address, false);
  }
}
