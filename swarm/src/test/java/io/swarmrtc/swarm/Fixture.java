package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestBuilder;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Content, a manifest and helpers to script remote peers against one session. */
final class Fixture {
  static final int PIECE_SIZE = 32 * 1024;
  static final int BLOCK = 16 * 1024;

  final byte[] content;
  final Manifest manifest;
  final MutableClock clock = new MutableClock();

  Fixture(int pieces) {
    content = new byte[pieces * PIECE_SIZE - 100];
    new Random(pieces).nextBytes(content);
    try {
      manifest = new ManifestBuilder("fixture").pieceSize(PIECE_SIZE)
          .addFile("f.bin", content.length, () -> new ByteArrayInputStream(content)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SwarmConfig config(int maxOutstanding) {
    return SwarmConfig.builder().blockSize(BLOCK).maxOutstandingPerPeer(maxOutstanding).build();
  }

  SwarmSession downloader(int maxOutstanding) {
    return SwarmSession.resuming(manifest, new Bitfield(manifest.pieceCount()), config(maxOutstanding), clock);
  }

  /** Connects a scripted peer that has {@code pieces} (handshake + bitfield); returns the session's commands. */
  List<SwarmCommand> connect(SwarmSession s, String peer, int... pieces) {
    return connect(s, peer, false, pieces);
  }

  /** Like {@link #connect(SwarmSession, String, int...)}; a choking peer sends CHOKE before its bitfield. */
  List<SwarmCommand> connect(SwarmSession s, String peer, boolean choking, int... pieces) {
    Bitfield has = new Bitfield(manifest.pieceCount());
    for (int p : pieces) {
      has.set(p);
    }
    List<SwarmCommand> out = new ArrayList<>(s.onPeerConnected(peer));
    out.addAll(s.onMessage(peer, SwarmMessage.Handshake.of(manifest.contentId(), true)));
    if (choking) {
      out.addAll(s.onMessage(peer, new SwarmMessage.Choke()));
    }
    out.addAll(s.onMessage(peer, new SwarmMessage.Bitfield(ByteBuffer.wrap(has.toWire()))));
    return out;
  }

  int[] all() {
    int[] a = new int[manifest.pieceCount()];
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
    }
    return a;
  }

  /** The PIECE answering {@code r}, with the true bytes (or corrupted ones). */
  SwarmMessage.Piece answer(SwarmMessage.Request r, boolean corrupt) {
    byte[] data = new byte[r.length()];
    System.arraycopy(content, (int) manifest.pieceOffset(r.piece()) + r.offset(), data, 0, r.length());
    if (corrupt) {
      data[0] ^= 1;
    }
    return new SwarmMessage.Piece(r.piece(), r.offset(), ByteBuffer.wrap(data));
  }

  /** Messages of {@code type} sent to {@code peer}, in order. */
  static <T extends SwarmMessage> List<T> sent(List<SwarmCommand> commands, String peer, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (SwarmCommand c : commands) {
      if (c instanceof SwarmCommand.Send s && s.peerId().equals(peer) && type.isInstance(s.message())) {
        out.add(type.cast(s.message()));
      }
    }
    return out;
  }

  static <T extends SwarmCommand> List<T> commands(List<SwarmCommand> commands, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (SwarmCommand c : commands) {
      if (type.isInstance(c)) {
        out.add(type.cast(c));
      }
    }
    return out;
  }
}
