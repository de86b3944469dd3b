package io.swarmrtc.e2e.harness;

import java.util.List;

/**
 * How a router namespace maps internal to external UDP/TCP ports (RFC 4787 terms), as set up by
 * {@link Namespace#masquerade}.
 */
public enum NatMapping {

  /**
   * One external port per internal address and port, whatever the destination: plain
   * {@code MASQUERADE}, which keeps the source port when it is free. The "cone" NAT of most home
   * routers; ICE connects two such peers directly (server-reflexive candidates).
   */
  ENDPOINT_INDEPENDENT(List.of()),

  /**
   * A fresh random external port for every destination: {@code MASQUERADE --random-fully}. A
   * "symmetric" NAT; two peers behind such NATs need a TURN relay.
   */
  ADDRESS_AND_PORT_DEPENDENT(List.of("--random-fully"));

  private final List<String> masqueradeOptions;

  NatMapping(List<String> masqueradeOptions) {
    this.masqueradeOptions = masqueradeOptions;
  }

  List<String> masqueradeOptions() {
    return masqueradeOptions;
  }
}
