package io.swarmrtc.e2e.harness;

/**
 * A home network of a {@link Topology}: namespace {@code home<i>} behind router namespace
 * {@code nat<i>}, which masquerades towards the host (the internet). Made by
 * {@link Topology#home(int, NatMapping)}.
 *
 * <pre>
 *   home&lt;i&gt; 10.0.&lt;i&gt;.2 ── 10.0.&lt;i&gt;.1 nat&lt;i&gt; 198.51.100.(4i-2) ── 198.51.100.(4i-3) host
 * </pre>
 *
 * @param home      where the peer runs (a browser via {@code Chromium.Builder.inNamespace(home.name())})
 * @param router    the NAT; add firewall rules here, e.g. {@code router.iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP")}
 * @param address   the home's private address
 * @param publicAddress the router's WAN address: what servers on the internet see
 * @param gateway   the host's address on this home's WAN link; servers in the test JVM can bind it
 */
public record Home(Namespace home, Namespace router, String address, String publicAddress, String gateway) {}
