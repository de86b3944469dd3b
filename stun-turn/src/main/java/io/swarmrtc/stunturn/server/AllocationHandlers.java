package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.allocation.Allocation;
import io.swarmrtc.stunturn.allocation.AllocationTable;
import io.swarmrtc.stunturn.allocation.Lifetimes;
import io.swarmrtc.stunturn.codec.AttributeType;
import io.swarmrtc.stunturn.codec.EvenPort;
import io.swarmrtc.stunturn.codec.Lifetime;
import io.swarmrtc.stunturn.codec.RequestedAddressFamily;
import io.swarmrtc.stunturn.codec.RequestedTransport;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.XorMappedAddress;
import io.swarmrtc.stunturn.codec.XorRelayedAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/** Allocate (RFC 8656 §7.2) and Refresh (§7.3): an allocation's life cycle. */
final class AllocationHandlers {
  private final ServerContext ctx;

  AllocationHandlers(ServerContext ctx) {
    this.ctx = ctx;
  }

  void allocate(Exchange ex) throws TurnException {
    StunMessage m = ex.message;
    Object key = ex.allocationKey();
    Allocation existing = ctx.allocations.getIncludingExpired(key);
    if (existing != null && existing.isExpired(ex.now)) {
      ctx.release(existing);
      existing = null;
    }
    if (existing != null) {
      if (existing.createdBy(m.transactionId()) && existing.username().equals(ex.username)) {
        respond(ex, existing); // a retransmission: same answer again
        return;
      }
      throw new TurnException(TurnError.ALLOCATION_MISMATCH);
    }
    int transport = RequestedTransport.read(m);
    if (transport < 0) {
      throw new TurnException(TurnError.BAD_REQUEST);
    }
    if (transport != RequestedTransport.UDP) {
      throw new TurnException(TurnError.UNSUPPORTED_TRANSPORT_PROTOCOL);
    }
    int family = RequestedAddressFamily.read(m);
    if (family >= 0 && m.has(AttributeType.ADDITIONAL_ADDRESS_FAMILY)) {
      throw new TurnException(TurnError.BAD_REQUEST);
    }
    if (family == RequestedAddressFamily.IPV6) {
      throw new TurnException(TurnError.ADDRESS_FAMILY_NOT_SUPPORTED);
    }
    EvenPort.Request evenPort = EvenPort.read(m);
    if (evenPort == EvenPort.Request.EVEN_AND_RESERVE_NEXT) {
      // Port reservations (RESERVATION-TOKEN) are not supported: RFC 8656 §7.2 says 508.
      throw new TurnException(TurnError.INSUFFICIENT_CAPACITY);
    }
    AllocationTable.Refusal refusal = ctx.allocations.checkQuota(ex.username);
    if (refusal == AllocationTable.Refusal.USER_QUOTA) {
      throw new TurnException(TurnError.ALLOCATION_QUOTA_REACHED);
    }
    if (refusal == AllocationTable.Refusal.SERVER_CAPACITY) {
      throw new TurnException(TurnError.INSUFFICIENT_CAPACITY);
    }
    DatagramChannel relay;
    try {
      relay = ctx.relayPorts.open(evenPort == EvenPort.Request.EVEN);
    } catch (IOException e) {
      relay = null; // out of file descriptors or similar: capacity, not the client's fault
    }
    if (relay == null) {
      throw new TurnException(TurnError.INSUFFICIENT_CAPACITY);
    }
    Allocation a;
    try {
      InetSocketAddress relayed = (InetSocketAddress) relay.getLocalAddress();
      a = ctx.allocations.create(key, ex.username, relayed, m.transactionId(), ex.now,
          Lifetimes.grant(Lifetime.read(m)));
      a.attach(new RelaySocket(ctx, relay, a, ex.link, ex.client, ctx.relayBuffer));
    } catch (IOException e) {
      closeQuietly(relay);
      throw new TurnException(TurnError.INSUFFICIENT_CAPACITY);
    }
    ctx.counters.allocationsCreated = ctx.counters.allocationsCreated + 1;
    ctx.counters.activeAllocations = ctx.allocations.size();
    respond(ex, a);
  }

  private void respond(Exchange ex, Allocation a) {
    StunMessageWriter w = ctx.writer.beginResponse(ex.message, MessageClass.SUCCESS_RESPONSE);
    XorRelayedAddress.write(w, a.relayedAddress());
    Lifetime.write(w, Math.max(0, (a.expiresAt() - ex.now) / 1000));
    XorMappedAddress.write(w, ex.client);
    Dispatcher.finish(ex, w);
  }

  void refresh(Exchange ex) throws TurnException {
    Allocation a = ownAllocation(ctx, ex);
    long requested = Lifetime.read(ex.message);
    long granted;
    if (requested == 0) {
      ctx.release(a);
      granted = 0;
    } else {
      long ms = Lifetimes.grant(requested);
      a.refresh(ex.now, ms);
      granted = ms / 1000;
    }
    StunMessageWriter w = ctx.writer.beginResponse(ex.message, MessageClass.SUCCESS_RESPONSE);
    Lifetime.write(w, granted);
    Dispatcher.finish(ex, w);
  }

  /** The caller's live allocation: 437 when there is none, 441 when it is someone else's. */
  static Allocation ownAllocation(ServerContext ctx, Exchange ex) throws TurnException {
    Allocation a = ctx.allocations.get(ex.allocationKey(), ex.now);
    if (a == null) {
      throw new TurnException(TurnError.ALLOCATION_MISMATCH);
    }
    if (!a.username().equals(ex.username)) {
      throw new TurnException(TurnError.WRONG_CREDENTIALS);
    }
    return a;
  }

  private static void closeQuietly(DatagramChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // already failing; the 508 tells the client
    }
  }
}
