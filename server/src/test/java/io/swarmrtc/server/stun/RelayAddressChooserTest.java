package io.swarmrtc.server.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayAddressChooserTest {
    @ParameterizedTest(name = "bound to {0} with interfaces [{1}], relays use {2}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 | 10.0.0.5                    | 127.0.0.1",
        "192.0.2.7 | 10.0.0.5                    | 192.0.2.7",
        "0.0.0.0   | fe80::1 169.254.1.1 10.0.0.5 | 10.0.0.5",
        "0.0.0.0   | 2001:db8::1 203.0.113.9     | 203.0.113.9",
        "0.0.0.0   | fe80::1                     | 127.0.0.1",
    })
    void aConcreteBindAddressWinsElseTheFirstRoutableIpv4Interface(String bind, String interfaces, String expected)
            throws Exception {
        List<InetAddress> candidates = Arrays.stream(interfaces.trim().split(" ")).map(RelayAddressChooserTest::ip).toList();
        assertEquals(ip(expected), RelayAddressChooser.choose(ip(bind), candidates));
    }

    @org.junit.jupiter.api.Test
    void anIpv6BindAddressNeedsAnExplicitIpv4RelayAddress() {
        assertThrows(IllegalArgumentException.class, () -> RelayAddressChooser.choose(ip("::1"), List.of()));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal.trim());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
