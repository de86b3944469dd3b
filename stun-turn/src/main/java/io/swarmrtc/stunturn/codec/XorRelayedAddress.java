package io.swarmrtc.stunturn.codec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** XOR-RELAYED-ADDRESS (RFC 8656 §18.5: the relayed transport address the server allocated.) */
public final class XorRelayedAddress {
  public static final int TYPE = AttributeType.XOR_RELAYED_ADDRESS;

  private XorRelayedAddress() {}

  /** The first XOR-RELAYED-ADDRESS of the message, or null when absent. */
  public static InetSocketAddress first(StunMessage m) {
    int i = m.find(TYPE);
    return i < 0 ? null : AddressValue.read(m, i, true, "XOR-RELAYED-ADDRESS");
  }

  /** Every XOR-RELAYED-ADDRESS, in order (CreatePermission may carry several). */
  public static List<InetSocketAddress> all(StunMessage m) {
    List<InetSocketAddress> out = new ArrayList<>(2);
    for (int i = 0; i < m.attributeCount(); i++) {
      if (m.attributeType(i) == TYPE) {
        out.add(AddressValue.read(m, i, true, "XOR-RELAYED-ADDRESS"));
      }
    }
    return out;
  }

  public static void write(StunMessageWriter w, InetSocketAddress address) {
    AddressValue.write(w, TYPE, address, true);
  }
}
