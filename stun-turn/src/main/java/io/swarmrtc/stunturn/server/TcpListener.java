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
  int connections;

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

  @Override
  public void onReady(SelectionKey key) throws IOException {
    for (int i = 0; i < 64; i++) {
      SocketChannel ch = server.accept();
      if (ch == null) {
        return;
      }
      if (connections >= maxConnections) {
        ch.close();
        ctx.counters.dropped();
        continue;
      }
      connections++;
      new TcpConnection(ctx, dispatcher, channelData, ch, this);
    }
  }
}
