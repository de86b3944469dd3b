package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.allocation.Allocation;
import io.swarmrtc.stunturn.codec.ChannelData;
import io.swarmrtc.stunturn.codec.Data;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.XorPeerAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * The relayed transport address of one allocation (RFC 8656 §10): packets from peers with a
 * permission go to the client as ChannelData when a channel is bound, else as Data indications.
 */
final class RelaySocket implements EventLoop.Ready {
  /** Shared receive buffer; payload lands at offset 4 so the ChannelData header fits in front. */
  private static final int MAX_DATAGRAM = 65_535;

  private final ServerContext ctx;
  private final DatagramChannel channel;
  private final SelectionKey key;
  private final Allocation allocation;
  private final ClientLink link;
  private final InetSocketAddress client;
  private final byte[] buf;
  private final ByteBuffer in;

  RelaySocket(ServerContext ctx, DatagramChannel channel, Allocation allocation, ClientLink link,
      InetSocketAddress client, byte[] sharedBuffer) throws IOException {
    this.ctx = ctx;
    this.channel = channel;
    this.allocation = allocation;
    this.link = link;
    this.client = client;
    this.buf = sharedBuffer;
    this.in = ByteBuffer.wrap(sharedBuffer, 4, MAX_DATAGRAM);
    this.key = channel.register(ctx.selector, SelectionKey.OP_READ, this);
  }

  static byte[] newSharedBuffer() {
    return new byte[4 + MAX_DATAGRAM + 4];
  }

  /** Client to peer: sends the remaining bytes of {@code payload}. */
  void sendToPeer(ByteBuffer payload, InetSocketAddress peer) {
    int len = payload.remaining();
    try {
      ctx.counters.relayed(len);
      channel.send(payload, peer);
    } catch (IOException e) {
      ctx.counters.dropped(); // e.g. ICMP unreachable reported on a later send: keep serving
    }
  }

  @Override
  public void onReady(SelectionKey k) throws IOException {
    for (int burst = 0; burst < 64; burst++) {
      in.clear();
      in.position(4).limit(4 + MAX_DATAGRAM);
      InetSocketAddress peer;
      try {
        peer = (InetSocketAddress) channel.receive(in);
      } catch (IOException e) {
        continue; // ICMP port unreachable from an earlier send surfaces here
      }
      if (peer == null) {
        return;
      }
      ctx.tick();
      fromPeer(peer, in.position() - 4);
    }
  }

  private void fromPeer(InetSocketAddress peer, int len) {
    long now = ctx.now;
    if (allocation.isExpired(now) || !allocation.hasPermission(peer.getAddress(), now)
        || !allocation.quota().trySpend(len, now)) {
      ctx.counters.dropped();
      return;
    }
    int channelNumber = allocation.channelOfPeer(peer, now);
    if (channelNumber >= 0) {
      ChannelData.writeHeader(buf, 0, channelNumber, len);
      int total = 4 + len;
      if (link.isStream()) {
        while ((total & 3) != 0) {
          buf[total++] = 0;
        }
      }
      ctx.counters.relayed(len);
      link.send(buf, 0, total, client);
    } else {
      StunMessageWriter w = ctx.writer;
      w.begin(StunMethod.DATA, MessageClass.INDICATION, ctx.nextTransactionId());
      XorPeerAddress.write(w, peer);
      Data.write(w, buf, 4, len);
      ctx.counters.relayed(len);
      link.send(w.buffer(), 0, w.length(), client);
    }
  }

  void close() {
    key.cancel();
    int port = channel.socket().getLocalPort();
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing left to do for a socket we are discarding
    }
    ctx.relayPorts.release(port);
    ctx.relayClosedThisRound = true;
  }
}
