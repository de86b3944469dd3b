package io.swarmrtc.protocol.vectors;

import static io.swarmrtc.protocol.vectors.SwarmVectorGenerator.JSON;
import static io.swarmrtc.protocol.vectors.SwarmVectorGenerator.hex;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-assembled invalid inputs and the field the decoder must name. A case may carry
 * {@code padTo}: the input is {@code hex} followed by zero bytes up to that length (keeps huge
 * inputs out of the file).
 */
final class InvalidVectors {
  private InvalidVectors() {}

  static ObjectNode messages() {
    ObjectNode root = JSON.objectNode();
    root.put("description", "inputs SwarmCodec.decode must reject, and the field it must name");
    ArrayNode c = root.putArray("cases");
    String cid = "00".repeat(32);
    add(c, "an empty message", "", "type");
    add(c, "type 0x00 is unknown", "00", "type");
    add(c, "type 0x0d is unknown", "0d", "type");
    add(c, "type 0xff is unknown", "ff000000", "type");
    add(c, "a message over 256 KiB", "04", "message").put("padTo", 262_145);
    add(c, "a HANDSHAKE one byte short", "01" + "5357524d01" + cid, "payload");
    add(c, "a HANDSHAKE one byte long", "01" + "5357524d01" + cid + "0100", "payload");
    add(c, "a HANDSHAKE with the wrong magic", "01" + "5357524e01" + cid + "01", "magic");
    add(c, "a MANIFEST_REQUEST with three bytes", "02000000", "payload");
    add(c, "a MANIFEST_REQUEST offset of 2^31", "0280000000", "offset");
    add(c, "a MANIFEST_DATA without its header", "0300000064000000", "payload");
    add(c, "a MANIFEST_DATA totalLength over 64 MiB", "03" + "04000001" + "00000000" + "aa", "totalLength");
    add(c, "a MANIFEST_DATA totalLength of 2^32-1", "03" + "ffffffff" + "00000000", "totalLength");
    add(c, "a MANIFEST_DATA chunk past totalLength", "03" + "00000004" + "00000002" + "aabbcc", "offset");
    add(c, "a MANIFEST_DATA chunk over 64 KiB", "03" + "00100000" + "00000000", "bytes").put("padTo", 9 + 65_537);
    add(c, "a BITFIELD over the message limit", "04", "message").put("padTo", 300_000);
    add(c, "a HAVE with five bytes", "050000000100", "payload");
    add(c, "a HAVE for piece 2^31", "0580000000", "piece");
    add(c, "a REQUEST with eleven bytes", "06" + "00000000" + "00000000" + "000100", "payload");
    add(c, "a REQUEST for zero bytes", "06" + "00000000" + "00000000" + "00000000", "length");
    add(c, "a REQUEST for 65537 bytes", "06" + "00000000" + "00000000" + "00010001", "length");
    add(c, "a REQUEST for 2^32-1 bytes", "06" + "00000000" + "00000000" + "ffffffff", "length");
    add(c, "a REQUEST for piece 2^32-1", "06" + "ffffffff" + "00000000" + "00010000", "piece");
    add(c, "a REQUEST at offset 2^31", "06" + "00000000" + "80000000" + "00010000", "offset");
    add(c, "a PIECE without data", "07" + "00000000" + "00000000", "data");
    add(c, "a PIECE with a short header", "07" + "00000000" + "000000", "payload");
    add(c, "a PIECE with 65537 bytes of data", "07" + "00000000" + "00000000", "data").put("padTo", 9 + 65_537);
    add(c, "a PIECE for piece 2^31", "07" + "80000000" + "00000000" + "ff", "piece");
    add(c, "a CANCEL for zero bytes", "08" + "00000001" + "00000000" + "00000000", "length");
    add(c, "a CANCEL with thirteen bytes", "08" + "00000001" + "00000000" + "00004000" + "00", "payload");
    add(c, "a REJECT for 65537 bytes", "09" + "00000001" + "00000000" + "00010001", "length");
    add(c, "a REJECT with an empty payload", "09", "payload");
    add(c, "a CHOKE with a payload", "0a00", "payload");
    add(c, "an UNCHOKE with a payload", "0b0000", "payload");
    add(c, "a GOODBYE without a code", "0c01", "payload");
    add(c, "a GOODBYE with a 1025-byte reason", "0c0001", "reason").put("padTo", 3 + 1025);
    add(c, "a GOODBYE reason that is not UTF-8", "0c0001ff", "reason");
    add(c, "a GOODBYE reason with an overlong encoding", "0c0001c080", "reason");
    add(c, "a GOODBYE reason with an encoded surrogate", "0c0001eda080", "reason");
    return root;
  }

