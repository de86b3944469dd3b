package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.allocation.Allocation;
import io.swarmrtc.stunturn.codec.ChannelData;
import io.swarmrtc.stunturn.codec.StunHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One TURN-over-TCP client (RFC 8656 §3.1, §12.5): frames STUN messages by their header length
 * and ChannelData by its padded length; a byte stream that is neither closes the connection (its
 * framing is lost). Output is buffered up to a cap and dropped beyond it, so a slow reader can
 * never stall the loop. Closing the connection deletes its allocation.
 */
final class TcpConnection implements EventLoop.Ready, ClientLink {
  private static final int MAX_FRAME = StunHeader.LENGTH + 65_535 + 4;
  private static final int OUTPUT_CAP = 256 * 1024;

  private final ServerContext ctx;
  private final Dispatcher dispatcher;
  private final ChannelDataPath channelData;
  private final SocketChannel channel;
  private final TcpListener listener;
  private final SelectionKey key;
  private final InetSocketAddress remote;
  private static final int INITIAL_INPUT = 2048;
  /** Grows to MAX_FRAME only when a frame needs it, so idle connections stay small. */
  private ByteBuffer in = ByteBuffer.allocate(INITIAL_INPUT);
  private ByteBuffer out;
  private boolean closed;
  private long lastActivity;

  TcpConnection(ServerContext ctx, Dispatcher dispatcher, ChannelDataPath channelData,
      SocketChannel channel, TcpListener listener) throws IOException {
    this.ctx = ctx;
    this.dispatcher = dispatcher;
    this.channelData = channelData;
    this.channel = channel;
    this.listener = listener;
    channel.configureBlocking(false);
    channel.socket().setTcpNoDelay(true);
    this.remote = (InetSocketAddress) channel.getRemoteAddress();
    this.key = channel.register(ctx.selector, SelectionKey.OP_READ, this);
    this.lastActivity = ctx.now;
  }

  @Override
  public void onReady(SelectionKey k) throws IOException {
    if (k.isValid() && k.isWritable()) {
      flush();
    }
    if (k.isValid() && k.isReadable()) {
      int n = channel.read(in);
      lastActivity = ctx.tick();
      if (n < 0) {
        close();
        return;
      }
      parseFrames();
    }
  }

  private void parseFrames() {
    in.flip();
    byte[] b = in.array();
    while (!closed && in.remaining() >= 4) {
      int p = in.position();
      int first = b[p] & 0xFF;
      int frame;
      if (first < 0x40) {
        if (in.remaining() < StunHeader.LENGTH) {
          break;
        }
        frame = StunHeader.LENGTH + (((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF));
      } else if (ChannelData.isChannelData(first)) {
        frame = ChannelData.tcpFrameLength(b, p);
      } else {
        frame = -1;
      }
      if (frame < 0) {
        ctx.counters.dropped();
        close(); // not STUN, not ChannelData: the stream's framing is lost
        return;
      }
      if (in.remaining() < frame) {
        if (frame > in.capacity()) {
          ByteBuffer bigger = ByteBuffer.allocate(MAX_FRAME);
          bigger.put(in);
          bigger.flip();
          in = bigger;
          b = in.array();
        }
        break;
      }
      if (first < 0x40) {
        dispatcher.onStun(b, p, frame, remote, this);
      } else {
        ByteBuffer view = in.duplicate();
        view.limit(p + frame);
        channelData.onChannelData(view, remote, this);
      }
      in.position(p + frame);
    }
    in.compact();
  }

  @Override
  public void send(byte[] b, int off, int len, InetSocketAddress client) {
    if (closed) {
      return;
    }
    if (out == null) {
      out = ByteBuffer.allocate(OUTPUT_CAP);
    }
    if (out.remaining() < len) {
      ctx.counters.dropped(); // slow reader: drop rather than buffer without bound
      return;
    }
    out.put(b, off, len);
    try {
      flush();
    } catch (IOException e) {
      close();
    }
  }

  private void flush() throws IOException {
    out.flip();
    channel.write(out);
    out.compact();
    boolean pending = out.position() > 0;
    key.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
  }

  long lastActivity() {
    return lastActivity;
  }

  @Override
  public Object allocationKey(InetSocketAddress client) {
    return this;
  }

  @Override
  public boolean isStream() {
    return true;
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    listener.open.remove(this);
    key.cancel();
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    Allocation a = ctx.allocations.getIncludingExpired(this);
    if (a != null) {
      ctx.release(a);
    }
  }
}
