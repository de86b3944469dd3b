package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestCodec;
import io.swarmrtc.protocol.manifest.ManifestFormatException;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.protocol.swarm.SwarmMessage.ManifestData;
import io.swarmrtc.protocol.swarm.SwarmMessage.ManifestRequest;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * Getting the manifest of a content id from peers (one peer at a time, chunk after chunk, checked
 * against the content id at the end) and serving ours (docs/swarm-protocol.md, Conversation steps 2-3).
 */
final class ManifestExchange {
  /** What an incoming MANIFEST_DATA led to. */
  sealed interface Outcome {}

  /** Ask for the next chunk (already sent). */
  record MoreToCome() implements Outcome {}

  /** The manifest is complete and matches the content id. */
  record Complete(Manifest manifest) implements Outcome {}

  /** The peer broke the protocol or sent a manifest that is not this content. */
  record Failed(int goodbyeCode, String reason) implements Outcome {}

  private final ContentId contentId;
  private final Outbox out;
  private ManifestFetch fetch;

  ManifestExchange(ContentId contentId, Outbox out) {
    this.contentId = contentId;
    this.out = out;
  }

  /** The chunk of our manifest at {@code offset}, or null if the offset is past the end. */
  static ManifestData chunk(byte[] manifestBytes, int offset) {
    if (offset > manifestBytes.length) {
      return null;
    }
    int n = Math.min(SwarmMessage.MAX_MANIFEST_CHUNK, manifestBytes.length - offset);
    return new ManifestData(manifestBytes.length, offset, ByteBuffer.wrap(manifestBytes, offset, n).slice());
  }

  boolean isFetchingFrom(String peerId) {
    return fetch != null && fetch.peer.equals(peerId);
  }

  /** Starts fetching from the first handshaken peer that has the manifest, unless a fetch runs. */
  void start(Collection<PeerState> peers, long now) {
    if (fetch != null) {
      return;
    }
    for (PeerState p : peers) {
      if (p.handshaken && p.hasManifest) {
        fetch = new ManifestFetch(p.id(), now);
        out.send(p.id(), new ManifestRequest(0));
        return;
      }
    }
  }

  /** Gives up on the current source (it left or fell silent). The caller starts again. */
  void abandon() {
    fetch = null;
  }

  /** The peer we fetch from when it has made no progress for {@code timeoutMs}, else null. */
  String silentSource(long now, long timeoutMs) {
    return fetch != null && now - fetch.lastProgress >= timeoutMs ? fetch.peer : null;
  }

  /** A MANIFEST_DATA from {@code peerId}. */
  Outcome onData(String peerId, ManifestData d, long now) {
    if (!isFetchingFrom(peerId)) {
      return new Failed(io.swarmrtc.protocol.swarm.GoodbyeCode.PROTOCOL_VIOLATION, "unrequested MANIFEST_DATA");
    }
    int next;
    try {
      next = fetch.accept(d);
    } catch (IllegalArgumentException e) {
      return new Failed(io.swarmrtc.protocol.swarm.GoodbyeCode.PROTOCOL_VIOLATION, "MANIFEST_DATA: " + e.getMessage());
    }
    if (next >= 0) {
      fetch.lastProgress = now;
      out.send(peerId, new ManifestRequest(next));
      return new MoreToCome();
    }
    byte[] bytes = fetch.bytes();
    fetch = null;
    if (ContentId.ofCanonicalBytes(bytes).equals(contentId)) {
      try {
        return new Complete(ManifestCodec.decode(bytes));
      } catch (ManifestFormatException e) {
        // falls through: not this content
      }
    }
    return new Failed(io.swarmrtc.protocol.swarm.GoodbyeCode.WRONG_CONTENT, "manifest does not match the content id");
  }
}