  static ObjectNode manifests() {
    ObjectNode root = JSON.objectNode();
    root.put("description", "inputs ManifestCodec.decode must reject, and the field it must name");
    ArrayNode c = root.putArray("cases");
    add(c, "empty input", "", "magic");
    add(c, "a truncated magic", "53574d", "magic");
    add(c, "the wrong magic", hex(raw().magic("SWMX").bytes()), "magic");
    add(c, "version 2", hex(raw().version(2).bytes()), "version");
    add(c, "input that ends after the version", "53574d4601", "pieceSize");
    add(c, "piece size 0", hex(raw().pieceSize(0).bytes()), "pieceSize");
    add(c, "piece size 8 KiB", hex(raw().pieceSize(8192).bytes()), "pieceSize");
    add(c, "piece size 48 KiB (not a power of two)", hex(raw().pieceSize(49152).bytes()), "pieceSize");
    add(c, "piece size 32 MiB", hex(raw().pieceSize(32 << 20).bytes()), "pieceSize");
    add(c, "piece size 2^31", hex(raw().pieceSize(0x80000000).bytes()), "pieceSize");
    add(c, "a name length of 256", hex(raw().name(new byte[256]).bytes()), "nameLength");
    add(c, "a name that is not UTF-8", hex(raw().name(new byte[] {'a', (byte) 0xff}).bytes()), "name");
    add(c, "a name that runs past the end", "53574d4601" + "00004000" + "000a" + "616263", "name");
    add(c, "zero files", hex(raw().files().pieceCount(0).bytes()), "fileCount");
    add(c, "10001 files", "53574d4601" + "00004000" + "0000" + "00002711", "fileCount");
    add(c, "a file list that ends early", "53574d4601" + "00004000" + "0000" + "00000002" + "0001" + "61" + "0000000000000001", "pathLength");
    add(c, "a path length of 0", hex(raw().files(path(""), 1).bytes()), "pathLength");
    add(c, "a path length of 1025", hex(raw().files(new byte[1025], 1).bytes()), "pathLength");
    for (String[] p : new String[][] {
        {"an absolute path", "/etc/passwd"},
        {"a path with a backslash", "a\\b"},
        {"a path with NUL", "a\u0000b"},
        {"a path with an empty segment", "a//b"},
        {"a path ending with a slash", "a/"},
        {"a path with a dot segment", "./a"},
        {"a path that climbs out", "a/../../b"},
        {"a path that is just ..", ".."}}) {
      add(c, p[0], hex(raw().files(path(p[1]), 1).bytes()), "path");
    }
    add(c, "a path that is not UTF-8", hex(raw().files(new byte[] {'a', (byte) 0xc0, (byte) 0x80}, 1).bytes()), "path");
    add(c, "a duplicate path", hex(raw().files(path("a"), 1, path("a"), 1).pieceCount(1).bytes()), "path");
    add(c, "a file size of 2^53", hex(raw().files(path("a"), 1L << 53).pieceCount(0).bytes()), "size");
    add(c, "a file size of 2^64-1", hex(raw().files(path("a"), -1L).pieceCount(0).bytes()), "size");
    add(c, "sizes that add up past 2^53-1",
        hex(raw().files(path("a"), (1L << 53) - 1, path("b"), 1).pieceCount(0).bytes()), "totalSize");
    add(c, "a file size that runs past the end", "53574d4601" + "00004000" + "0000" + "00000001" + "0001" + "61" + "00000000", "size");
    add(c, "one hash too many", hex(raw().pieceCount(2).bytes()), "pieceCount");
    add(c, "no hash for a non-empty file", hex(raw().pieceCount(0).bytes()), "pieceCount");
    add(c, "a piece for an empty file", hex(raw().files(path("a"), 0).pieceCount(1).bytes()), "pieceCount");
    add(c, "a piece count that runs past the end", hex(raw().pieceCount(5).hashBytes(64).bytes()), "pieces");
    add(c, "a piece count of 2^32-1", hex(raw().pieceCount(-1).hashBytes(0).bytes()), "pieceCount");
    add(c, "a piece count over 2,097,144 (its BITFIELD would not fit a message)", hex(raw().pieceCount(2_097_145).hashBytes(0).bytes()), "pieceCount");
    add(c, "input that ends before the piece count", "53574d4601" + "00004000" + "0000" + "00000001" + "0001" + "61" + "0000000000000001", "pieceCount");
    add(c, "a trailing byte", hex(raw().trailing(1).bytes()), "trailing");
    return root;
  }

