package io.swarmrtc.swarm;

import static io.swarmrtc.swarm.Fixture.commands;
import static io.swarmrtc.swarm.Fixture.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.swarm.GoodbyeCode;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.protocol.swarm.SwarmMessage.*;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A peer that breaks the protocol gets GOODBYE with the right code and is closed and forgotten. */
class ProtocolViolationTest {
  static final ContentId OTHER = ContentId.ofCanonicalBytes(new byte[] {1});

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a handshake for other content", GoodbyeCode.WRONG_CONTENT, false,
            (BiFunction<Fixture, SwarmSession, List<SwarmCommand>>) (f, s) -> s.onMessage("p", Handshake.of(OTHER, true))),
        Arguments.of("a handshake of version 2", GoodbyeCode.VERSION_NOT_SUPPORTED, false,
            fn((f, s) -> s.onMessage("p", new Handshake(2, f.manifest.contentId(), 1)))),
        Arguments.of("a message before the handshake", GoodbyeCode.PROTOCOL_VIOLATION, false,
            fn((f, s) -> s.onMessage("p", new Have(0)))),
        Arguments.of("bytes that do not decode", GoodbyeCode.PROTOCOL_VIOLATION, true,
            fn((f, s) -> s.onData("p", ByteBuffer.wrap(new byte[] {0x7f})))),
        Arguments.of("a second handshake", GoodbyeCode.PROTOCOL_VIOLATION, true,
            fn((f, s) -> s.onMessage("p", Handshake.of(f.manifest.contentId(), true)))),
        Arguments.of("a second bitfield", GoodbyeCode.PROTOCOL_VIOLATION, true,
            fn((f, s) -> s.onMessage("p", new SwarmMessage.Bitfield(ByteBuffer.wrap(new byte[1]))))),
        Arguments.of("a HAVE for a piece past the end", GoodbyeCode.PROTOCOL_VIOLATION, true,
            fn((f, s) -> s.onMessage("p", new Have(f.manifest.pieceCount())))),
        Arguments.of("a PIECE nobody requested", GoodbyeCode.PROTOCOL_VIOLATION, true,
            fn((f, s) -> s.onMessage("p", new Piece(1, 0, ByteBuffer.wrap(new byte[16]))))),
        Arguments.of("a REQUEST past the end of a piece", GoodbyeCode.PROTOCOL_VIOLATION, true,
            fn((f, s) -> s.onMessage("p", new Request(0, 32 * 1024 - 10, 20)))),
        Arguments.of("an unrequested MANIFEST_DATA", GoodbyeCode.PROTOCOL_VIOLATION, true,
            fn((f, s) -> s.onMessage("p", new ManifestData(3, 0, ByteBuffer.wrap(new byte[3]))))));
  }

  static BiFunction<Fixture, SwarmSession, List<SwarmCommand>> fn(BiFunction<Fixture, SwarmSession, List<SwarmCommand>> f) {
    return f;
  }

  @ParameterizedTest(name = "{0} gets GOODBYE {1}")
  @MethodSource("cases")
  void aMisbehavingPeerIsToldWhyAndDropped(String name, int code, boolean handshakeFirst,
      BiFunction<Fixture, SwarmSession, List<SwarmCommand>> misbehave) {
    Fixture f = new Fixture(2);
    SwarmSession s = f.downloader(16);
    if (handshakeFirst) {
      f.connect(s, "p", true, 0);
    } else {
      s.onPeerConnected("p");
    }
    List<SwarmCommand> out = misbehave.apply(f, s);
    assertEquals(code, sent(out, "p", Goodbye.class).get(0).code());
    assertEquals(List.of(new SwarmCommand.Close("p")), commands(out, SwarmCommand.Close.class));
    assertEquals(null, s.peer("p"), "the peer is forgotten");
  }
}
