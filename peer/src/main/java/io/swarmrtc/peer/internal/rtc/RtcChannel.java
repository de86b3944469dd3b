package io.swarmrtc.peer.internal.rtc;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import io.swarmrtc.peer.internal.util.SerialExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data channel, with webrtc-java's quirks handled: received buffers are copied inside the
 * native callback and delivered on this channel's own serial executor (never blocking a native
 * thread); sends are exact-size arrays, paced by polling the buffered amount against watermarks;
 * every native call is guarded so nothing touches the channel after it is disposed.
 *
 * <p>Events reach the {@link Listener} in order: {@code onOpen}, messages, {@code onClose} (at most
 * once). Events that happen before {@link #setListener} is called are kept and replayed.
 *
 * <p>Received messages wait for the listener in memory bounded by {@link RtcConfig#incomingLimit()}:
 * a peer that overruns it is misbehaving (it ignores the protocol's flow control, or we are starved);
 * its further messages are discarded and the channel closes with a {@link #closeReason()}. Each
 * channel has its own bound, so one flooding peer never stalls the others.
 */
public final class RtcChannel implements DataChannelSender {
  private static final Logger LOG = LoggerFactory.getLogger(RtcChannel.class);

  /** Receives channel events on the channel's serial executor. */
  public interface Listener {
    default void onOpen(RtcChannel channel) {}

    void onMessage(RtcChannel channel, byte[] data, boolean binary);

    default void onClose(RtcChannel channel) {}
  }

  private record Pending(byte[] data, boolean binary, CompletableFuture<Void> done) {}

  private final RTCDataChannel channel;
  private final String label;
  private final RtcRuntime runtime;
  private final RtcConfig config;
  private final SerialExecutor events;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean pumpScheduled = new AtomicBoolean();
  private final AtomicLong undelivered = new AtomicLong(); // received bytes not yet taken by the listener
  private final AtomicBoolean overrun = new AtomicBoolean();
  private volatile String closeReason;
  private final List<Consumer<Listener>> backlog = new ArrayList<>();
  private Listener listener; // only touched on `events`
  private boolean opened; // only touched on `events`
  private boolean closeDelivered; // only touched on `events`
  private volatile boolean open;
  private volatile boolean closed;
  private boolean disposed; // guarded by this
  private boolean waitingForLow; // only touched by the pump (single timer thread)

  RtcChannel(RTCDataChannel channel, RtcRuntime runtime, RtcConfig config) {
    this.channel = channel;
    this.label = channel.getLabel();
    this.runtime = runtime;
    this.config = config;
    this.events = new SerialExecutor(runtime.events());
    channel.registerObserver(new NativeObserver());
    // A channel announced by the remote side may already be open before we observe it.
    events.execute(this::stateChanged);
  }

  /** Sets the listener; events that happened before are replayed to it first, in order. */
  public void setListener(Listener l) {
    events.execute(() -> {
      listener = l;
      List<Consumer<Listener>> earlier = new ArrayList<>(backlog);
      backlog.clear();
      earlier.forEach(e -> e.accept(l));
    });
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public boolean isOpen() {
    return open && !closed;
  }

  /** Why this channel was closed by us, or null (closed by the peer or by the caller, or open). */
  public String closeReason() {
    return closeReason;
  }

  @Override
  public long bufferedAmount() {
    return queuedBytes.get() + nativeBufferedAmount();
  }

  @Override
  public CompletableFuture<Void> send(byte[] message) {
    return enqueue(message, true);
  }

  @Override
  public CompletableFuture<Void> sendText(String text) {
    return enqueue(text.getBytes(StandardCharsets.UTF_8), false);
  }

  private CompletableFuture<Void> enqueue(byte[] data, boolean binary) {
    if (data.length > RtcConfig.MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException(
          "message of " + data.length + " bytes is over the channel limit of " + RtcConfig.MAX_MESSAGE_SIZE);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (queue) {
      if (closed) {
        return CompletableFuture.failedFuture(new RtcClosedException("channel " + label + " is closed"));
      }
      queue.add(new Pending(data, binary, done));
      queuedBytes.addAndGet(data.length);
    }
    requestPump(0);
    return done;
  }

  /** The peer overran the incoming bound: close now. */
  private void closeOverrun() {
    LOG.warn("closing channel {}: {}", label, closeReason);
    close();
  }

  /** Closes this channel (not the connection). Idempotent; pending sends fail. */
  public void close() {
    synchronized (this) {
      if (!disposed && !closed) {
        channel.close();
      }
    }
    events.execute(this::markClosed);
  }

  /**
   * Unregisters and disposes the native channel. Called by the connection after it closed the peer
   * connection and before the factory goes away. Idempotent.
   */
  void dispose() {
    synchronized (this) {
      if (disposed) {
        return;
      }
      disposed = true;
      channel.unregisterObserver();
      channel.dispose();
    }
    events.execute(this::markClosed);
  }

  private long nativeBufferedAmount() {
    synchronized (this) {
      return disposed ? 0 : channel.getBufferedAmount();
    }
  }

  private void stateChanged() {
    RTCDataChannelState state;
    synchronized (this) {
      state = disposed ? RTCDataChannelState.CLOSED : channel.getState();
    }
    if (state == RTCDataChannelState.OPEN && !opened && !closed) {
      opened = true;
      open = true;
      deliver(l -> l.onOpen(this));
      requestPump(0);
    } else if (state == RTCDataChannelState.CLOSING || state == RTCDataChannelState.CLOSED) {
      markClosed();
    }
  }

  /** Runs on {@code events}: fails pending sends and reports the close, once. */
  private void markClosed() {
    List<Pending> dropped;
    synchronized (queue) {
      closed = true;
      dropped = new ArrayList<>(queue);
      queue.clear();
      queuedBytes.set(0);
    }
    open = false;
    RtcClosedException cause = new RtcClosedException("channel " + label + " closed");
    dropped.forEach(p -> p.done.completeExceptionally(cause));
    if (!closeDelivered) {
      closeDelivered = true;
      deliver(l -> l.onClose(this));
    }
  }

  private void deliver(Consumer<Listener> event) {
    if (listener == null) {
      backlog.add(event);
    } else {
      event.accept(listener);
    }
  }

  private void requestPump(long delayNanos) {
    if (!pumpScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      if (delayNanos == 0) {
        runtime.timers().execute(this::pump);
      } else {
        runtime.timers().schedule(this::pump, delayNanos, TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException e) {
      pumpScheduled.set(false);
      events.execute(this::markClosed); // the runtime is gone
    }
  }

  /** Hands queued messages to the native channel while it is under the watermark. */
  private void pump() {
    pumpScheduled.set(false);
    if (!open) {
      return; // the open event pumps again
    }
    while (true) {
      Pending next;
      synchronized (queue) {
        next = queue.peek();
      }
      if (next == null) {
        return;
      }
      long buffered;
      boolean sent;
      synchronized (this) {
        if (disposed || closed) {
          return; // markClosed fails what is left
        }
        buffered = channel.getBufferedAmount();
        boolean blocked = waitingForLow
            ? buffered > config.lowWatermark()
            : buffered + next.data.length > config.highWatermark();
        if (blocked) {
          waitingForLow = true;
          sent = false;
        } else {
          waitingForLow = false;
          try {
            channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(next.data), next.binary));
            sent = true;
          } catch (Exception e) {
            LOG.debug("send on {} failed", label, e);
            sent = false;
            closed = true;
          }
        }
      }
      if (closed) {
        events.execute(this::markClosed);
        return;
      }
      if (!sent) {
        requestPump(config.bufferPollInterval().toNanos());
        return;
      }
      synchronized (queue) {
        queue.poll();
        queuedBytes.addAndGet(-next.data.length);
      }
      complete(next.done);
    }
  }

  /**
   * Completes a send's future. Most (a request, a HAVE, all but the last block of a batch) have no
   * dependent stage: they complete here, saving a thread hop per message; the others complete on
   * the events pool so that their stages never run on (and delay) this pump. A stage attached at
   * the very moment may still run here, which is why stages must not block.
   */
  private void complete(CompletableFuture<Void> done) {
    if (done.getNumberOfDependents() == 0) {
      done.complete(null);
      return;
    }
    try {
      runtime.events().execute(() -> done.complete(null));
    } catch (RejectedExecutionException e) {
      done.complete(null);
    }
  }

  /** Runs inside native callbacks: copy, hand off, return. */
  private final class NativeObserver implements RTCDataChannelObserver {
    @Override
    public void onBufferedAmountChange(long previousAmount) {
      // Never fires in 0.14.0; the pump polls instead.
    }

    @Override
    public void onStateChange() {
      events.execute(RtcChannel.this::stateChanged);
    }

    @Override
    public void onMessage(RTCDataChannelBuffer buffer) {
      ByteBuffer data = buffer.data;
      int size = data.remaining();
      if (overrun.get()) {
        return; // closing: a flood is not worth copying
      }
      long waiting = undelivered.addAndGet(size);
      if (waiting > config.incomingLimit()) {
        undelivered.addAndGet(-size);
        if (overrun.compareAndSet(false, true)) {
          closeReason = "the peer sent more than " + config.incomingLimit() + " bytes on channel " + label
              + " faster than they were taken (" + (waiting - size) + " waiting)";
          // Not on `events`: the slow listener that let the queue grow would delay the close.
          try {
            runtime.events().execute(RtcChannel.this::closeOverrun);
          } catch (RejectedExecutionException e) {
            // the runtime is gone: the channel is being torn down anyway
          }
        }
        return;
      }
      byte[] copy = new byte[size];
      data.get(copy);
      boolean binary = buffer.binary;
      events.execute(() -> {
        undelivered.addAndGet(-size);
        if (!overrun.get()) { // a peer being dropped for flooding gets nothing more delivered
          deliver(l -> l.onMessage(RtcChannel.this, copy, binary));
        }
      });
    }
  }
}
