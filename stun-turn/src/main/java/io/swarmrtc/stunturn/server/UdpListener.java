package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.codec.ChannelData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * The UDP port clients talk to: demultiplexes STUN (first bits 00) from ChannelData (01) and
 * drops everything else (RFC 8656 §12). Receives in bursts into one reused buffer.
 */
final class UdpListener implements EventLoop.Ready, ClientLink {
  private final ServerContext ctx;
  private final Dispatcher dispatcher;
  private final ChannelDataPath channelData;
  private final DatagramChannel channel;
  private final byte[] buf = new byte[65_536];
  private final ByteBuffer in = ByteBuffer.wrap(buf);
  private final ByteBuffer out;
  private final ByteBuffer relayOut;
  private final int port;

  UdpListener(ServerContext ctx, Dispatcher dispatcher, ChannelDataPath channelData)
      throws IOException {
    this.ctx = ctx;
    this.dispatcher = dispatcher;
    this.channelData = channelData;
    this.out = ByteBuffer.wrap(ctx.writer.buffer());
    this.relayOut = ByteBuffer.wrap(ctx.relayBuffer);
    channel = DatagramChannel.open();
    channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
    channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
    channel.bind(new InetSocketAddress(ctx.config.bindAddress(), ctx.config.udpPort()));
    channel.configureBlocking(false);
    channel.register(ctx.selector, SelectionKey.OP_READ, this);
    port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  int port() {
    return port;
  }

  @Override
  public void onReady(SelectionKey key) throws IOException {
    for (int burst = 0; burst < 256 && !ctx.relayClosedThisRound; burst++) {
      in.clear();
      InetSocketAddress from;
      try {
        from = (InetSocketAddress) channel.receive(in);
      } catch (IOException e) {
        continue; // e.g. ICMP error from an earlier send
      }
      if (from == null) {
        return;
      }
      ctx.tick();
      int len = in.position();
      if (len == 0) {
        ctx.counters.dropped();
        continue;
      }
      int first = buf[0] & 0xFF;
      if (first < 0x40) {
        dispatcher.onStun(buf, 0, len, from, this);
      } else if (ChannelData.isChannelData(first)) {
        in.flip();
        channelData.onChannelData(in, from, this);
      } else {
        ctx.counters.dropped();
      }
    }
  }

  @Override
  public void send(byte[] b, int off, int len, InetSocketAddress client) {
    ByteBuffer bb = b == ctx.writer.buffer() ? out.clear().position(off).limit(off + len)
        : b == ctx.relayBuffer ? relayOut.clear().position(off).limit(off + len)
        : ByteBuffer.wrap(b, off, len);
    try {
      channel.send(bb, client);
    } catch (IOException e) {
      ctx.counters.dropped(); // unreachable client: UDP semantics, nothing to retry
    }
  }

  @Override
  public Object allocationKey(InetSocketAddress client) {
    return client;
  }

  @Override
  public boolean isStream() {
    return false;
  }
}
