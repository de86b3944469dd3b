package io.swarmrtc.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One network namespace of a {@link Topology}: either a named one ({@code ip netns add}) or the
 * test JVM's own ({@link Topology#host()}). Commands run inside it via {@code ip netns exec}.
 */
public final class Namespace {

  private final Topology topology;
  private final String name;

  Namespace(Topology topology, String name) {
    this.topology = topology;
    this.name = name;
  }

  /** The {@code ip netns} name, or null for the test JVM's own namespace. */
  public String name() {
    return name;
  }

  /** The name, or {@code "host"} for the test JVM's own namespace. */
  public String label() {
    return name == null ? "host" : name;
  }

  /** {@code command} prefixed to run inside this namespace. */
  public List<String> command(String... command) {
    List<String> full = new ArrayList<>();
    if (name != null) {
      full.addAll(List.of("ip", "netns", "exec", name));
    }
    full.addAll(Arrays.asList(command));
    return full;
  }

  /** Runs {@code command} here and returns its result (any exit code), killing it after {@code timeout}. */
  public CommandResult exec(Duration timeout, String... command) {
    return Commands.exec(timeout, command(command));
  }

  /** Runs {@code command} here and throws, with its stderr, unless it exits 0. Returns stdout. */
  public String run(String... command) {
    return Commands.exec(Commands.DEFAULT_TIMEOUT, command(command)).requireSuccess().stdout();
  }

  /**
   * Starts a long-running process here (e.g. a server or a peer) with stdout and stderr going to
   * {@code logFile}; the topology kills it by PID on close.
   */
  public Process start(java.nio.file.Path logFile, String... command) {
    try {
      Process p = new ProcessBuilder(command(command))
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      topology.track(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ip ARGS} in this namespace. */
  public void ip(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "ip";
    System.arraycopy(args, 0, cmd, 1, args.length);
    run(cmd);
  }

  /** Adds a route, e.g. {@code route("default", "10.0.1.1")} or {@code route("10.0.2.0/24", "198.51.100.6")}. */
  public void route(String destination, String via) {
    ip("route", "add", destination, "via", via);
  }

  /**
   * Lets this namespace route packets between its interfaces (a router). For the test JVM's own
   * namespace the previous setting is restored on close.
   */
  public void enableForwarding() {
    String previous = run("cat", "/proc/sys/net/ipv4/ip_forward").strip();
    run("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
    if (name == null && !"1".equals(previous)) {
      topology.onClose(() -> Commands.runQuietly("sh", "-c", "echo " + previous + " > /proc/sys/net/ipv4/ip_forward"));
    }
  }

  /**
   * Appends an iptables rule here, e.g. {@code iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP")}.
   * Rules appended ({@code -A}) to the test JVM's own namespace are deleted on close; those in
   * named namespaces go with the namespace.
   */
  public void iptables(String... rule) {
    String[] cmd = new String[rule.length + 1];
    cmd[0] = "iptables";
    System.arraycopy(rule, 0, cmd, 1, rule.length);
    run(cmd);
    if (name == null) {
      int append = Arrays.asList(cmd).indexOf("-A");
      if (append > 0) {
        String[] delete = cmd.clone();
        delete[append] = "-D";
        topology.onClose(() -> Commands.runQuietly(delete));
      }
    }
  }

  /** Source-NATs everything leaving through {@code outInterface} to that interface's address. */
  public void masquerade(String outInterface, NatMapping mapping) {
    List<String> rule = new ArrayList<>(List.of("-t", "nat", "-A", "POSTROUTING", "-o", outInterface, "-j", "MASQUERADE"));
    rule.addAll(mapping.masqueradeOptions());
    iptables(rule.toArray(String[]::new));
  }

  /**
   * Drops packets arriving on {@code inInterface} that start a new connection, to this namespace
   * or through it: a home router's stateful firewall. Replies to connections from inside pass.
   * The dropped packet's conntrack entry is never confirmed, so it cannot occupy the external
   * port that a later outbound packet of the same pair would map to (hole punching relies on it).
   */
  public void dropUnsolicited(String inInterface) {
    for (String chain : List.of("INPUT", "FORWARD")) {
      iptables("-A", chain, "-i", inInterface, "-m", "conntrack", "--ctstate", "NEW", "-j", "DROP");
    }
  }

  @Override
  public String toString() {
    return "Namespace[" + label() + "]";
  }
}
