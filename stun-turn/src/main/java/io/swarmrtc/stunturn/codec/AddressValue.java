package io.swarmrtc.stunturn.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The shared value format of MAPPED-ADDRESS and the XOR-*-ADDRESS attributes (RFC 8489 §14.1,
 * §14.2): reserved byte, family (1 = IPv4, 2 = IPv6), port, address; the XOR forms mask the port
 * with the cookie's top half and the address with the cookie (+ transaction id for IPv6).
 */
final class AddressValue {
  private AddressValue() {}

  static InetSocketAddress read(StunMessage m, int i, boolean xor, String name) {
    byte[] b = m.bytes();
    int off = m.valueOffset(i);
    int len = m.valueLength(i);
    if (len < 4) {
      throw StunDecodeException.attribute(name + ".length", "too short: " + len);
    }
    int family = b[off + 1] & 0xFF;
    int addrLen;
    if (family == 1) {
      addrLen = 4;
    } else if (family == 2) {
      addrLen = 16;
    } else {
      throw StunDecodeException.attribute(name + ".family", "unknown family " + family);
    }
    if (len != 4 + addrLen) {
      throw StunDecodeException.attribute(name + ".length", "family " + family + " needs "
          + (4 + addrLen) + " bytes, has " + len);
    }
    int port = Bytes.u16(b, off + 2);
    byte[] addr = new byte[addrLen];
    System.arraycopy(b, off + 4, addr, 0, addrLen);
    if (xor) {
      port ^= StunHeader.MAGIC_COOKIE >>> 16;
      for (int k = 0; k < addrLen; k++) {
        addr[k] ^= b[4 + k]; // bytes 4..19 of the header: cookie then transaction id
      }
    }
    try {
      InetAddress ia = family == 1 ? Inet4Address.getByAddress(addr)
          : Inet6Address.getByAddress(null, addr, -1);
      return new InetSocketAddress(ia, port);
    } catch (UnknownHostException e) {
      throw StunDecodeException.attribute(name + ".address", "invalid address");
    }
  }

  static void write(StunMessageWriter w, int type, InetSocketAddress a, boolean xor) {
    byte[] addr = a.getAddress().getAddress();
    int off = w.reserve(type, 4 + addr.length);
    byte[] b = w.buffer();
    b[off] = 0;
    b[off + 1] = (byte) (addr.length == 4 ? 1 : 2);
    int port = a.getPort();
    if (xor) {
      port ^= StunHeader.MAGIC_COOKIE >>> 16;
    }
    Bytes.put16(b, off + 2, port);
    for (int k = 0; k < addr.length; k++) {
      b[off + 4 + k] = (byte) (xor ? addr[k] ^ b[4 + k] : addr[k]);
    }
  }
}
