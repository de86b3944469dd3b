package io.swarmrtc.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IceServersTest {
    @ParameterizedTest(name = "public host ''{0}'' and Host header ''{1}'' advertise {2}")
    @CsvSource(nullValues = "null", value = {
        "turn.example.org, 10.0.0.1:8080, turn.example.org",
        "null, signal.example.org:8443, signal.example.org",
        "null, signal.example.org, signal.example.org",
        "null, '[::1]:8080', '[::1]'",
        "null, null, 127.0.0.1",
        "null, '', 127.0.0.1",
        "null, 'evil.org/path?x', 127.0.0.1",
        "null, '[zz]:1', 127.0.0.1",
    })
    void advertisedHost(String publicHost, String hostHeader, String expected) {
        assertEquals(expected, IceServers.advertisedHost(publicHost, hostHeader));
    }
}
