package io.swarmrtc.protocol.vectors;

import static io.swarmrtc.protocol.vectors.SwarmVectorGenerator.CID;
import static io.swarmrtc.protocol.vectors.SwarmVectorGenerator.pattern;

import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.protocol.swarm.SwarmMessage.*;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The valid message cases, by type name. */
final class MessageVectors {
  record Case(String name, SwarmMessage message) {}

  private MessageVectors() {}

  static Map<String, List<Case>> all() {
    Map<String, List<Case>> m = new LinkedHashMap<>();
    m.put("HANDSHAKE", List.of(
        new Case("version 1 with the manifest", Handshake.of(CID, true)),
        new Case("version 1 without the manifest", Handshake.of(CID, false)),
        new Case("a future version still decodes so the receiver can answer GOODBYE 6", new Handshake(2, CID, 1)),
        new Case("unknown flag bits are kept", new Handshake(1, CID, 0x81))));
    m.put("MANIFEST_REQUEST", List.of(
        new Case("from the start", new ManifestRequest(0)),
        new Case("second chunk", new ManifestRequest(65536)),
        new Case("largest offset", new ManifestRequest(Integer.MAX_VALUE))));
    m.put("MANIFEST_DATA", List.of(
        new Case("a whole small manifest", new ManifestData(100, 0, buf(pattern(100, 1)))),
        new Case("the last chunk of a larger manifest", new ManifestData(70000, 65536, buf(pattern(4464, 2)))),
        new Case("an empty chunk at the end", new ManifestData(70000, 70000, buf(new byte[0]))),
        new Case("a full 64 KiB chunk at the end of a 64 MiB manifest",
            new ManifestData(64 * 1024 * 1024, 64 * 1024 * 1024 - 65536, buf(pattern(65536, 3))))));
    m.put("BITFIELD", List.of(
        new Case("no pieces at all", new Bitfield(buf(new byte[0]))),
        new Case("one piece held", new Bitfield(buf(new byte[] {(byte) 0x80}))),
        new Case("twenty pieces all held, spare bits zero", new Bitfield(buf(new byte[] {-1, -1, (byte) 0xf0}))),
        new Case("sixteen pieces none held", new Bitfield(buf(new byte[2]))),
        new Case("alternating pieces", new Bitfield(buf(new byte[] {(byte) 0xaa, 0x55})))));
    m.put("HAVE", List.of(
        new Case("piece zero", new Have(0)),
        new Case("piece 258", new Have(258)),
        new Case("largest piece index", new Have(Integer.MAX_VALUE))));
    m.put("REQUEST", List.of(
        new Case("first 64 KiB block", new Request(0, 0, 65536)),
        new Case("a 16 KiB block inside a piece", new Request(5, 131072, 16384)),
        new Case("a one-byte last block at the largest values", new Request(Integer.MAX_VALUE, Integer.MAX_VALUE, 1))));
    m.put("PIECE", List.of(
        new Case("a one-byte block", new Piece(0, 0, buf(new byte[] {42}))),
        new Case("a short last block", new Piece(3, 65536, buf(pattern(16, 4)))),
        new Case("a full 64 KiB block", new Piece(7, 0, buf(pattern(65536, 5))))));
    m.put("CANCEL", List.of(
        new Case("first block", new Cancel(0, 0, 65536)),
        new Case("a later block", new Cancel(9, 196608, 65536)),
        new Case("largest values", new Cancel(Integer.MAX_VALUE, Integer.MAX_VALUE, 1))));
    m.put("REJECT", List.of(
        new Case("first block", new Reject(0, 0, 65536)),
        new Case("a short last block", new Reject(12, 65536, 100)),
        new Case("largest values", new Reject(Integer.MAX_VALUE, Integer.MAX_VALUE, 65536))));
    m.put("CHOKE", List.of(new Case("no payload", new Choke())));
    m.put("UNCHOKE", List.of(new Case("no payload", new Unchoke())));
    m.put("GOODBYE", List.of(
        new Case("normal close without reason", new Goodbye(1, "")),
        new Case("bad piece with a reason", new Goodbye(4, "piece 7 failed verification")),
        new Case("non-ASCII reason", new Goodbye(5, "bann\u00e9 \u2713 \ud83d\udc1d")),
        new Case("unknown code and a 1024-byte reason", new Goodbye(65535, "x".repeat(1024)))));
    return m;
  }

  private static ByteBuffer buf(byte[] b) {
    return ByteBuffer.wrap(b);
  }
}
