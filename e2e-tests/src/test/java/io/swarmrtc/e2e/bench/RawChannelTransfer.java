package io.swarmrtc.e2e.bench;

import io.swarmrtc.e2e.harness.Chromium;
import java.time.Duration;
import java.util.Map;

/**
 * The baseline the swarm is measured against: raw sends of one fixed message over the library's
 * mesh and Channel (same signaling, same backpressure) from one page to another, with no file, no
 * requests, no hashing and no storage. Each page must have the app open (/index.html).
 */
final class RawChannelTransfer {

  private RawChannelTransfer() {}

  /** The receiver joins {@code room} and counts what arrives on the swarm channel. */
  static void receive(Chromium receiver, String room, long size) {
    receiver.call("""
        const { PeerMesh } = await import('/lib/mesh.js');
        const mesh = new PeerMesh({ room: arguments[0] });
        window.raw = { mesh, received: 0, first: 0, last: 0 };
        mesh.on('channel', ({ label, channel }) => {
          if (label !== 'swarm') return;
          channel.on('message', (m) => {
            const r = window.raw;
            if (r.received === 0) r.first = performance.now();
            r.received += m.byteLength;
            if (r.received >= arguments[1]) r.last = performance.now();
          });
        });
        await mesh.join();
        """, Duration.ofSeconds(10), room, size);
  }

  /** The sender joins {@code room} and starts sending {@code size} bytes in messages of {@code messageBytes}. */
  static void send(Chromium sender, String room, long size, int messageBytes) {
    sender.call("""
        const { PeerMesh } = await import('/lib/mesh.js');
        const mesh = new PeerMesh({ room: arguments[0] });
        window.raw = { mesh };
        const opened = new Promise((resolve) => mesh.on('channel', ({ label, channel }) => {
          if (label !== 'swarm') return;
          if (channel.readyState === 'open') resolve(channel); else channel.on('open', () => resolve(channel));
        }));
        await mesh.join();
        const channel = await opened;
        const block = new Uint8Array(arguments[2]);
        for (let i = 0; i < block.length; i += 65536) crypto.getRandomValues(block.subarray(i, i + 65536));
        (async () => { for (let sent = 0; sent < arguments[1]; sent += block.length) await channel.send(block); })();
        """, Duration.ofSeconds(20), room, size, messageBytes);
  }

  /** Waits for every byte; returns the receiver's first-to-last-byte time in milliseconds. */
  static double awaitMillis(Chromium receiver, Duration timeout) {
    Map<?, ?> r = (Map<?, ?>) receiver.waitForJs(
        "const r = window.raw; return r.last ? { ms: r.last - r.first } : null",
        "return JSON.stringify({ received: window.raw.received })", timeout, "the raw transfer");
    return ((Number) r.get("ms")).doubleValue();
  }

  static void close(Chromium... pages) {
    for (Chromium c : pages) {
      c.js("window.raw.mesh.close()");
    }
  }
}
