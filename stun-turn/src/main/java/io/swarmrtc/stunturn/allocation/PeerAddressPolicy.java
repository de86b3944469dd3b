package io.swarmrtc.stunturn.allocation;

import java.net.InetAddress;
import java.util.List;

/**
 * Which peers a TURN allocation may relay to. Safe by default: loopback, "this network",
 * RFC 1918, CGNAT, link-local (incl. the 169.254.169.254 metadata service), multicast,
 * broadcast/reserved, IPv6 unspecified/loopback/link-local/site-local/ULA/multicast, and IPv6
 * forms that embed IPv4 (mapped {@code ::ffff:0:0/96}, compatible {@code ::/96}, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are checked on the embedded IPv4 address.
 * An explicit allow-list (for tests and labs) wins over the deny-list.
 */
public final class PeerAddressPolicy {
  private static final List<Cidr> DENIED_V4 = List.of(
      Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
      Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
      Cidr.parse("192.0.0.0/24"), Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"),
      Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"));
  private static final List<Cidr> DENIED_V6 = List.of(
      Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fe80::/10"),
      Cidr.parse("fec0::/10"), Cidr.parse("fc00::/7"), Cidr.parse("ff00::/8"),
      Cidr.parse("100::/64"));

  private final List<Cidr> allowed;

  public PeerAddressPolicy(List<Cidr> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  public boolean isAllowed(InetAddress address) {
    byte[] a = address.getAddress();
    for (Cidr c : allowed) {
      if (c.contains(a)) {
        return true;
      }
    }
    byte[] embedded = embeddedIpv4(a);
    if (embedded != null) {
      for (Cidr c : allowed) {
        if (c.contains(embedded)) {
          return true;
        }
      }
      return !isDenied(embedded, DENIED_V4);
    }
    return !isDenied(a, a.length == 4 ? DENIED_V4 : DENIED_V6);
  }

  private static boolean isDenied(byte[] a, List<Cidr> denied) {
    for (Cidr c : denied) {
      if (c.contains(a)) {
        return true;
      }
    }
    return false;
  }

  /** The IPv4 address inside an IPv6 mapped/compatible/NAT64/6to4 address, else null. */
  static byte[] embeddedIpv4(byte[] a) {
    if (a.length != 16) {
      return null;
    }
    boolean zero80 = true;
    for (int i = 0; i < 10; i++) {
      zero80 &= a[i] == 0;
    }
    boolean mapped = zero80 && a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    boolean compatible = zero80 && a[10] == 0 && a[11] == 0 && !(a[12] == 0 && a[13] == 0
        && a[14] == 0 && (a[15] == 0 || a[15] == 1)); // :: and ::1 are handled as IPv6
    boolean nat64 = a[0] == 0 && a[1] == 0x64 && a[2] == (byte) 0xFF && a[3] == (byte) 0x9B
        && a[4] == 0 && a[5] == 0 && a[6] == 0 && a[7] == 0 && a[8] == 0 && a[9] == 0
        && a[10] == 0 && a[11] == 0;
    if (mapped || compatible || nat64) {
      return new byte[] {a[12], a[13], a[14], a[15]};
    }
    if (a[0] == 0x20 && a[1] == 0x02) { // 6to4: 2002:AABB:CCDD::/48
      return new byte[] {a[2], a[3], a[4], a[5]};
    }
    return null;
  }
}
