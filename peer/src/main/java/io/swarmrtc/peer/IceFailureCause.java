package io.swarmrtc.peer;

/**
 * Why a connection to a peer likely failed or never came up, as far as this side can tell from
 * its own ICE gathering. Stable names; the first three match client-js's {@code likelyCause}.
 */
public enum IceFailureCause {
  /** A TURN server rejected our credentials (401/441): expired, or signed with another secret. */
  TURN_CREDENTIALS_REJECTED,
  /** TURN servers are configured but none gave a relay candidate: unreachable or blocked? */
  TURN_UNREACHABLE,
  /** No TURN server is configured: peers without a direct path cannot connect. */
  NO_TURN_SERVER,
  /** Not a single local candidate: no usable network interface (and no STUN/TURN answer). */
  NO_LOCAL_CANDIDATES,
  /**
   * We gathered a relay candidate, yet no candidate pair succeeded: the other side could not
   * reach our relay (its own TURN or network is the problem) or went away.
   */
  NO_PAIR_SUCCEEDED
}
