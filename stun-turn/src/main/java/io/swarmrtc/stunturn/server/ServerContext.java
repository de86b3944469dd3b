package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.StunTurnConfig;
import io.swarmrtc.stunturn.allocation.Allocation;
import io.swarmrtc.stunturn.allocation.AllocationTable;
import io.swarmrtc.stunturn.allocation.PeerAddressPolicy;
import io.swarmrtc.stunturn.auth.CredentialStore;
import io.swarmrtc.stunturn.auth.NonceService;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import java.nio.channels.Selector;

/**
 * What the handlers share, all owned by the event loop thread: config, allocations, policy,
 * credentials, one reusable message writer and the current time read from the injected Clock.
 */
final class ServerContext {
  /** Big enough for a Data indication carrying a maximal UDP payload. */
  static final int MAX_MESSAGE = 65_535 + 64;

  final StunTurnConfig config;
  final Selector selector;
  final AllocationTable allocations;
  final PeerAddressPolicy peerPolicy;
  final CredentialStore credentials;
  final NonceService nonces;
  final RelayPorts relayPorts;
  final Counters counters = new Counters();
  final StunMessageWriter writer = new StunMessageWriter(MAX_MESSAGE);
  final byte[] transactionId = new byte[12];
  final byte[] relayBuffer = RelaySocket.newSharedBuffer();
  final byte[] software;
  long now;
  /**
   * A relay channel was closed during this select round. The JDK frees a registered channel's
   * port only when the selector deregisters its cancelled key, at the start of the next select,
   * so the listener ends its burst and lets that happen before reading the next request: an
   * Allocate right after a Refresh(0) can then bind the freed port.
   */
  boolean relayClosedThisRound;

  ServerContext(StunTurnConfig config, Selector selector) {
    this.config = config;
    this.selector = selector;
    this.allocations = new AllocationTable(config.maxAllocations(),
        config.maxAllocationsPerUser(), config.userBytesPerSecond(),
        config.maxPermissionsPerAllocation());
    this.peerPolicy = new PeerAddressPolicy(config.allowedPeers());
    this.credentials = new CredentialStore(config.realm(), config.sharedSecret(), config.users());
    byte[] nonceKey = new byte[32];
    config.random().nextBytes(nonceKey);
    this.nonces = new NonceService(nonceKey, config.nonceLifetime().toMillis());
    this.relayPorts = new RelayPorts(config.relayAddress(), config.relayPortMin(),
        config.relayPortMax());
    this.now = config.clock().millis();
    this.software = config.software().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Reads the injected Clock; called per received packet so "now" is never stale. */
  long tick() {
    now = config.clock().millis();
    return now;
  }

  /** A fresh transaction id for server-originated indications (Data), in a reused array. */
  byte[] nextTransactionId() {
    config.random().nextBytes(transactionId);
    return transactionId;
  }

  /** Deletes an allocation and closes its relay socket. */
  void release(Allocation a) {
    allocations.remove(a);
    if (a.attachment() instanceof RelaySocket rs) {
      rs.close();
    }
    counters.activeAllocations = allocations.size();
  }
}
