package io.swarmrtc.stunturn.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Accepts TURN-over-TCP clients (RFC 8656 §3.1); caps concurrent connections. */
final class TcpListener implements EventLoop.Ready {
  private final ServerContext ctx;
  private final Dispatcher dispatcher;
  private final ChannelDataPath channelData;
  private final ServerSocketChannel server;
  private final int port;
  private final int maxConnections;
  /** Open connections, so idle ones can be closed (a slow client must not pin a slot forever). */
  final java.util.Set<TcpConnection> open = new java.util.HashSet<>();

  TcpListener(ServerContext ctx, Dispatcher dispatcher, ChannelDataPath channelData)
      throws IOException {
    this.ctx = ctx;
    this.dispatcher = dispatcher;
    this.channelData = channelData;
    this.maxConnections = ctx.config.maxAllocations() + 1024;
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(ctx.config.bindAddress(), ctx.config.tcpPort()), 512);
    server.configureBlocking(false);
    server.register(ctx.selector, SelectionKey.OP_ACCEPT, this);
    port = ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  int port() {
    return port;
  }

  /**
   * Closes connections without an allocation that sent nothing for {@code idleMillis}
   * (connections holding an allocation live as long as it does).
   */
  void closeIdle(long now, long idleMillis) {
    java.util.List<TcpConnection> idle = new java.util.ArrayList<>();
    for (TcpConnection c : open) {
      if (now - c.lastActivity() > idleMillis && ctx.allocations.getIncludingExpired(c) == null) {
        idle.add(c);
      }
    }
    idle.forEach(TcpConnection::close);
  }

  @Override
  public void onReady(SelectionKey key) throws IOException {
    for (int i = 0; i < 64; i++) {
      SocketChannel ch = server.accept();
      if (ch == null) {
        return;
      }
      if (open.size() >= maxConnections) {
        ch.close();
        ctx.counters.dropped();
        continue;
      }
      open.add(new TcpConnection(ctx, dispatcher, channelData, ch, this));
    }
  }
}
