package io.swarmrtc.stunturn.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.swarmrtc.stunturn.StunTurnConfig;
import io.swarmrtc.stunturn.StunTurnServer;
import io.swarmrtc.stunturn.auth.RestCredentials;
import io.swarmrtc.stunturn.testing.TestServers;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two real webrtc-java peers that may only use relay candidates, with our server as their only
 * ICE server, move 4 MiB over a data channel; the bytes arrive intact, the selected pair is
 * relay/relay and our metrics show the relayed bytes. Runs in a network namespace
 * (scripts/in-netns.sh): libwebrtc needs the veth address 127.0.0.2 to gather at all.
 */
@Tag("netns")
class WebRtcThroughOurRelayTest {
  private static final int TOTAL = 4 * 1024 * 1024;
  private static final int CHUNK = 16 * 1024;
  private static final long HIGH_WATER = 1024 * 1024;

  @Test
  void aDataChannelOverRelayCandidatesOnlyMovesFourMebibytesIntactThroughOurServer()
      throws Exception {
    try (StunTurnServer turn = StunTurnServer.start(TestServers.loopbackPeers()
        .tcpPort(StunTurnConfig.DISABLED).userBytesPerSecond(0).build())) {
      HeadlessAudioDeviceModule audio = new HeadlessAudioDeviceModule();
      PeerConnectionFactory factory = new PeerConnectionFactory(audio);
      Peer a = new Peer("a");
      Peer b = new Peer("b");
      RTCDataChannel sendChannel = null;
      try {
        a.pc = factory.createPeerConnection(config(turn, "peer-a"), a.observer(b));
        b.pc = factory.createPeerConnection(config(turn, "peer-b"), b.observer(a));
        sendChannel = a.pc.createDataChannel("bulk", new RTCDataChannelInit());
        CompletableFuture<Void> open = new CompletableFuture<>();
        RTCDataChannel ch = sendChannel;
        ch.registerObserver(new RTCDataChannelObserver() {
          @Override public void onBufferedAmountChange(long previous) { }
          @Override public void onStateChange() {
            if (ch.getState() == RTCDataChannelState.OPEN) {
              open.complete(null);
            }
          }
          @Override public void onMessage(RTCDataChannelBuffer buffer) { }
        });

        RTCSessionDescription offer = create(o -> a.pc.createOffer(new RTCOfferOptions(), o));
        apply(o -> a.pc.setLocalDescription(offer, o));
        apply(o -> b.pc.setRemoteDescription(offer, o));
        b.remoteDescriptionSet();
        RTCSessionDescription answer = create(o -> b.pc.createAnswer(new RTCAnswerOptions(), o));
        apply(o -> b.pc.setLocalDescription(answer, o));
        apply(o -> a.pc.setRemoteDescription(answer, o));
        a.remoteDescriptionSet();

        open.get(30, TimeUnit.SECONDS);
        byte[] payload = new byte[TOTAL];
        new Random(42).nextBytes(payload);
        for (int off = 0; off < TOTAL; off += CHUNK) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (ch.getBufferedAmount() > HIGH_WATER) { // onBufferedAmountChange never fires
            if (System.nanoTime() > deadline) {
              throw new AssertionError("data channel stalled at " + off);
            }
            Thread.onSpinWait();
          }
          byte[] exact = new byte[Math.min(CHUNK, TOTAL - off)]; // send() ignores limits
          System.arraycopy(payload, off, exact, 0, exact.length);
          ch.send(new RTCDataChannelBuffer(ByteBuffer.wrap(exact), true));
        }
        byte[] received = b.received.get(60, TimeUnit.SECONDS);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(payload), MessageDigest.getInstance("SHA-256").digest(received));
        assertTrue(turn.metrics().relayedBytes() >= TOTAL,
            "our server relayed " + turn.metrics().relayedBytes() + " bytes");
        assertEquals("relay", selectedLocalCandidateType(a.pc));
      } finally {
        // Teardown order matters (design.md §3): PCs, channels, factory, audio module.
        if (a.pc != null) {
          a.pc.close();
        }
        if (b.pc != null) {
          b.pc.close();
        }
        for (RTCDataChannel c : new RTCDataChannel[] {sendChannel, b.channel}) {
          if (c != null) {
            c.unregisterObserver();
            c.dispose();
          }
        }
        factory.dispose();
        audio.dispose();
      }
    }
  }

  private static RTCConfiguration config(StunTurnServer turn, String peerId) {
    RestCredentials.Issued c = RestCredentials.issue(TestServers.SECRET, peerId,
        Clock.systemUTC(), Duration.ofHours(1));
    RTCIceServer server = new RTCIceServer();
    server.urls = List.of("turn:127.0.0.1:" + turn.udpPort() + "?transport=udp");
    server.username = c.username();
    server.password = c.password();
    RTCConfiguration config = new RTCConfiguration();
    config.iceServers = List.of(server);
    config.iceTransportPolicy = RTCIceTransportPolicy.RELAY;
    return config;
  }

  /**
   * The candidateType of the local candidate of the selected pair. libwebrtc fills in the transport's
   * selectedCandidatePairId (and the pair's nominated flag) a little after data already flows, so
   * this polls the stats until a selected pair shows up or the deadline passes.
   */
  private static String selectedLocalCandidateType(RTCPeerConnection pc) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
      pc.getStats(report::complete);
      java.util.Map<String, RTCStats> stats = report.get(10, TimeUnit.SECONDS).getStats();
      RTCStats pair = selectedPair(stats);
      if (pair != null) {
        RTCStats local = stats.get(String.valueOf(pair.getAttributes().get("localCandidateId")));
        return local == null ? "no local candidate" : String.valueOf(local.getAttributes().get("candidateType"));
      }
      if (System.nanoTime() > deadline) {
        return "no selected pair";
      }
      Thread.sleep(50); // polling the condition above, bounded by the deadline
    }
  }

  private static RTCStats selectedPair(java.util.Map<String, RTCStats> stats) {
    for (RTCStats s : stats.values()) {
      if (s.getType() == RTCStatsType.TRANSPORT) {
        Object id = s.getAttributes().get("selectedCandidatePairId");
        if (id != null && stats.containsKey(String.valueOf(id))) {
          return stats.get(String.valueOf(id));
        }
      }
    }
    for (RTCStats s : stats.values()) {
      if (s.getType() == RTCStatsType.CANDIDATE_PAIR
          && "succeeded".equals(String.valueOf(s.getAttributes().get("state")))
          && Boolean.TRUE.equals(s.getAttributes().get("nominated"))) {
        return s;
      }
    }
    return null;
  }

  private static RTCSessionDescription create(Consumer<CreateSessionDescriptionObserver> call)
      throws Exception {
    CompletableFuture<RTCSessionDescription> f = new CompletableFuture<>();
    call.accept(new CreateSessionDescriptionObserver() {
      @Override public void onSuccess(RTCSessionDescription d) { f.complete(d); }
      @Override public void onFailure(String error) { f.completeExceptionally(new AssertionError(error)); }
    });
    return f.get(10, TimeUnit.SECONDS);
  }

  private static void apply(Consumer<SetSessionDescriptionObserver> call) throws Exception {
    CompletableFuture<Void> f = new CompletableFuture<>();
    call.accept(new SetSessionDescriptionObserver() {
      @Override public void onSuccess() { f.complete(null); }
      @Override public void onFailure(String error) { f.completeExceptionally(new AssertionError(error)); }
    });
    f.get(10, TimeUnit.SECONDS);
  }

  /** One side: queues remote candidates until its remote description is set (design.md §3). */
  private static final class Peer {
    final String name;
    RTCPeerConnection pc;
    volatile RTCDataChannel channel;
    final CompletableFuture<byte[]> received = new CompletableFuture<>();
    private final List<RTCIceCandidate> pending = new ArrayList<>();
    private boolean remoteSet;
    private final ByteBuffer sink = ByteBuffer.allocate(TOTAL);

    Peer(String name) {
      this.name = name;
    }

    synchronized void addRemoteCandidate(RTCIceCandidate c) {
      if (remoteSet) {
        pc.addIceCandidate(c);
      } else {
        pending.add(c);
      }
    }

    synchronized void remoteDescriptionSet() {
      remoteSet = true;
      pending.forEach(pc::addIceCandidate);
      pending.clear();
    }

    PeerConnectionObserver observer(Peer other) {
      return new PeerConnectionObserver() {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
          other.addRemoteCandidate(candidate);
        }

        @Override
        public void onDataChannel(RTCDataChannel dc) {
          channel = dc;
          dc.registerObserver(new RTCDataChannelObserver() {
            @Override public void onBufferedAmountChange(long previous) { }
            @Override public void onStateChange() { }
            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
              synchronized (sink) { // copy now: the buffer is native memory
                if (buffer.data.remaining() > sink.remaining()) {
                  received.completeExceptionally(new AssertionError("more than sent"));
                  return;
                }
                sink.put(buffer.data);
                if (!sink.hasRemaining()) {
                  received.complete(sink.array());
                }
              }
            }
          });
        }
      };
    }
  }
}
