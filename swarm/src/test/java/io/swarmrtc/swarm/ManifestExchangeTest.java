package io.swarmrtc.swarm;

import static io.swarmrtc.swarm.Fixture.commands;
import static io.swarmrtc.swarm.Fixture.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmrtc.protocol.manifest.FileEntry;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.swarm.GoodbyeCode;
import io.swarmrtc.protocol.swarm.SwarmMessage.Goodbye;
import io.swarmrtc.protocol.swarm.SwarmMessage.Handshake;
import io.swarmrtc.protocol.swarm.SwarmMessage.ManifestData;
import io.swarmrtc.protocol.swarm.SwarmMessage.ManifestRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conversation step 2: a downloader that knows only the content id fetches and checks the manifest. */
class ManifestExchangeTest {
  static Manifest bigManifest() {
    int pieces = 3000; // 96 KB of hashes: two chunks
    List<byte[]> hashes = new ArrayList<>(Collections.nCopies(pieces, new byte[32]));
    return Manifest.of("big", List.of(new FileEntry("big.bin", (long) pieces * 16384)), 16384, hashes);
  }

  /** Delivers Send commands between two sessions until both are quiet; returns b's commands. */
  static List<SwarmCommand> pump(SwarmSession a, String aId, SwarmSession b, String bId) {
    List<SwarmCommand> bLog = new ArrayList<>();
    List<SwarmCommand> fromA = new ArrayList<>(a.onPeerConnected(bId));
    List<SwarmCommand> fromB = new ArrayList<>(b.onPeerConnected(aId));
    bLog.addAll(fromB);
    while (!fromA.isEmpty() || !fromB.isEmpty()) {
      List<SwarmCommand> nextA = new ArrayList<>();
      List<SwarmCommand> nextB = new ArrayList<>();
      for (SwarmCommand c : fromA) {
        if (c instanceof SwarmCommand.Send s) {
          nextB.addAll(b.onMessage(aId, s.message()));
        }
      }
      for (SwarmCommand c : fromB) {
        if (c instanceof SwarmCommand.Send s) {
          nextA.addAll(a.onMessage(bId, s.message()));
        }
      }
      bLog.addAll(nextB);
      fromA = nextA;
      fromB = nextB;
    }
    return bLog;
  }

  @Test
  void aManifestLargerThanOneChunkIsFetchedInOrderAndVerified() {
    Manifest m = bigManifest();
    MutableClock clock = new MutableClock();
    SwarmSession seeder = SwarmSession.seeding(m, SwarmConfig.defaults(), clock);
    SwarmSession downloader = SwarmSession.downloading(m.contentId(), SwarmConfig.defaults(), clock);
    List<SwarmCommand> log = pump(seeder, "seeder", downloader, "downloader");
    assertEquals(List.of(new ManifestRequest(0), new ManifestRequest(65536)), sent(log, "seeder", ManifestRequest.class));
    assertEquals(List.of(new SwarmCommand.ManifestReceived(m)), commands(log, SwarmCommand.ManifestReceived.class));
    assertEquals(m, downloader.manifest());
  }

  @Test
  void aManifestThatDoesNotMatchTheContentIdDropsItsSenderAndAnotherPeerIsAsked() {
    Fixture f = new Fixture(2);
    Manifest other = new Fixture(3).manifest;
    SwarmSession d = SwarmSession.downloading(f.manifest.contentId(), SwarmConfig.defaults(), f.clock);
    d.onPeerConnected("liar");
    d.onPeerConnected("honest");
    assertEquals(List.of(new ManifestRequest(0)),
        sent(d.onMessage("liar", Handshake.of(f.manifest.contentId(), true)), "liar", ManifestRequest.class));
    d.onMessage("honest", Handshake.of(f.manifest.contentId(), true));
    byte[] wrong = other.toBytes();
    List<SwarmCommand> out = d.onMessage("liar", new ManifestData(wrong.length, 0, ByteBuffer.wrap(wrong)));
    assertEquals(GoodbyeCode.WRONG_CONTENT, sent(out, "liar", Goodbye.class).get(0).code());
    assertEquals(List.of(new ManifestRequest(0)), sent(out, "honest", ManifestRequest.class));
    byte[] right = f.manifest.toBytes();
    List<SwarmCommand> ok = d.onMessage("honest", new ManifestData(right.length, 0, ByteBuffer.wrap(right)));
    assertEquals(List.of(new SwarmCommand.ManifestReceived(f.manifest)), commands(ok, SwarmCommand.ManifestReceived.class));
  }

  @Test
  void aBitfieldAndHavesThatArriveBeforeTheManifestCountOnceItArrives() {
    Fixture f = new Fixture(2);
    SwarmSession d = SwarmSession.downloading(f.manifest.contentId(), Fixture.config(16), f.clock);
    d.onPeerConnected("s");
    d.onMessage("s", Handshake.of(f.manifest.contentId(), true));
    d.onMessage("s", new io.swarmrtc.protocol.swarm.SwarmMessage.Bitfield(ByteBuffer.wrap(new byte[] {(byte) 0x80})));
    assertEquals(List.of(), commands(d.onMessage("s", new io.swarmrtc.protocol.swarm.SwarmMessage.Have(1)), SwarmCommand.Close.class));
    byte[] bytes = f.manifest.toBytes();
    List<SwarmCommand> out = d.onMessage("s", new ManifestData(bytes.length, 0, ByteBuffer.wrap(bytes)));
    List<Integer> pieces = sent(out, "s", io.swarmrtc.protocol.swarm.SwarmMessage.Request.class).stream()
        .map(io.swarmrtc.protocol.swarm.SwarmMessage.Request::piece).distinct().toList();
    assertEquals(List.of(0, 1), pieces, "both the bitfield's piece and the HAVE's piece are requested");
  }

  @Test
  void aPeerThatDoesNotAnswerForTheManifestIsReplacedAfterTheTimeout() {
    Fixture f = new Fixture(2);
    SwarmSession d = SwarmSession.downloading(f.manifest.contentId(), SwarmConfig.defaults(), f.clock);
    d.onPeerConnected("slow");
    d.onPeerConnected("fast");
    assertEquals(List.of(new ManifestRequest(0)), sent(d.onMessage("slow", Handshake.of(f.manifest.contentId(), true)), "slow", ManifestRequest.class));
    assertEquals(List.of(), sent(d.onMessage("fast", Handshake.of(f.manifest.contentId(), true)), "fast", ManifestRequest.class));
    f.clock.advance(SwarmConfig.defaults().requestTimeout());
    assertEquals(List.of(new ManifestRequest(0)), sent(d.onTick(), "fast", ManifestRequest.class));
  }
}
