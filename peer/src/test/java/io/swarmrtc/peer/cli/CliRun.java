package io.swarmrtc.peer.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs the CLI in-process on its own thread, capturing stdout (of {@code get}) and stderr. */
record CliRun(int exitCode, String out, String err) {
  static CliRun get(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == GetCommand.class ? cls.cast(new GetCommand(out, false)) : CommandLine.defaultFactory().create(cls);
      }
    };
    String[] full = new String[args.length + 1];
    full[0] = "get";
    System.arraycopy(args, 0, full, 1, args.length);
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    // Its own thread, never a shared pool's: a blocked common-pool worker stalls HttpClient.
    Thread t = new Thread(() -> {
      CommandLine cli = SwarmCli.commandLine(factory);
      cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
      exit.complete(cli.execute(full));
    }, "cli-under-test");
    t.setDaemon(true);
    t.start();
    int code = exit.get(120, TimeUnit.SECONDS);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
