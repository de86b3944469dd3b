package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.SwarmException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar swarmrtc-peer.jar <command>}: the Java peer on the command line. */
@Command(name = "swarmrtc-peer", mixinStandardHelpOptions = true, version = "swarmrtc-peer 0.1.0",
    description = "The Java peer of swarmrtc: chat, share and download through a swarmrtc server.",
    footer = ExitCodes.HELP,
    subcommands = {ChatCommand.class, ShareCommand.class, GetCommand.class, SeedCommand.class,
        CommandLine.HelpCommand.class})
public final class SwarmCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = commandLine(CommandLine.defaultFactory()).execute(args);
    System.exit(code); // native WebRTC threads must not keep the JVM alive
  }

  /** The command line with its error handling: failures print one line, not a stack trace. */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    return new CommandLine(new SwarmCli(), factory).setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      return e instanceof SwarmException s ? ExitCodes.of(s) : ExitCodes.FAILED;
    });
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}
