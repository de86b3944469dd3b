package io.swarmrtc.stunturn.allocation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * One TURN allocation (RFC 8656 §3): its client 5-tuple key, owner, relayed address, expiry,
 * permissions (by peer IP, §9) and channel bindings (§12). Expiry is decided by the {@code now}
 * the caller passes in (read from the injected Clock), never by timers here.
 *
 * <p>Permissions and channels live in small parallel arrays: WebRTC uses a handful per
 * allocation, and arrays keep a held allocation cheap in memory. Both are capped.
 */
public final class Allocation {
  private final Object clientKey;
  private final String username;
  private final UserQuota quota;
  private final InetSocketAddress relayedAddress;
  private final byte[] transactionId;
  private final int maxEntries;
  private long expiresAt;
  private Object attachment;

  private InetAddress[] permissionPeers = new InetAddress[0];
  private long[] permissionExpiry = new long[0];
  private int permissionCount;

  private int[] channelNumbers = new int[0];
  private InetSocketAddress[] channelPeers = new InetSocketAddress[0];
  private long[] channelExpiry = new long[0];
  private int channelCount;

  Allocation(Object clientKey, String username, UserQuota quota, InetSocketAddress relayed,
      byte[] transactionId, long expiresAt, int maxEntries) {
    this.clientKey = clientKey;
    this.username = username;
    this.quota = quota;
    this.relayedAddress = relayed;
    this.transactionId = transactionId.clone();
    this.expiresAt = expiresAt;
    this.maxEntries = maxEntries;
  }

  public Object clientKey() {
    return clientKey;
  }

  public String username() {
    return username;
  }

  public UserQuota quota() {
    return quota;
  }

  public InetSocketAddress relayedAddress() {
    return relayedAddress;
  }

  /** Whether {@code txId} is the Allocate that created this (a retransmission, §7.2). */
  public boolean createdBy(byte[] txId) {
    return Arrays.equals(transactionId, txId);
  }

  public long expiresAt() {
    return expiresAt;
  }

  public boolean isExpired(long now) {
    return now >= expiresAt;
  }

  public void refresh(long now, long lifetimeMillis) {
    expiresAt = now + lifetimeMillis;
  }

  /** Server-side state attached to this allocation (its relay socket). */
  public Object attachment() {
    return attachment;
  }

  public void attach(Object attachment) {
    this.attachment = attachment;
  }

  // ---- permissions (§9) ----

  public boolean hasPermission(InetAddress peer, long now) {
    for (int i = 0; i < permissionCount; i++) {
      if (permissionPeers[i].equals(peer)) {
        return now < permissionExpiry[i];
      }
    }
    return false;
  }

  /** Installs or refreshes; false when the per-allocation cap is reached. */
  public boolean installPermission(InetAddress peer, long now) {
    for (int i = 0; i < permissionCount; i++) {
      if (permissionPeers[i].equals(peer)) {
        permissionExpiry[i] = now + Lifetimes.PERMISSION_MS;
        return true;
      }
    }
    prunePermissions(now);
    if (permissionCount == maxEntries) {
      return false;
    }
    if (permissionCount == permissionPeers.length) {
      int n = Math.max(2, permissionCount * 2);
      permissionPeers = Arrays.copyOf(permissionPeers, n);
      permissionExpiry = Arrays.copyOf(permissionExpiry, n);
    }
    permissionPeers[permissionCount] = peer;
    permissionExpiry[permissionCount++] = now + Lifetimes.PERMISSION_MS;
    return true;
  }

  /** Whether {@link #installPermission} would succeed for all of these peers. */
  public boolean canInstallPermissions(Iterable<InetAddress> peers, long now) {
    prunePermissions(now);
    int fresh = 0;
    for (InetAddress p : peers) {
      boolean known = false;
      for (int i = 0; i < permissionCount; i++) {
        known |= permissionPeers[i].equals(p);
      }
      fresh += known ? 0 : 1;
    }
    return permissionCount + fresh <= maxEntries;
  }

  private void prunePermissions(long now) {
    int w = 0;
    for (int i = 0; i < permissionCount; i++) {
      if (now < permissionExpiry[i]) {
        permissionPeers[w] = permissionPeers[i];
        permissionExpiry[w++] = permissionExpiry[i];
      }
    }
    Arrays.fill(permissionPeers, w, permissionCount, null);
    permissionCount = w;
  }

  // ---- channels (§12) ----

  /** The peer bound to {@code channel}, or null when unbound or expired. */
  public InetSocketAddress peerOfChannel(int channel, long now) {
    for (int i = 0; i < channelCount; i++) {
      if (channelNumbers[i] == channel) {
        return now < channelExpiry[i] ? channelPeers[i] : null;
      }
    }
    return null;
  }

  /** The live channel bound to {@code peer}, or -1. */
  public int channelOfPeer(InetSocketAddress peer, long now) {
    for (int i = 0; i < channelCount; i++) {
      if (now < channelExpiry[i] && channelPeers[i].equals(peer)) {
        return channelNumbers[i];
      }
    }
    return -1;
  }

  /** Outcome of {@link #bindChannel}. */
  public enum BindResult { BOUND, CONFLICT, FULL }

  /**
   * Binds or refreshes {@code channel} to {@code peer} (§11.2). A channel (or peer) bound to
   * something else, including within the quarantine after expiry, is a CONFLICT (400).
   */
  public BindResult bindChannel(int channel, InetSocketAddress peer, long now) {
    pruneChannels(now);
    for (int i = 0; i < channelCount; i++) {
      boolean sameChannel = channelNumbers[i] == channel;
      boolean samePeer = channelPeers[i].equals(peer);
      if (sameChannel && samePeer) {
        channelExpiry[i] = now + Lifetimes.CHANNEL_MS;
        return BindResult.BOUND;
      }
      if (sameChannel || samePeer) {
        return BindResult.CONFLICT;
      }
    }
    if (channelCount == maxEntries) {
      return BindResult.FULL;
    }
    if (channelCount == channelNumbers.length) {
      int n = Math.max(2, channelCount * 2);
      channelNumbers = Arrays.copyOf(channelNumbers, n);
      channelPeers = Arrays.copyOf(channelPeers, n);
      channelExpiry = Arrays.copyOf(channelExpiry, n);
    }
    channelNumbers[channelCount] = channel;
    channelPeers[channelCount] = peer;
    channelExpiry[channelCount++] = now + Lifetimes.CHANNEL_MS;
    return BindResult.BOUND;
  }

  private void pruneChannels(long now) {
    int w = 0;
    for (int i = 0; i < channelCount; i++) {
      if (now < channelExpiry[i] + Lifetimes.CHANNEL_QUARANTINE_MS) {
        channelNumbers[w] = channelNumbers[i];
        channelPeers[w] = channelPeers[i];
        channelExpiry[w++] = channelExpiry[i];
      }
    }
    Arrays.fill(channelPeers, w, channelCount, null);
    channelCount = w;
  }
}
