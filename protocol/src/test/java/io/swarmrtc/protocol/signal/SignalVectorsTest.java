package io.swarmrtc.protocol.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example of docs/signaling.md, as listed in vectors/signaling/index.json. */
class SignalVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> validVectors() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode v : index().get("valid")) {
            out.add(Arguments.of(v.get("file").asText(), v.get("direction").asText(), v.get("type").asText()));
        }
        return out.stream();
    }

    static Stream<Arguments> invalidVectors() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode v : index().get("invalid")) {
            out.add(Arguments.of(v.get("frame").asText(), v.get("direction").asText(),
                    ErrorCode.valueOf(v.get("code").asText()),
                    v.get("field").isNull() ? null : v.get("field").asText()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} ({1}) decodes as {2} and re-encodes to the same JSON")
    @MethodSource("validVectors")
    void validVectorRoundTrips(String file, String direction, String type) throws Exception {
        String text = read(file).strip();
        SignalMessage message = decode(text, direction);
        assertEquals(type, message.type());
        String encoded = SignalCodec.encode(message);
        assertEquals(JSON.readTree(text), JSON.readTree(encoded), "re-encoded " + file);
        assertEquals(message, decode(encoded, direction), "decode(encode(m)) == m for " + file);
    }

    @ParameterizedTest(name = "{0} ({1}) is rejected with {2} naming field {3}")
    @MethodSource("invalidVectors")
    void invalidVectorIsRejectedWithItsCode(String frame, String direction, ErrorCode code, String field) {
        SignalException e = assertThrows(SignalException.class, () -> decode(frame, direction));
        assertEquals(code, e.code());
        assertEquals(field, e.field());
    }

    private static SignalMessage decode(String text, String direction) throws SignalException {
        return switch (direction) {
            case "client-to-server" -> SignalCodec.decodeFromClient(text);
            case "server-to-client" -> SignalCodec.decodeFromServer(text);
            default -> throw new IllegalArgumentException(direction);
        };
    }

    private static JsonNode index() throws IOException {
        return JSON.readTree(read("index.json"));
    }

    private static String read(String file) throws IOException {
        try (InputStream in = SignalVectorsTest.class.getResourceAsStream("/vectors/signaling/" + file)) {
            if (in == null) {
                throw new IOException("missing vector " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
