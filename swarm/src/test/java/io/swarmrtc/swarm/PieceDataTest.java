package io.swarmrtc.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmrtc.protocol.manifest.Sha256;
import io.swarmrtc.protocol.swarm.SwarmCodec;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.protocol.swarm.SwarmMessage.Request;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A piece held as the blocks it arrived in reads, hashes and copies like one array. */
class PieceDataTest {
  private static final byte[] PIECE = new byte[1000];
  private static final PieceData SPLIT;

  static {
    new Random(3).nextBytes(PIECE);
    int[] offsets = {0, 300, 600, 900};
    ByteBuffer[] blocks = new ByteBuffer[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      int end = i + 1 < offsets.length ? offsets[i + 1] : PIECE.length;
      byte[] message = new byte[9 + end - offsets[i]]; // as in a PIECE message: the block after a header
      System.arraycopy(PIECE, offsets[i], message, 9, end - offsets[i]);
      blocks[i] = ByteBuffer.wrap(message, 9, end - offsets[i]).slice();
    }
    SPLIT = new PieceData(blocks, offsets, PIECE.length);
  }

  @ParameterizedTest(name = "bytes {0}+{1} copy and hash as in one array")
  @CsvSource({"0, 1000", "0, 300", "299, 2", "300, 300", "250, 700", "999, 1", "1000, 0", "0, 0"})
  void rangesAcrossBlockBoundariesMatchTheWholeArray(int offset, int length) {
    byte[] out = new byte[length];
    SPLIT.copyTo(offset, out, 0, length);
    assertArrayEquals(Arrays.copyOfRange(PIECE, offset, offset + length), out);
    assertArrayEquals(Sha256.digest(PIECE, offset, length), SPLIT.sha256(offset, length));
  }

  @Test
  void theWholePieceHashesAndCopiesLikeTheArray() {
    assertArrayEquals(Sha256.digest(PIECE), SPLIT.sha256());
    assertArrayEquals(PIECE, SPLIT.toByteArray());
    assertEquals(1000, SPLIT.blocks().stream().mapToInt(ByteBuffer::remaining).sum());
  }

  @ParameterizedTest(name = "bytes {0}+{1} are outside the piece and refused")
  @CsvSource({"-1, 1", "0, 1001", "1000, 1", "500, -1"})
  void rangesOutsideThePieceAreRefused(int offset, int length) {
    assertThrows(IndexOutOfBoundsException.class, () -> SPLIT.copyTo(offset, new byte[2000], 0, length));
  }

  /** Feeds every block of piece 0 to a downloader as encoded messages; returns what it stores. */
  private static PieceData receivePiece0(boolean handOver, List<byte[]> messages) {
    Fixture f = new Fixture(1);
    SwarmSession s = f.downloader(16);
    List<Request> requests = Fixture.sent(f.connect(s, "x", 0), "x", Request.class);
    List<SwarmCommand> last = List.of();
    for (Request r : requests) {
      byte[] message = SwarmCodec.encode(f.answer(r, false));
      messages.add(message);
      last = handOver ? s.onOwnedData("x", message) : s.onData("x", ByteBuffer.wrap(message));
    }
    return Fixture.commands(last, SwarmCommand.StorePiece.class).get(0).data();
  }

  @Test
  void aSessionCopiesTransientMessagesSoLaterChangesToThemDoNotReachTheStoredPiece() {
    List<byte[]> messages = new java.util.ArrayList<>();
    PieceData stored = receivePiece0(false, messages);
    byte[] before = stored.toByteArray();
    messages.forEach(m -> Arrays.fill(m, (byte) 0));
    assertArrayEquals(before, stored.toByteArray());
  }

  @Test
  void aSessionKeepsHandedOverMessagesAsTheyAreInsteadOfCopyingThem() {
    List<byte[]> messages = new java.util.ArrayList<>();
    PieceData stored = receivePiece0(true, messages);
    messages.get(0)[9] ^= 1; // the first byte of the first block, in the very array that came in
    assertEquals(SwarmMessage.Piece.class, SwarmCodec.decode(messages.get(0)).getClass());
    byte[] now = stored.toByteArray();
    assertEquals((byte) (messages.get(0)[9]), now[0], "the stored piece is a view of the received array");
  }
}
