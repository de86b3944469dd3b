package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.SwarmException;

/** The CLI's exit codes: stable, documented in {@code --help} and the README. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  /** Bad arguments or a malformed share URL. */
  static final int USAGE = 2;
  /** The server could not be reached or refused to let us join. */
  static final int NO_SERVER = 3;
  /** Nobody shared the content within the timeout. */
  static final int NO_SOURCE = 4;
  /** Files could not be read or written. */
  static final int STORAGE = 5;
  /** Peers share the content, but no connection to them came up (the error names the likely cause). */
  static final int UNREACHABLE = 6;

  static final String HELP = "Exit codes: 0 done, 1 failed, 2 bad arguments or URL, 3 server unreachable or join"
      + " refused, 4 nobody is sharing, 5 file error, 6 no connection to the peers sharing it came up.";

  private ExitCodes() {}

  static int of(SwarmException e) {
    return switch (e.code()) {
      case BAD_URL -> USAGE;
      case JOIN_FAILED, TIMEOUT -> NO_SERVER;
      case NO_SOURCE -> NO_SOURCE;
      case STORAGE -> STORAGE;
      case UNREACHABLE -> UNREACHABLE;
      default -> FAILED;
    };
  }
}
