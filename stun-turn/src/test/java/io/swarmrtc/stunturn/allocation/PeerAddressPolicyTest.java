package io.swarmrtc.stunturn.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerAddressPolicyTest {
  private final PeerAddressPolicy safe = new PeerAddressPolicy(List.of());
  private final PeerAddressPolicy lab = new PeerAddressPolicy(
      List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("fd00::/8")));

  @ParameterizedTest(name = "{0}: allowed by default {1}, with the lab allow-list {2}")
  @CsvSource({
      "8.8.8.8, true, true",
      "198.51.100.7, true, true",
      "2001:4860::8888, true, true",
      "10.1.2.3, false, true",
      "10.2.0.1, false, false",
      "::ffff:10.1.2.3, false, true",
      "fd00::1, false, true",
      "fc00::1, false, false",
      "127.0.0.1, false, false",
      "169.254.169.254, false, false",
      "100.64.0.1, false, false",
      "172.15.255.255, true, true",
      "172.32.0.0, true, true",
      "192.169.0.1, true, true",
      "::ffff:8.8.8.8, true, true",
      "64:ff9b::808:808, true, true",
      "64:ff9b::7f00:1, false, false",
      "2002:c0a8:0101::1, false, false",
      "2002:0808:0808::1, true, true",
  })
  void policyDecides(String address, boolean byDefault, boolean withAllowList) throws Exception {
    InetAddress a = parse(address);
    assertEquals(byDefault, safe.isAllowed(a));
    assertEquals(withAllowList, lab.isAllowed(a));
  }

  @ParameterizedTest(name = "\"{0}\" is not a CIDR")
  @CsvSource({"example.com", "10.0.0.0/33", "10.0.0.0/x", "::/129", "''"})
  void cidrParsingRejectsNonLiterals(String text) {
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
  }

  /** Keeps "::ffff:a.b.c.d" as the IPv6 form a client can put in XOR-PEER-ADDRESS. */
  private static InetAddress parse(String s) throws Exception {
    InetAddress a = InetAddress.getByName(s);
    if (s.contains(":") && a.getAddress().length == 4) {
      byte[] v6 = new byte[16];
      v6[10] = (byte) 0xFF;
      v6[11] = (byte) 0xFF;
      System.arraycopy(a.getAddress(), 0, v6, 12, 4);
      return java.net.Inet6Address.getByAddress(null, v6, -1);
    }
    return a;
  }
}
