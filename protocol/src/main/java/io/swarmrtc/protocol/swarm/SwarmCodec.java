package io.swarmrtc.protocol.swarm;

import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.swarm.SwarmMessage.Bitfield;
import io.swarmrtc.protocol.swarm.SwarmMessage.Cancel;
import io.swarmrtc.protocol.swarm.SwarmMessage.Choke;
import io.swarmrtc.protocol.swarm.SwarmMessage.Goodbye;
import io.swarmrtc.protocol.swarm.SwarmMessage.Handshake;
import io.swarmrtc.protocol.swarm.SwarmMessage.Have;
import io.swarmrtc.protocol.swarm.SwarmMessage.ManifestData;
import io.swarmrtc.protocol.swarm.SwarmMessage.ManifestRequest;
import io.swarmrtc.protocol.swarm.SwarmMessage.Piece;
import io.swarmrtc.protocol.swarm.SwarmMessage.Reject;
import io.swarmrtc.protocol.swarm.SwarmMessage.Request;
import io.swarmrtc.protocol.swarm.SwarmMessage.Unchoke;
import java.nio.ByteBuffer;

/**
 * Binary codec of {@link SwarmMessage}s: a type byte, then the payload, big-endian. Pure and total:
 * {@link #decode} throws only {@link SwarmFormatException} naming the field, and never copies block
 * data (PIECE, MANIFEST_DATA and BITFIELD payloads are read-only views of the input).
 * {@link #encode} returns an exact-size array (webrtc-java sends whole arrays).
 *
 * <p>Error fields: {@code message} (over 256 KiB), {@code type} (empty or unknown),
 * {@code payload} (wrong size for the type), and the record fields ({@code magic}, {@code piece},
 * {@code offset}, {@code length}, {@code data}, {@code totalLength}, {@code bytes}, {@code reason}).
 */
public final class SwarmCodec {
  /** ASCII "SWRM". */
  static final int HANDSHAKE_MAGIC = 0x5357524D;
  private static final int HANDSHAKE_PAYLOAD = 4 + 1 + ContentId.LENGTH + 1;
  private static final Choke CHOKE = new Choke();
  private static final Unchoke UNCHOKE = new Unchoke();

  private SwarmCodec() {}

  /** Decodes one whole message. */
  public static SwarmMessage decode(byte[] message) {
    return decode(ByteBuffer.wrap(message));
  }

  /** Decodes the remaining bytes of {@code message} as one message; its position is unchanged. */
  public static SwarmMessage decode(ByteBuffer message) {
    ByteBuffer b = message.asReadOnlyBuffer(); // big-endian, independent position
    if (!b.hasRemaining()) {
      throw new SwarmFormatException("type", "empty message");
    }
    if (b.remaining() > SwarmMessage.MAX_MESSAGE_SIZE) {
      throw new SwarmFormatException("message", "over 262144 bytes: " + b.remaining());
    }
    int code = b.get() & 0xff;
    SwarmMessageType type = SwarmMessageType.ofCode(code);
    if (type == null) {
      throw new SwarmFormatException("type", "unknown type 0x" + Integer.toHexString(code));
    }
    int payload = b.remaining();
    switch (type) {
      case HANDSHAKE:
        exactly(payload, HANDSHAKE_PAYLOAD);
        if (b.getInt() != HANDSHAKE_MAGIC) {
          throw new SwarmFormatException("magic", "not SWRM");
        }
        int version = b.get() & 0xff;
        ContentId id = ContentId.read(b);
        return new Handshake(version, id, b.get() & 0xff);
      case MANIFEST_REQUEST:
        exactly(payload, 4);
        return new ManifestRequest(b.getInt());
      case MANIFEST_DATA:
        atLeast(payload, 8);
        int total = b.getInt();
        int offset = b.getInt();
        return new ManifestData(total, offset, b.slice());
      case BITFIELD:
        return new Bitfield(b.slice());
      case HAVE:
        exactly(payload, 4);
        return new Have(b.getInt());
      case REQUEST:
        exactly(payload, 12);
        return new Request(b.getInt(), b.getInt(), b.getInt());
      case PIECE:
        atLeast(payload, 8);
        int piece = b.getInt();
        int blockOffset = b.getInt();
        return new Piece(piece, blockOffset, b.slice());
      case CANCEL:
        exactly(payload, 12);
        return new Cancel(b.getInt(), b.getInt(), b.getInt());
      case REJECT:
        exactly(payload, 12);
        return new Reject(b.getInt(), b.getInt(), b.getInt());
      case CHOKE:
        exactly(payload, 0);
        return CHOKE;
      case UNCHOKE:
        exactly(payload, 0);
        return UNCHOKE;
      case GOODBYE:
        atLeast(payload, 2);
        int goodbyeCode = b.getShort() & 0xffff;
        if (b.remaining() > SwarmMessage.MAX_REASON_BYTES) {
          throw new SwarmFormatException("reason", "over 1024 bytes");
        }
        return new Goodbye(goodbyeCode, Utf8.decode(b));
      default:
        throw new SwarmFormatException("type", "unhandled type " + type); // unreachable
    }
  }