  private static ObjectNode add(ArrayNode cases, String name, String hex, String field) {
    ObjectNode n = cases.addObject();
    n.put("name", name);
    n.put("hex", hex);
    n.put("field", field);
    return n;
  }

  private static byte[] path(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Raw raw() {
    return new Raw();
  }

  /** A manifest writer that does not validate: one file "a" of 1 byte, one hash, unless changed. */
  private static final class Raw {
    private byte[] magic = path("SWMF");
    private int version = 1;
    private int pieceSize = 16384;
    private byte[] name = path("n");
    private List<Object[]> files = new ArrayList<>(List.<Object[]>of(new Object[] {path("a"), 1L}));
    private int pieceCount = 1;
    private int hashBytes = -1; // -1: 32 * pieceCount
    private int trailing;

    Raw magic(String m) { magic = path(m); return this; }
    Raw version(int v) { version = v; return this; }
    Raw pieceSize(int s) { pieceSize = s; return this; }
    Raw name(byte[] n) { name = n; return this; }
    Raw pieceCount(int n) { pieceCount = n; return this; }
    Raw hashBytes(int n) { hashBytes = n; return this; }
    Raw trailing(int n) { trailing = n; return this; }

    Raw files(Object... pathSizePairs) {
      files = new ArrayList<>();
      for (int i = 0; i < pathSizePairs.length; i += 2) {
        files.add(new Object[] {pathSizePairs[i], ((Number) pathSizePairs[i + 1]).longValue()});
      }
      return this;
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(magic);
      out.write(version);
      out.writeBytes(ByteBuffer.allocate(4).putInt(pieceSize).array());
      out.writeBytes(ByteBuffer.allocate(2).putShort((short) name.length).array());
      out.writeBytes(name);
      out.writeBytes(ByteBuffer.allocate(4).putInt(files.size()).array());
      for (Object[] f : files) {
        byte[] p = (byte[]) f[0];
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) p.length).array());
        out.writeBytes(p);
        out.writeBytes(ByteBuffer.allocate(8).putLong((Long) f[1]).array());
      }
      out.writeBytes(ByteBuffer.allocate(4).putInt(pieceCount).array());
      byte[] hashes = new byte[hashBytes >= 0 ? hashBytes : 32 * pieceCount];
      Arrays.fill(hashes, (byte) 0x11);
      out.writeBytes(hashes);
      out.writeBytes(new byte[trailing]);
      return out.toByteArray();
    }
  }
}
