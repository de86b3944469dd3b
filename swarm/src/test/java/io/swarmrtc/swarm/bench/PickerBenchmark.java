package io.swarmrtc.swarm.bench;

import io.swarmrtc.protocol.manifest.FileEntry;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.swarm.Bitfield;
import io.swarmrtc.swarm.SwarmConfig;
import io.swarmrtc.swarm.SwarmSession;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The request picker of a downloader with 4 peers and {@code pieces} pieces (4,096 = 1 GiB at
 * 256 KiB), against what every event cost before it was incremental: sorting all missing pieces
 * by availability and index. One op of {@link #refillAfterChokeAndUnchoke} drops a peer's 16
 * requests and picks 16 new ones through the whole session (CHOKE, then UNCHOKE). Run with
 * bench/swarm-hotpaths.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PickerBenchmark {
  @Param({"4096"})
  public int pieces;

  SwarmSession session;
  int[] availability;

  @Setup
  public void setUp() {
    int pieceSize = 256 * 1024;
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < pieces; i++) {
      hashes.add(new byte[32]);
    }
    Manifest m = Manifest.of("bench", List.of(new FileEntry("f", (long) pieces * pieceSize)), pieceSize, hashes);
    session = SwarmSession.resuming(m, new Bitfield(pieces), SwarmConfig.defaults(), Clock.systemUTC());
    Random r = new Random(1);
    availability = new int[pieces];
    for (int p = 0; p < 4; p++) {
      String id = "p" + p;
      Bitfield has = new Bitfield(pieces);
      for (int i = 0; i < pieces; i++) {
        if (p == 0 || r.nextInt(2) == 0) { // p0 is a seeder, the others hold half, at random
          has.set(i);
          availability[i]++;
        }
      }
      session.onPeerConnected(id);
      session.onMessage(id, SwarmMessage.Handshake.of(m.contentId(), true));
      session.onMessage(id, new SwarmMessage.Bitfield(ByteBuffer.wrap(toWire(has))));
    }
  }

  private static byte[] toWire(Bitfield b) {
    return b.toWire();
  }

  @Benchmark
  public int refillAfterChokeAndUnchoke() {
    session.onMessage("p1", new SwarmMessage.Choke());
    return session.onMessage("p1", new SwarmMessage.Unchoke()).size();
  }

  /** The floor it replaced: one sort of every missing piece by (availability, index) per event. */
  @Benchmark
  public Integer[] baselineFullSort() {
    Integer[] missing = new Integer[pieces];
    for (int p = 0; p < pieces; p++) {
      missing[p] = p;
    }
    Arrays.sort(missing, (x, y) -> {
      int c = Integer.compare(availability[x], availability[y]);
      return c != 0 ? c : Integer.compare(x, y);
    });
    return missing;
  }
}
