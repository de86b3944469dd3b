package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.allocation.Allocation;
import io.swarmrtc.stunturn.codec.ChannelData;
import io.swarmrtc.stunturn.codec.StunDecodeException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Client-to-peer ChannelData (RFC 8656 §12.6), the hot path: validate the frame in place, find
 * the channel's peer, check permission and quota, send the payload straight from the receive
 * buffer. No allocation per packet.
 */
final class ChannelDataPath {
  private final ServerContext ctx;

  ChannelDataPath(ServerContext ctx) {
    this.ctx = ctx;
  }

  /** {@code frame} spans the frame in its backing array; its position/limit are consumed. */
  void onChannelData(ByteBuffer frame, InetSocketAddress from, ClientLink link) {
    byte[] b = frame.array();
    int off = frame.arrayOffset() + frame.position();
    int len;
    try {
      len = ChannelData.checkFrame(b, off, frame.remaining(), link.isStream());
    } catch (StunDecodeException e) {
      ctx.counters.dropped();
      return;
    }
    long now = ctx.now;
    Allocation a = ctx.allocations.get(link.allocationKey(from), now);
    InetSocketAddress peer = a == null ? null : a.peerOfChannel(ChannelData.channelOf(b, off), now);
    if (peer == null || !a.hasPermission(peer.getAddress(), now)
        || !a.quota().trySpend(len, now)) {
      ctx.counters.dropped();
      return;
    }
    int start = frame.position() + ChannelData.HEADER_LENGTH;
    frame.limit(start + len).position(start);
    ((RelaySocket) a.attachment()).sendToPeer(frame, peer);
  }
}
