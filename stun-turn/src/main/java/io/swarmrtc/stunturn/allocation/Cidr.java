package io.swarmrtc.stunturn.allocation;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}. Immutable. */
public record Cidr(byte[] network, int prefixLength) {
  public Cidr {
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("address must be 4 or 16 bytes");
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
    }
  }

  /** Parses {@code "a.b.c.d/n"}, {@code "x::/n"} or a single address (full-length prefix). */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    if (!host.matches("[0-9a-fA-F:.]+")) { // literal addresses only: never a DNS lookup
      throw new IllegalArgumentException("not an IP literal: " + text);
    }
    try {
      byte[] addr = InetAddress.getByName(host).getAddress();
      int prefix = slash < 0 ? addr.length * 8 : Integer.parseInt(text.substring(slash + 1));
      return new Cidr(addr, prefix);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR: " + text, e);
    }
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  public boolean contains(byte[] addr) {
    if (addr.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (addr[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (addr[full] & mask) == (network[full] & mask);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefixLength == prefixLength
        && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
