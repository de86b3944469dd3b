package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.StunTurnConfig;
import io.swarmrtc.stunturn.TurnMetrics;
import io.swarmrtc.stunturn.allocation.Allocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's single thread: one Selector over the UDP listener, the TCP listener and
 * connections, and every relay socket. Single-threaded by design (no locks on the hot path);
 * expired allocations are swept once a second by the injected Clock.
 */
public final class EventLoop implements AutoCloseable {
  /** Something the selector reports ready. */
  interface Ready {
    void onReady(SelectionKey key) throws IOException;
  }

  private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());
  private static final long SWEEP_INTERVAL_MS = 1000;
  /** A TCP client without an allocation that stays silent this long is disconnected. */
  static final long TCP_IDLE_MS = 30_000;

  private final ServerContext ctx;
  private final UdpListener udp;
  private final TcpListener tcp;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private long nextSweep;

  public EventLoop(StunTurnConfig config) throws IOException {
    Selector selector = Selector.open();
    this.ctx = new ServerContext(config, selector);
    Dispatcher dispatcher = new Dispatcher(ctx);
    ChannelDataPath channelData = new ChannelDataPath(ctx);
    try {
      udp = config.udpPort() == StunTurnConfig.DISABLED ? null
          : new UdpListener(ctx, dispatcher, channelData);
      tcp = config.tcpPort() == StunTurnConfig.DISABLED ? null
          : new TcpListener(ctx, dispatcher, channelData);
    } catch (IOException e) {
      // e.g. the TCP port is taken after UDP bound: release everything bound so far.
      for (SelectionKey k : selector.keys()) {
        k.channel().close();
      }
      selector.close();
      throw e;
    }
    thread = new Thread(this::run, "stun-turn-loop");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public int udpPort() {
    return udp == null ? -1 : udp.port();
  }

  public int tcpPort() {
    return tcp == null ? -1 : tcp.port();
  }

  public TurnMetrics metrics() {
    return ctx.counters;
  }

  private void run() {
    try {
      while (running) {
        ctx.relayClosedThisRound = false;
        ctx.selector.select(this::dispatch, SWEEP_INTERVAL_MS);
        ctx.tick();
        if (ctx.now >= nextSweep) {
          sweep();
          nextSweep = ctx.now + SWEEP_INTERVAL_MS;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.SEVERE, "STUN/TURN event loop stopped", e);
    } finally {
      closeAll();
      stopped.countDown();
    }
  }

  private void dispatch(SelectionKey key) {
    ctx.tick();
    try {
      ((Ready) key.attachment()).onReady(key);
    } catch (IOException | RuntimeException e) {
      // One bad socket or packet must never stop the server: log, drop, go on.
      ctx.counters.dropped();
      LOG.log(Level.FINE, "dropped after error", e);
      if (key.attachment() instanceof TcpConnection c) {
        c.close();
      }
    }
  }

  private void sweep() {
    for (Allocation a : ctx.allocations.sweep(ctx.now)) {
      if (a.attachment() instanceof RelaySocket rs) {
        rs.close();
      }
    }
    ctx.counters.activeAllocations = ctx.allocations.size();
    if (tcp != null) {
      tcp.closeIdle(ctx.now, TCP_IDLE_MS);
    }
  }

  private void closeAll() {
    for (SelectionKey k : ctx.selector.keys()) {
      try {
        k.channel().close();
      } catch (IOException ignored) {
        // shutting down
      }
    }
    try {
      ctx.selector.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the loop and closes every socket; idempotent, waits up to 5 s. */
  @Override
  public void close() {
    running = false;
    if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
      closeAll();
      return;
    }
    ctx.selector.wakeup();
    try {
      stopped.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
