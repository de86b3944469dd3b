package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.allocation.Allocation;
import io.swarmrtc.stunturn.codec.ChannelNumber;
import io.swarmrtc.stunturn.codec.Data;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.XorPeerAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * CreatePermission (RFC 8656 §9), ChannelBind (§11) and Send indications (§10.2): everything
 * that names a peer, so everything that goes through the peer address policy (403 / drop).
 */
final class PeerHandlers {
  private final ServerContext ctx;

  PeerHandlers(ServerContext ctx) {
    this.ctx = ctx;
  }

  void createPermission(Exchange ex) throws TurnException {
    Allocation a = AllocationHandlers.ownAllocation(ctx, ex);
    List<InetSocketAddress> peers = XorPeerAddress.all(ex.message);
    if (peers.isEmpty()) {
      throw new TurnException(TurnError.BAD_REQUEST);
    }
    List<InetAddress> addresses = new ArrayList<>(peers.size());
    for (InetSocketAddress p : peers) {
      checkPeer(p);
      addresses.add(p.getAddress());
    }
    if (!a.canInstallPermissions(addresses, ex.now)) {
      throw new TurnException(TurnError.INSUFFICIENT_CAPACITY);
    }
    addresses.forEach(p -> a.installPermission(p, ex.now));
    StunMessageWriter w = ctx.writer.beginResponse(ex.message, MessageClass.SUCCESS_RESPONSE);
    Dispatcher.finish(ex, w);
  }

  void channelBind(Exchange ex) throws TurnException {
    Allocation a = AllocationHandlers.ownAllocation(ctx, ex);
    StunMessage m = ex.message;
    int channel = ChannelNumber.read(m);
    InetSocketAddress peer = XorPeerAddress.first(m);
    if (!ChannelNumber.isValid(channel) || peer == null) {
      throw new TurnException(TurnError.BAD_REQUEST);
    }
    checkPeer(peer);
    if (!a.hasPermission(peer.getAddress(), ex.now)
        && !a.canInstallPermissions(List.of(peer.getAddress()), ex.now)) {
      throw new TurnException(TurnError.INSUFFICIENT_CAPACITY);
    }
    switch (a.bindChannel(channel, peer, ex.now)) {
      case CONFLICT -> throw new TurnException(TurnError.BAD_REQUEST);
      case FULL -> throw new TurnException(TurnError.INSUFFICIENT_CAPACITY);
      case BOUND -> a.installPermission(peer.getAddress(), ex.now);
    }
    StunMessageWriter w = ctx.writer.beginResponse(ex.message, MessageClass.SUCCESS_RESPONSE);
    Dispatcher.finish(ex, w);
  }

  /** Send indication: relayed when allowed, silently dropped otherwise (indications get no answer). */
  void send(Exchange ex) throws TurnException {
    Allocation a = ctx.allocations.get(ex.allocationKey(), ex.now);
    StunMessage m = ex.message;
    InetSocketAddress peer = XorPeerAddress.first(m);
    int data = Data.find(m);
    if (a == null || peer == null || data < 0) {
      throw new TurnException(TurnError.BAD_REQUEST); // dropped by the dispatcher
    }
    checkPeer(peer);
    int len = m.valueLength(data);
    if (!a.hasPermission(peer.getAddress(), ex.now) || !a.quota().trySpend(len, ex.now)) {
      throw new TurnException(TurnError.FORBIDDEN);
    }
    ((RelaySocket) a.attachment()).sendToPeer(
        ByteBuffer.wrap(Data.array(m), Data.offset(m, data), len), peer);
  }

  /** 403 for a peer the policy refuses; 443 for an IPv6 peer of our IPv4-only relay. */
  private void checkPeer(InetSocketAddress peer) throws TurnException {
    if (!ctx.peerPolicy.isAllowed(peer.getAddress())) {
      throw new TurnException(TurnError.FORBIDDEN);
    }
    if (!(peer.getAddress() instanceof Inet4Address)) {
      throw new TurnException(TurnError.PEER_ADDRESS_FAMILY_MISMATCH);
    }
  }
}
