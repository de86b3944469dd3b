package io.swarmrtc.swarm.bench;

import io.swarmrtc.protocol.manifest.FileEntry;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.Sha256;
import io.swarmrtc.protocol.swarm.SwarmCodec;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.swarm.PieceVerifier;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The swarm hot paths against their floors: encoding a 64 KiB PIECE against one plain copy of 64 KiB
 * (the least any encoder must do), decoding it against the same copy (our decoder copies nothing),
 * and verifying a 256 KiB piece against a bare SHA-256 of it. Run with bench/swarm-hotpaths.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SwarmHotPathBenchmark {
  static final int BLOCK = 65_536;
  static final int PIECE = 256 * 1024;

  byte[] block;
  byte[] wire;
  byte[] piece;
  Manifest manifest;

  @Setup
  public void setUp() {
    Random r = new Random(1);
    block = new byte[BLOCK];
    r.nextBytes(block);
    wire = SwarmCodec.encode(new SwarmMessage.Piece(3, 0, ByteBuffer.wrap(block)));
    piece = new byte[PIECE];
    r.nextBytes(piece);
    manifest = Manifest.of("bench", List.of(new FileEntry("f", PIECE)), PIECE, List.of(Sha256.digest(piece)));
  }

  @Benchmark
  public byte[] baselineCopy64KiB() {
    byte[] out = new byte[BLOCK + 9];
    System.arraycopy(block, 0, out, 9, BLOCK);
    return out;
  }

  @Benchmark
  public byte[] encodePiece64KiB() {
    return SwarmCodec.encode(new SwarmMessage.Piece(3, 0, ByteBuffer.wrap(block)));
  }

  @Benchmark
  public SwarmMessage decodePiece64KiB() {
    return SwarmCodec.decode(wire);
  }

  @Benchmark
  public byte[] baselineSha256Piece256KiB() {
    MessageDigest md = Sha256.newDigest();
    md.update(piece);
    return md.digest();
  }

  @Benchmark
  public boolean verifyPiece256KiB() {
    return PieceVerifier.verify(manifest, 0, piece);
  }
}
