package io.swarmrtc.protocol.swarm;

import io.swarmrtc.protocol.manifest.ContentId;
import java.nio.ByteBuffer;

/**
 * One swarm message (docs/swarm-protocol.md, "Swarm messages"). Records validate what the decoder
 * validates, so an instance always encodes. Binary payloads are {@link ByteBuffer}s so that decoding
 * needs no copy: a decoded buffer is a read-only view of the input, valid as long as the input is;
 * read it with {@code duplicate()} or absolute gets. Record equality compares buffer contents.
 *
 * <pre>{@code
 * byte[] wire = SwarmCodec.encode(new SwarmMessage.Request(3, 0, 65536));
 * switch (SwarmCodec.decode(wire)) {
 *   case SwarmMessage.Request r -> ...   // Java 21; on 17 use instanceof
 * }
 * }</pre>
 */
public sealed interface SwarmMessage {
  /** Largest message on the data channel (its limit), type byte included. */
  int MAX_MESSAGE_SIZE = 262_144;
  /** Largest block in REQUEST, PIECE, CANCEL, REJECT. */
  int MAX_BLOCK_LENGTH = 65_536;
  /** Largest MANIFEST_DATA chunk. */
  int MAX_MANIFEST_CHUNK = 65_536;
  /** Largest manifest announced by MANIFEST_DATA. */
  int MAX_MANIFEST_LENGTH = 64 * 1024 * 1024;
  /** Largest GOODBYE reason, in UTF-8 bytes. */
  int MAX_REASON_BYTES = 1024;
  /** Largest BITFIELD payload. */
  int MAX_BITFIELD_BYTES = MAX_MESSAGE_SIZE - 1;
  /** The protocol version this code speaks. */
  int VERSION = 1;

  SwarmMessageType type();

  /** HANDSHAKE: first message each way. {@code flags} bit 0: "I have the manifest". */
  record Handshake(int version, ContentId contentId, int flags) implements SwarmMessage {
    public static final int FLAG_HAS_MANIFEST = 1;

    public Handshake {
      Checks.range(version, 0, 255, "version");
      if (contentId == null) {
        throw new SwarmFormatException("contentId", "is null");
      }
      Checks.range(flags, 0, 255, "flags");
    }

    /** A version-1 handshake. */
    public static Handshake of(ContentId contentId, boolean hasManifest) {
      return new Handshake(VERSION, contentId, hasManifest ? FLAG_HAS_MANIFEST : 0);
    }

    public boolean hasManifest() {
      return (flags & FLAG_HAS_MANIFEST) != 0;
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.HANDSHAKE;
    }
  }

  /** MANIFEST_REQUEST: "send the manifest from this byte offset". */
  record ManifestRequest(int offset) implements SwarmMessage {
    public ManifestRequest {
      Checks.nonNegative(offset, "offset");
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.MANIFEST_REQUEST;
    }
  }

  /** MANIFEST_DATA: a chunk of the canonical manifest bytes. */
  record ManifestData(int totalLength, int offset, ByteBuffer bytes) implements SwarmMessage {
    public ManifestData {
      Checks.range(totalLength, 0, MAX_MANIFEST_LENGTH, "totalLength");
      Checks.nonNegative(offset, "offset");
      if (bytes.remaining() > MAX_MANIFEST_CHUNK) {
        throw new SwarmFormatException("bytes", "chunk over 65536 bytes");
      }
      if ((long) offset + bytes.remaining() > totalLength) {
        throw new SwarmFormatException("offset", "offset + length past totalLength");
      }
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.MANIFEST_DATA;
    }
  }

  /** BITFIELD: which pieces the sender has; checked against the manifest by the receiver. */
  record Bitfield(ByteBuffer bits) implements SwarmMessage {
    public Bitfield {
      if (bits.remaining() > MAX_BITFIELD_BYTES) {
        throw new SwarmFormatException("bits", "bitfield over the message limit");
      }
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.BITFIELD;
    }
  }

  /** HAVE: the sender verified a further piece. */
  record Have(int piece) implements SwarmMessage {
    public Have {
      Checks.nonNegative(piece, "piece");
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.HAVE;
    }
  }

  /** REQUEST: "send me this block". */
  record Request(int piece, int offset, int length) implements SwarmMessage {
    public Request {
      Checks.block(piece, offset, length);
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.REQUEST;
    }
  }

  /** PIECE: one block of a piece, answering a REQUEST. */
  record Piece(int piece, int offset, ByteBuffer data) implements SwarmMessage {
    public Piece {
      Checks.nonNegative(piece, "piece");
      Checks.nonNegative(offset, "offset");
      if (!data.hasRemaining() || data.remaining() > MAX_BLOCK_LENGTH) {
        throw new SwarmFormatException("data", "block must be 1 to 65536 bytes, got " + data.remaining());
      }
    }

    /** Block length in bytes. */
    public int length() {
      return data.remaining();
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.PIECE;
    }
  }

  /** CANCEL: "I no longer want this block". */
  record Cancel(int piece, int offset, int length) implements SwarmMessage {
    public Cancel {
      Checks.block(piece, offset, length);
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.CANCEL;
    }
  }

  /** REJECT: "I will not send this block". */
  record Reject(int piece, int offset, int length) implements SwarmMessage {
    public Reject {
      Checks.block(piece, offset, length);
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.REJECT;
    }
  }

  /** CHOKE: "I reject your requests until UNCHOKE". */
  record Choke() implements SwarmMessage {
    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.CHOKE;
    }
  }

  /** UNCHOKE. */
  record Unchoke() implements SwarmMessage {
    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.UNCHOKE;
    }
  }

  /** GOODBYE: the sender closes; see {@link GoodbyeCode}. */
  record Goodbye(int code, String reason) implements SwarmMessage {
    public Goodbye {
      Checks.range(code, 0, 0xffff, "code");
      if (reason == null) {
        throw new SwarmFormatException("reason", "is null");
      }
      if (Utf8.encode(reason).length > MAX_REASON_BYTES) {
        throw new SwarmFormatException("reason", "over 1024 bytes");
      }
    }

    @Override
    public SwarmMessageType type() {
      return SwarmMessageType.GOODBYE;
    }
  }
}
