package io.swarmrtc.e2e.nat;

import io.swarmrtc.peer.internal.mesh.MeshConfig;
import io.swarmrtc.peer.internal.mesh.MeshPeer;
import io.swarmrtc.peer.internal.mesh.PeerMesh;
import io.swarmrtc.peer.internal.rtc.PathInfo;
import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.signaling.IceServersClient;
import io.swarmrtc.peer.internal.signaling.SignalingConfig;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Java peer (module {@code peer}: signaling client, ICE servers from {@code /api/ice-servers},
 * webrtc-java) that a NAT test runs as a child JVM inside a home namespace. It joins a room, and
 * with the first peer that connects it receives {@code size} bytes on the swarm channel, then sends
 * {@code size} pseudo-random bytes back. It reports on stdout, one line per event, which
 * {@link JavaPeerProcess} reads:
 * <pre>
 * joined PEER_ID
 * connected PEER_ID
 * received SIZE SHA256
 * sent SIZE SHA256
 * path LOCAL_TYPE LOCAL_ADDRESS REMOTE_TYPE REMOTE_ADDRESS PROTOCOL   (every 0.5 s for a minute)
 * </pre>
 * Usage: {@code JavaPeerMain ORIGIN ROOM SIZE} (ORIGIN e.g. {@code http://198.51.100.1:8080}).
 */
public final class JavaPeerMain {

  private static final int CHUNK = 64 * 1024;

  private JavaPeerMain() {}

  public static void main(String[] args) throws Exception {
    String origin = args[0];
    String room = args[1];
    long size = Long.parseLong(args[2]);
    SignalingConfig signaling = SignalingConfig.builder(URI.create(origin.replaceFirst("^http", "ws") + "/ws"), room).build();
    IceServersClient ice = new IceServersClient(URI.create(origin + "/api/ice-servers"));
    MeshConfig config = new MeshConfig(signaling, RtcConfig.builder().build(), ice::fetch, Duration.ofSeconds(30));
    CountDownLatch received = new CountDownLatch(1);
    MeshPeer[] first = new MeshPeer[1];
    MessageDigest digest = sha256();
    long[] count = {0};
    PeerMesh mesh = new PeerMesh(config, new PeerMesh.Listener() {
      @Override
      public void onPeerConnected(MeshPeer peer) {
        synchronized (first) {
          if (first[0] == null) {
            first[0] = peer;
          }
        }
        say("connected " + peer.id());
      }

      @Override
      public void onSwarmMessage(MeshPeer peer, byte[] message) {
        digest.update(message);
        count[0] += message.length;
        if (count[0] >= size) {
          say("received " + count[0] + " " + HexFormat.of().formatHex(digest.digest()));
          received.countDown();
        }
      }

      @Override
      public void onClosed(Throwable cause) {
        say("closed " + cause);
      }
    });
    say("joined " + mesh.start().get(30, TimeUnit.SECONDS));
    if (!received.await(120, TimeUnit.SECONDS)) {
      say("timeout receiving");
      System.exit(2);
    }
    MeshPeer peer = first[0];
    MessageDigest sent = sha256();
    SplittableRandom random = new SplittableRandom(size);
    for (long offset = 0; offset < size; offset += CHUNK) {
      byte[] chunk = new byte[(int) Math.min(CHUNK, size - offset)];
      random.nextBytes(chunk);
      sent.update(chunk);
      peer.swarm().send(chunk).get(30, TimeUnit.SECONDS);
    }
    say("sent " + size + " " + HexFormat.of().formatHex(sent.digest()));
    // The path every half second (ICE may move from a relayed pair to a direct one), then stays in
    // the room until the test's Topology kills this process by PID.
    for (int i = 0; i < 120; i++) {
      PathInfo path = peer.path().get(10, TimeUnit.SECONDS);
      say("path " + path.localCandidateType() + " " + path.localAddress() + " " + path.remoteCandidateType()
          + " " + path.remoteAddress() + " " + path.protocol());
      Thread.sleep(500); // reporting interval, not synchronisation: the test waits on the lines
    }
    new CountDownLatch(1).await();
  }

  private static MessageDigest sha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256");
  }

  private static void say(String line) {
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }
}
