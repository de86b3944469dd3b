package io.swarmrtc.stunturn.codec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** XOR-PEER-ADDRESS (RFC 8656 §18.3: a peer's address in CreatePermission, ChannelBind, Send and Data.) */
public final class XorPeerAddress {
  public static final int TYPE = AttributeType.XOR_PEER_ADDRESS;

  private XorPeerAddress() {}

  /** The first XOR-PEER-ADDRESS of the message, or null when absent. */
  public static InetSocketAddress first(StunMessage m) {
    int i = m.find(TYPE);
    return i < 0 ? null : AddressValue.read(m, i, true, "XOR-PEER-ADDRESS");
  }

  /** Every XOR-PEER-ADDRESS, in order (CreatePermission may carry several). */
  public static List<InetSocketAddress> all(StunMessage m) {
    List<InetSocketAddress> out = new ArrayList<>(2);
    for (int i = 0; i < m.attributeCount(); i++) {
      if (m.attributeType(i) == TYPE) {
        out.add(AddressValue.read(m, i, true, "XOR-PEER-ADDRESS"));
      }
    }
    return out;
  }

  public static void write(StunMessageWriter w, InetSocketAddress address) {
    AddressValue.write(w, TYPE, address, true);
  }
}
