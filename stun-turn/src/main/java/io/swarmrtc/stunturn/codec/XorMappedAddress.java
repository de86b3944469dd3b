package io.swarmrtc.stunturn.codec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** XOR-MAPPED-ADDRESS (RFC 8489 §14.2: the client's reflexive transport address as seen by the server.) */
public final class XorMappedAddress {
  public static final int TYPE = AttributeType.XOR_MAPPED_ADDRESS;

  private XorMappedAddress() {}

  /** The first XOR-MAPPED-ADDRESS of the message, or null when absent. */
  public static InetSocketAddress first(StunMessage m) {
    int i = m.find(TYPE);
    return i < 0 ? null : AddressValue.read(m, i, true, "XOR-MAPPED-ADDRESS");
  }

  /** Every XOR-MAPPED-ADDRESS, in order (CreatePermission may carry several). */
  public static List<InetSocketAddress> all(StunMessage m) {
    List<InetSocketAddress> out = new ArrayList<>(2);
    for (int i = 0; i < m.attributeCount(); i++) {
      if (m.attributeType(i) == TYPE) {
        out.add(AddressValue.read(m, i, true, "XOR-MAPPED-ADDRESS"));
      }
    }
    return out;
  }

  public static void write(StunMessageWriter w, InetSocketAddress address) {
    AddressValue.write(w, TYPE, address, true);
  }
}
