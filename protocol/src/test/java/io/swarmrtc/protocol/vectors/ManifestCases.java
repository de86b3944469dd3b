package io.swarmrtc.protocol.vectors;

import static io.swarmrtc.protocol.vectors.SwarmVectorGenerator.pattern;

import java.util.List;

/** The valid manifest cases: files with deterministic content, hashed by ManifestBuilder. */
final class ManifestCases {
  record Case(String id, String description, String name, int pieceSize, List<String> paths, List<byte[]> contents) {}

  private ManifestCases() {}

  static List<Case> all() {
    return List.of(
        new Case("single-file", "one file of three pieces, the last one short", "report", 16384,
            List.of("report.pdf"), List.of(pattern(40000, 11))),
        new Case("multi-file", "three files in folders; pieces span file boundaries", "photos", 16384,
            List.of("a/1.jpg", "a/2.jpg", "b/notes.txt"),
            List.of(pattern(10000, 21), pattern(20000, 22), pattern(3000, 23))),
        new Case("empty-file", "one empty file and an empty name: no pieces at all", "", 262144,
            List.of("empty.txt"), List.of(new byte[0])),
        new Case("empty-file-on-boundary", "an empty file exactly on a piece boundary, then a tiny file", "mixed", 16384,
            List.of("x.bin", "y/empty", "z.txt"), List.of(pattern(16384, 31), new byte[0], pattern(5, 32))),
        new Case("exact-multiple", "content that fills its two pieces exactly", "two", 16384,
            List.of("two.bin"), List.of(pattern(32768, 41))),
        new Case("unicode", "UTF-8 name and paths", "Ferien \u2600", 1 << 20,
            List.of("fotos/stra\u00dfe.txt", "\u65e5\u672c/\u30c6\u30b9\u30c8.md"),
            List.of(pattern(300, 51), pattern(7, 52))));
  }
}
