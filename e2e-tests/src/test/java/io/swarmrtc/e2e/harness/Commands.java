package io.swarmrtc.e2e.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs short system commands ({@code ip}, {@code iptables}, ...) with a deadline. */
final class Commands {

  private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private Commands() {}

  static CommandResult run(String... command) {
    return exec(DEFAULT_TIMEOUT, List.of(command)).requireSuccess();
  }

  /** Runs a clean-up command: logs instead of throwing, so the rest of a tear-down still runs. */
  static void runQuietly(String... command) {
    try {
      CommandResult r = exec(DEFAULT_TIMEOUT, List.of(command));
      if (r.exitCode() != 0) {
        LOG.warn("Clean-up command failed (exit {}): {} {}", r.exitCode(), String.join(" ", command), r.stderr().strip());
      }
    } catch (RuntimeException e) {
      LOG.warn("Clean-up command failed: {}: {}", String.join(" ", command), e.toString());
    }
  }

  /** Runs {@code command}, killing it (by PID) if it outlives {@code timeout}. */
  static CommandResult exec(Duration timeout, List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + String.join(" ", command), e);
    }
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("Command timed out after " + timeout.toMillis() + " ms: "
            + String.join(" ", command) + "\nstdout: " + out.getNow("") + "\nstderr: " + err.getNow(""));
      }
      return new CommandResult(List.copyOf(command), process.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
