package io.swarmrtc.e2e.harness;

import java.util.List;

/** The outcome of a finished command run by {@link Namespace#exec}. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

  /** Returns this result, or throws with the command and its stderr unless it exited 0. */
  public CommandResult requireSuccess() {
    if (exitCode != 0) {
      throw new IllegalStateException("Command failed (exit " + exitCode + "): " + String.join(" ", command)
          + (stderr.isBlank() ? "" : "\n" + stderr.strip()));
    }
    return this;
  }
}
