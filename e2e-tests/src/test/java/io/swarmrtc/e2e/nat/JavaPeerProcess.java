package io.swarmrtc.e2e.nat;

import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link JavaPeerMain} running as a child JVM inside a home namespace ({@code ip netns exec}), with
 * this JVM's classpath; its stdout goes to a log file that the test reads. The {@code Topology}
 * kills it by PID on close.
 */
final class JavaPeerProcess {

  private final Path log;
  private final Process process;

  private JavaPeerProcess(Path log, Process process) {
    this.log = log;
    this.process = process;
  }

  static JavaPeerProcess start(Home home, PublicServer server, String room, long size, Path log) {
    List<String> cmd = javaCommand();
    cmd.add(JavaPeerMain.class.getName());
    cmd.add(server.origin());
    cmd.add(room);
    cmd.add(Long.toString(size));
    return new JavaPeerProcess(log, home.home().start(log, cmd.toArray(String[]::new)));
  }

  /** {@code java} with this JVM's classpath and the flags webrtc-java needs; add a main class and arguments. */
  static List<String> javaCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 21) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    // webrtc-java unpacks its native library here: it must be writable and executable.
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    return cmd;
  }

  /** Waits for the first line starting with {@code prefix + " "} and returns the rest of it. */
  String await(String prefix, Duration timeout) {
    return await(prefix, rest -> true, timeout);
  }

  /** Waits for the first line {@code prefix + " " + rest} whose rest satisfies {@code wanted}; returns the rest. */
  String await(String prefix, java.util.function.Predicate<String> wanted, Duration timeout) {
    try {
      return Poll.until("'" + prefix + "' from the Java peer (log " + log + ")", timeout, () -> {
        if (!process.isAlive()) {
          throw new AssertionError("the Java peer exited with " + process.exitValue() + ":\n" + output());
        }
        return output().lines().filter(l -> l.startsWith(prefix + " "))
            .map(l -> l.substring(prefix.length() + 1)).filter(wanted).findFirst();
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nJava peer output:\n" + output(), e);
    }
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
