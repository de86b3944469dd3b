package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.protocol.manifest.ManifestBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the paths a user shares into manifest entries: a file is shared under its name; a single
 * directory with every regular file below it under its path relative to that directory; several
 * paths with each directory's files as {@code dirname/relative/path}; files in sorted order.
 *
 * @param name the share's display name: the single path's name, or "N files"
 * @param entries manifest path and local file, in manifest order
 */
record ShareSources(String name, List<Entry> entries) {
  record Entry(String manifestPath, Path file) {}

  static ShareSources of(List<Path> paths) throws IOException {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("nothing to share");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      if (Files.isDirectory(abs)) {
        try (Stream<Path> walk = Files.walk(abs)) {
          for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
            String relative = slashes(abs.relativize(f));
            add(entries, seen, paths.size() == 1 ? relative : abs.getFileName() + "/" + relative, f);
          }
        }
      } else if (Files.isRegularFile(abs)) {
        add(entries, seen, abs.getFileName().toString(), abs);
      } else {
        throw new NoSuchFileException(p.toString(), null, "not a file or directory");
      }
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("no files in " + paths);
    }
    String name = paths.size() == 1 ? paths.get(0).toAbsolutePath().normalize().getFileName().toString()
        : entries.size() + " files";
    return new ShareSources(name, List.copyOf(entries));
  }

  ManifestBuilder builder() throws IOException {
    ManifestBuilder b = new ManifestBuilder(name);
    for (Entry e : entries) {
      b.addFile(e.manifestPath(), e.file());
    }
    return b;
  }

  List<Path> files() {
    return entries.stream().map(Entry::file).toList();
  }

  private static void add(List<Entry> entries, Set<String> seen, String path, Path file) {
    if (!seen.add(path)) {
      throw new IllegalArgumentException("two shared files would both be named " + path);
    }
    entries.add(new Entry(path, file));
  }

  private static String slashes(Path relative) {
    List<String> parts = new ArrayList<>();
    relative.forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }
}