  private static void exactly(int payload, int size) {
    if (payload != size) {
      throw new SwarmFormatException("payload", "must be " + size + " bytes, got " + payload);
    }
  }

  private static void atLeast(int payload, int size) {
    if (payload < size) {
      throw new SwarmFormatException("payload", "must be at least " + size + " bytes, got " + payload);
    }
  }

  /** Exact length of {@code message} on the wire, type byte included. */
  public static int encodedLength(SwarmMessage message) {
    if (message instanceof Handshake) {
      return 1 + HANDSHAKE_PAYLOAD;
    } else if (message instanceof ManifestRequest || message instanceof Have) {
      return 5;
    } else if (message instanceof ManifestData d) {
      return 9 + d.bytes().remaining();
    } else if (message instanceof Bitfield f) {
      return 1 + f.bits().remaining();
    } else if (message instanceof Request || message instanceof Cancel || message instanceof Reject) {
      return 13;
    } else if (message instanceof Piece p) {
      return 9 + p.data().remaining();
    } else if (message instanceof Goodbye g) {
      return 3 + Utf8.encode(g.reason()).length;
    }
    return 1; // CHOKE, UNCHOKE
  }

  /** Encodes {@code message} into a new array of exactly {@link #encodedLength} bytes. */
  public static byte[] encode(SwarmMessage message) {
    byte[] out = new byte[encodedLength(message)];
    encodeTo(message, ByteBuffer.wrap(out));
    return out;
  }

  /** Writes {@code message} at {@code out}'s position, advancing it; buffer fields are not moved. */
  public static void encodeTo(SwarmMessage message, ByteBuffer out) {
    out.put((byte) message.type().code());
    if (message instanceof Handshake h) {
      out.putInt(HANDSHAKE_MAGIC).put((byte) h.version());
      h.contentId().writeTo(out);
      out.put((byte) h.flags());
    } else if (message instanceof ManifestRequest r) {
      out.putInt(r.offset());
    } else if (message instanceof ManifestData d) {
      out.putInt(d.totalLength()).putInt(d.offset()).put(d.bytes().duplicate());
    } else if (message instanceof Bitfield f) {
      out.put(f.bits().duplicate());
    } else if (message instanceof Have h) {
      out.putInt(h.piece());
    } else if (message instanceof Request r) {
      out.putInt(r.piece()).putInt(r.offset()).putInt(r.length());
    } else if (message instanceof Piece p) {
      out.putInt(p.piece()).putInt(p.offset()).put(p.data().duplicate());
    } else if (message instanceof Cancel c) {
      out.putInt(c.piece()).putInt(c.offset()).putInt(c.length());
    } else if (message instanceof Reject r) {
      out.putInt(r.piece()).putInt(r.offset()).putInt(r.length());
    } else if (message instanceof Goodbye g) {
      out.putShort((short) g.code()).put(Utf8.encode(g.reason()));
    }
  }
}
