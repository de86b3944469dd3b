package io.swarmrtc.stunturn.allocation;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * All live allocations keyed by client 5-tuple (the UDP client address, or the TCP connection),
 * with per-user quotas and a total cap. Single-threaded: owned by the server's event loop.
 */
public final class AllocationTable {
  /** Why {@link #reserve} refused. */
  public enum Refusal { USER_QUOTA, SERVER_CAPACITY }

  private final int maxTotal;
  private final int maxPerUser;
  private final long userBytesPerSecond;
  private final int maxPermissionsAndChannels;
  private final Map<Object, Allocation> byClient = new HashMap<>();
  private final Map<String, UserQuota> quotas = new HashMap<>();

  public AllocationTable(int maxTotal, int maxPerUser, long userBytesPerSecond,
      int maxPermissionsAndChannels) {
    this.maxTotal = maxTotal;
    this.maxPerUser = maxPerUser;
    this.userBytesPerSecond = userBytesPerSecond;
    this.maxPermissionsAndChannels = maxPermissionsAndChannels;
  }

  /** The live allocation of this client, or null (an expired one counts as absent). */
  public Allocation get(Object clientKey, long now) {
    Allocation a = byClient.get(clientKey);
    return a == null || a.isExpired(now) ? null : a;
  }

  /** The allocation even if expired but not yet swept (so the caller can release it). */
  public Allocation getIncludingExpired(Object clientKey) {
    return byClient.get(clientKey);
  }

  /** Null when the user may allocate, else the reason (486 vs 508). */
  public Refusal checkQuota(String username) {
    if (byClient.size() >= maxTotal) {
      return Refusal.SERVER_CAPACITY;
    }
    UserQuota q = quotas.get(username);
    return q != null && q.allocations() >= maxPerUser ? Refusal.USER_QUOTA : null;
  }

  public Allocation create(Object clientKey, String username, InetSocketAddress relayed,
      byte[] transactionId, long now, long lifetimeMillis) {
    UserQuota q = quotas.computeIfAbsent(username, u -> new UserQuota(userBytesPerSecond, now));
    q.addAllocation(1);
    Allocation a = new Allocation(clientKey, username, q, relayed, transactionId,
        now + lifetimeMillis, maxPermissionsAndChannels);
    byClient.put(clientKey, a);
    return a;
  }

  public void remove(Allocation a) {
    if (byClient.remove(a.clientKey(), a)) {
      UserQuota q = a.quota();
      q.addAllocation(-1);
      if (q.allocations() == 0) {
        quotas.remove(a.username(), q);
      }
    }
  }

  /** Removes and returns every allocation expired at {@code now}. */
  public List<Allocation> sweep(long now) {
    List<Allocation> expired = new ArrayList<>();
    for (Iterator<Allocation> it = byClient.values().iterator(); it.hasNext(); ) {
      Allocation a = it.next();
      if (a.isExpired(now)) {
        expired.add(a);
      }
    }
    expired.forEach(this::remove);
    return expired;
  }

  public int size() {
    return byClient.size();
  }
}
