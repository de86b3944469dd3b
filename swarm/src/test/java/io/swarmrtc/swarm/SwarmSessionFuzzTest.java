package io.swarmrtc.swarm;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.swarmrtc.protocol.swarm.SwarmCodec;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Feeds sessions (a seeder, a downloader with the manifest, one without) arbitrary event sequences
 * from hostile peers: whatever arrives, a session never throws. Without JAZZER_FUZZ=1 this runs the
 * committed corpus (src/test/resources/io/swarmrtc/swarm/SwarmSessionFuzzTestInputs) as a test.
 */
class SwarmSessionFuzzTest {
  private static final Fixture FIXTURE = new Fixture(3);
  private static final String[] PEERS = {"a", "b", "c"};

  @FuzzTest(maxDuration = "30s")
  void aSessionSurvivesAnySequenceOfEvents(FuzzedDataProvider data) {
    Fixture f = FIXTURE;
    SwarmSession[] sessions = {
        SwarmSession.seeding(f.manifest, Fixture.config(4), f.clock),
        SwarmSession.resuming(f.manifest, new Bitfield(f.manifest.pieceCount()), Fixture.config(4), f.clock),
        SwarmSession.downloading(f.manifest.contentId(), Fixture.config(4), f.clock),
    };
    SwarmSession s = sessions[data.consumeInt(0, 2)];
    int steps = 0;
    while (data.remainingBytes() > 0 && steps++ < 200) {
      String peer = PEERS[data.consumeInt(0, PEERS.length - 1)];
      switch (data.consumeInt(0, 7)) {
        case 0 -> s.onPeerConnected(peer);
        case 1 -> s.onPeerDisconnected(peer);
        case 2 -> s.onData(peer, ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 200))));
        case 3 -> s.onMessage(peer, SwarmMessage.Handshake.of(f.manifest.contentId(), data.consumeBoolean()));
        case 4 -> s.onData(peer, ByteBuffer.wrap(validish(data)));
        case 5 -> {
          f.clock.advance(Duration.ofSeconds(data.consumeInt(0, 60)));
          s.onTick();
        }
        case 6 -> s.nextUpload(peer);
        default -> {
          if (data.consumeBoolean()) {
            s.choke(peer);
          } else {
            s.unchoke(peer);
          }
        }
      }
    }
  }

  /** A structurally valid message with fuzzed fields, to get past the decoder. */
  private static byte[] validish(FuzzedDataProvider d) {
    int piece = d.consumeInt(0, 4);
    int offset = d.consumeInt(0, 3) * Fixture.BLOCK;
    SwarmMessage m = switch (d.consumeInt(0, 7)) {
      case 0 -> new SwarmMessage.Have(piece);
      case 1 -> new SwarmMessage.Request(piece, offset, d.consumeInt(1, Fixture.BLOCK));
      case 2 -> new SwarmMessage.Piece(piece, offset, ByteBuffer.wrap(new byte[d.consumeInt(1, Fixture.BLOCK)]));
      case 3 -> new SwarmMessage.Bitfield(ByteBuffer.wrap(d.consumeBytes(2)));
      case 4 -> new SwarmMessage.Reject(piece, offset, Fixture.BLOCK);
      case 5 -> new SwarmMessage.ManifestRequest(d.consumeInt(0, 100_000));
      case 6 -> {
        byte[] chunk = d.consumeBytes(300);
        yield new SwarmMessage.ManifestData(d.consumeInt(chunk.length, 600), 0, ByteBuffer.wrap(chunk));
      }
      default -> d.consumeBoolean() ? new SwarmMessage.Choke() : new SwarmMessage.Unchoke();
    };
    return SwarmCodec.encode(m);
  }
}
