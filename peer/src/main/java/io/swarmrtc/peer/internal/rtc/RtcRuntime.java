package io.swarmrtc.peer.internal.rtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.swarmrtc.peer.internal.util.DaemonThreads;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide webrtc-java state: one {@link PeerConnectionFactory} on a
 * {@link HeadlessAudioDeviceModule} (the default one aborts the JVM without PulseAudio), the pools
 * that run our callbacks, and the registry of live connections.
 *
 * <p>Reference counted: {@link #acquire()} creates the factory on first use, the last
 * {@link #release()} tears it down, so the native threads end and the JVM can exit. A shutdown hook
 * does the same teardown if the process exits while something still holds it. Teardown order is
 * strict because touching a peer connection or channel after {@code factory.dispose()} crashes the
 * JVM: close every connection (which closes its PC, then unregisters and disposes its channels),
 * then dispose the factory, then the audio module.
 */
public final class RtcRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(RtcRuntime.class);
  private static final Object LOCK = new Object();
  private static RtcRuntime current;
  private static boolean hookInstalled;

  private final PeerConnectionFactory factory;
  private final HeadlessAudioDeviceModule audio;
  private final ExecutorService events = Executors.newCachedThreadPool(new DaemonThreads("rtc-events"));
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(new DaemonThreads("rtc-timers"));
  private final Set<RtcConnection> connections = new LinkedHashSet<>();
  private int refs;
  private volatile boolean disposed;

  private RtcRuntime() {
    audio = new HeadlessAudioDeviceModule();
    factory = new PeerConnectionFactory(audio);
  }

  /** Returns the shared runtime, creating it if needed. Pair every call with {@link #release()}. */
  public static RtcRuntime acquire() {
    synchronized (LOCK) {
      if (!hookInstalled) {
        Runtime.getRuntime().addShutdownHook(new Thread(RtcRuntime::shutdownNow, "rtc-shutdown"));
        hookInstalled = true;
      }
      if (current == null) {
        current = new RtcRuntime();
      }
      current.refs++;
      return current;
    }
  }

  /** Drops one reference; the last one tears everything down. Extra calls are ignored. */
  public void release() {
    synchronized (LOCK) {
      if (disposed || refs == 0) {
        return;
      }
      if (--refs == 0) {
        teardown();
      }
    }
  }

  /** Whether the factory is alive (false after the last release). */
  public boolean isAlive() {
    return !disposed;
  }

  /** Tears down the current runtime regardless of references (shutdown hook, tests). */
  static void shutdownNow() {
    synchronized (LOCK) {
      if (current != null) {
        current.teardown();
      }
    }
  }

  private void teardown() {
    // Caller holds LOCK.
    if (disposed) {
      return;
    }
    List<RtcConnection> live;
    synchronized (connections) {
      disposed = true; // no new connections from here on
      live = new ArrayList<>(connections);
    }
    for (RtcConnection c : live) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.warn("closing a connection during teardown failed", e);
      }
    }
    if (current == this) {
      current = null;
    }
    factory.dispose();
    audio.dispose();
    timers.shutdownNow();
    events.shutdown();
  }

  PeerConnectionFactory factory() {
    return factory;
  }

  /** The shared pool our callbacks run on (daemon threads). */
  public ExecutorService events() {
    return events;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  /** Registers a connection; false if the runtime is already disposed (caller must not create). */
  boolean register(RtcConnection c) {
    synchronized (connections) {
      if (disposed) {
        return false;
      }
      connections.add(c);
      return true;
    }
  }

  void unregister(RtcConnection c) {
    synchronized (connections) {
      connections.remove(c);
    }
  }

  /** Runs {@code action} while the factory is guaranteed alive; false if it is already disposed. */
  boolean withFactory(Runnable action) {
    synchronized (LOCK) {
      if (disposed) {
        return false;
      }
      action.run();
      return true;
    }
  }
}
