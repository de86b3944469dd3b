package io.swarmrtc.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a small network of Linux network namespaces for NAT and firewall tests, by running
 * {@code ip} and {@code iptables}, and tears all of it down on {@link #close()}.
 *
 * <p>It runs only inside the namespace of {@code scripts/in-netns.sh} (checked by
 * {@link NetnsGuard}), which has its own mount namespace: {@link #create()} mounts a private tmpfs
 * on {@code /run/netns}, so {@code ip netns add} never touches the host.
 *
 * <h2>The intended shape of the NAT tests</h2>
 * The test JVM's own namespace, {@link #host()}, plays the public internet: the swarmrtc server
 * (signaling + STUN/TURN) runs in the JVM and binds an "internet" address there. Each home is a
 * namespace behind a router namespace that masquerades:
 *
 * <pre>
 *   home1 10.0.1.2 ── 10.0.1.1 nat1 198.51.100.2 ── 198.51.100.1 ┐
 *                                                                host (server, test JVM)
 *   home2 10.0.2.2 ── 10.0.2.1 nat2 198.51.100.6 ── 198.51.100.5 ┘
 * </pre>
 *
 * <pre>{@code
 * try (Topology t = Topology.create()) {
 *   Home alice = t.home(1, NatMapping.ENDPOINT_INDEPENDENT);   // home1 behind nat1
 *   Home bob = t.home(2, NatMapping.ADDRESS_AND_PORT_DEPENDENT);
 *   // the server in the test JVM binds alice.gateway() (198.51.100.1), reachable from both homes
 *   Chromium a = browsers.start("alice", b -> b.inNamespace(alice.home().name())
 *       .args("--unsafely-treat-insecure-origin-as-secure=http://198.51.100.1:" + port));
 *   // cut the direct path so only the TURN relay on the host works:
 *   t.host().iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP");
 * }
 * }</pre>
 *
 * <p>Notes for those cases: the host has no route into the homes, so replies must come back
 * through the NAT. Linux MASQUERADE keeps the source port when it can, so
 * {@link NatMapping#ENDPOINT_INDEPENDENT} maps one internal port to one external port for every
 * destination (its filtering is address-and-port dependent, like most home routers), and ICE
 * connects the homes directly by hole punching. {@link NatMapping#ADDRESS_AND_PORT_DEPENDENT}
 * ({@code --random-fully}) gives every destination a fresh port: a symmetric NAT, where two such
 * homes need TURN. Like a home router, each router also drops unsolicited packets from the WAN
 * ({@link Namespace#dropUnsolicited}); without that, a hole-punching packet that arrives before
 * the router's own outbound one leaves a conntrack entry that makes MASQUERADE pick another port,
 * and the NAT stops being endpoint-independent exactly when ICE needs it. Dropping UDP in the host's FORWARD chain cuts home-to-home while the server in
 * the host (INPUT/OUTPUT) stays reachable; dropping UDP in a router's FORWARD chain leaves only
 * TCP (TURN over TCP). Pages on a non-loopback http origin are not a secure context: pass
 * {@code --unsafely-treat-insecure-origin-as-secure} for WebCrypto/OPFS.
 */
public final class Topology implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Topology.class);
  private static final Path NETNS_DIR = Path.of("/run/netns");
  /** Namespace names short enough that "to-" + name fits Linux's 15-character interface names. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,11}");

  private final Namespace host = new Namespace(this, null);
  private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
  private final Deque<Runnable> undo = new ArrayDeque<>();
  private final List<Process> processes = new ArrayList<>();
  private boolean closed;

  private Topology() {}

  /**
   * Starts an empty topology; fails unless running inside {@code scripts/in-netns.sh}.
   *
   * <p>The host becomes the internet's router: it forwards between the links to it and answers
   * packets for unknown destinations with ICMP "unreachable" (an {@code unreachable default}
   * route) instead of dropping them silently, so that a process at home that tries a
   * non-test address (e.g. the machine's DNS resolver) fails at once rather than timing out.
   */
  public static Topology create() {
    NetnsGuard.check();
    privateNetnsDirectory();
    Topology t = new Topology();
    t.host.enableForwarding();
    if (t.host.run("ip", "route", "show", "default").isBlank()) {
      t.host.ip("route", "add", "unreachable", "default");
      t.onClose(() -> Commands.runQuietly("ip", "route", "delete", "unreachable", "default"));
    }
    return t;
  }

  /** The namespace the test JVM runs in (the "internet" of the NAT tests). */
  public Namespace host() {
    return host;
  }

  /** Creates namespace {@code name} ({@code [a-z][a-z0-9]{0,11}}) with {@code lo} up. */
  public synchronized Namespace namespace(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("namespace name must match " + NAME + ": " + name);
    }
    if (namespaces.containsKey(name)) {
      throw new IllegalArgumentException("namespace already exists in this topology: " + name);
    }
    Commands.run("ip", "netns", "add", name);
    undo.push(() -> Commands.runQuietly("ip", "netns", "delete", name));
    Namespace ns = new Namespace(this, name);
    namespaces.put(name, ns);
    // IPv4 only: an IPv6 link-local address finishes duplicate address detection a second or two
    // after its link comes up, and Chromium aborts the page loads in flight then with
    // ERR_NETWORK_CHANGED (seen: a share page whose modules failed to load). No test uses IPv6.
    ns.run("sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"
        + " && echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6");
    ns.ip("link", "set", "lo", "up");
    return ns;
  }

  /**
   * Adds home network {@code index} (1..63): {@code home<index>} behind the NAT router
   * {@code nat<index>}, whose WAN link goes to the host (see {@link Home} for the addresses).
   */
  public synchronized Home home(int index, NatMapping mapping) {
    if (index < 1 || index > 63) {
      throw new IllegalArgumentException("home index must be 1..63: " + index);
    }
    Namespace router = namespace("nat" + index);
    Namespace home = namespace("home" + index);
    int base = 4 * (index - 1);
    String gateway = "198.51.100." + (base + 1);
    String publicAddress = "198.51.100." + (base + 2);
    String lan = "10.0." + index + ".";
    Link wan = link(host, gateway + "/30", router, publicAddress + "/30");
    link(router, lan + "1/24", home, lan + "2/24");
    router.route("default", gateway);
    home.route("default", lan + "1");
    router.enableForwarding();
    router.masquerade(wan.interfaceIn(router), mapping);
    router.dropUnsolicited(wan.interfaceIn(router));
    return new Home(home, router, lan + "2", publicAddress, gateway);
  }

  /**
   * Joins {@code a} and {@code b} with a veth pair, gives each end its address (CIDR, e.g.
   * {@code "10.0.1.1/24"}) and brings both up. Each end is named {@code "to-" + peer} (the host is
   * {@code "host"}), e.g. in {@code nat1} the end towards {@code home1} is {@code to-home1}.
   */
  public synchronized Link link(Namespace a, String addressA, Namespace b, String addressB) {
    if (a == b) {
      throw new IllegalArgumentException("a link needs two different namespaces");
    }
    String nameInA = "to-" + b.label();
    String nameInB = "to-" + a.label();
    List<String> cmd = new ArrayList<>(List.of("ip", "link", "add", nameInA));
    if (a.name() != null) {
      cmd.addAll(List.of("netns", a.name()));
    }
    cmd.addAll(List.of("type", "veth", "peer", "name", nameInB));
    if (b.name() != null) {
      cmd.addAll(List.of("netns", b.name()));
    }
    Commands.run(cmd.toArray(String[]::new));
    // Deleting one end deletes the pair; namespaces deleted later take theirs with them anyway.
    Namespace hostSide = a.name() == null ? a : b.name() == null ? b : null;
    if (hostSide != null) {
      String hostEnd = hostSide == a ? nameInA : nameInB;
      undo.push(() -> Commands.runQuietly("ip", "link", "delete", hostEnd));
    }
    a.ip("addr", "add", addressA, "dev", nameInA);
    b.ip("addr", "add", addressB, "dev", nameInB);
    a.ip("link", "set", nameInA, "up");
    b.ip("link", "set", nameInB, "up");
    return new Link(a, nameInA, addressA, b, nameInB, addressB);
  }

  /** Tracks a process started in a namespace so that {@link #close()} kills it (by PID). */
  synchronized void track(Process process) {
    processes.add(process);
  }

  /** Registers how to undo a change made outside a namespace this topology deletes. */
  synchronized void onClose(Runnable action) {
    undo.push(action);
  }

  /** Kills the processes started here, undoes host changes and deletes the namespaces; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
  }

  /**
   * Makes {@code /run/netns} a tmpfs of this mount namespace (once), so the namespace files and
   * bind mounts of {@code ip netns add} stay out of the host's {@code /run}.
   */
  private static synchronized void privateNetnsDirectory() {
    try {
      boolean mounted = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .map(line -> line.split(" "))
          .anyMatch(f -> f.length > 4 && f[4].equals(NETNS_DIR.toString()));
      if (!mounted) {
        Files.createDirectories(NETNS_DIR);
        Commands.run("mount", "-t", "tmpfs", "-o", "mode=0755", "swarmrtc-netns", NETNS_DIR.toString());
        LOG.info("Mounted a private tmpfs on {} for this test namespace", NETNS_DIR);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A veth pair between two namespaces. */
  public record Link(Namespace a, String interfaceA, String addressA,
                     Namespace b, String interfaceB, String addressB) {

    /** The name of this link's end inside {@code ns}. */
    public String interfaceIn(Namespace ns) {
      if (ns == a) {
        return interfaceA;
      }
      if (ns == b) {
        return interfaceB;
      }
      throw new IllegalArgumentException(ns + " is not an end of this link");
    }

    /** The address (without prefix length) of this link's end inside {@code ns}. */
    public String addressIn(Namespace ns) {
      String cidr = ns == a ? addressA : ns == b ? addressB : null;
      if (cidr == null) {
        throw new IllegalArgumentException(ns + " is not an end of this link");
      }
      return cidr.substring(0, cidr.indexOf('/'));
    }
  }
}
