package io.swarmrtc.stunturn.testing;

import io.swarmrtc.stunturn.auth.LongTermKey;
import io.swarmrtc.stunturn.codec.AttributeType;
import io.swarmrtc.stunturn.codec.ErrorCode;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.Nonce;
import io.swarmrtc.stunturn.codec.Realm;
import io.swarmrtc.stunturn.codec.RequestedTransport;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.Username;
import io.swarmrtc.stunturn.codec.XorRelayedAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A minimal STUN/TURN client over UDP for tests, built on our own codec. It remembers the realm
 * and nonce of the last challenge and signs requests with long-term credentials.
 */
public final class StunClient implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final Random random = new Random(7);
  private String username;
  private String password;
  private String realm;
  private String nonce;
  private boolean sha256;

  public StunClient(int serverPort) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.socket.setSoTimeout(3000);
    this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
  }

  public StunClient credentials(String username, String password) {
    this.username = username;
    this.password = password;
    return this;
  }

  /** Sign with MESSAGE-INTEGRITY-SHA256 instead of MESSAGE-INTEGRITY. */
  public StunClient useSha256(boolean on) {
    this.sha256 = on;
    return this;
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  public byte[] newTransactionId() {
    byte[] tx = new byte[12];
    random.nextBytes(tx);
    return tx;
  }

  public void sendRaw(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, server));
  }

  /** The next datagram, or null when none arrives within {@code timeoutMillis}. */
  public byte[] receiveRaw(int timeoutMillis) throws IOException {
    byte[] buf = new byte[70_000];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.setSoTimeout(timeoutMillis);
    try {
      socket.receive(p);
      return Arrays.copyOf(buf, p.getLength());
    } catch (SocketTimeoutException e) {
      return null;
    } finally {
      socket.setSoTimeout(3000);
    }
  }

  /** Sends a request and waits (3 s) for the response with its transaction id. */
  public StunMessage exchange(byte[] request) throws IOException {
    sendRaw(request);
    byte[] tx = Arrays.copyOfRange(request, 8, 20);
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < deadline) {
      byte[] d = receiveRaw(3000);
      if (d == null) {
        break;
      }
      if (d.length >= 20 && (d[0] & 0xC0) == 0 && Arrays.equals(d, 8, 20, tx, 0, 12)) {
        return StunMessage.decode(d, 0, d.length);
      }
    }
    throw new IOException("no response for the request");
  }

  /** A plain Binding request. */
  public byte[] bindingRequest() {
    return new StunMessageWriter(1500)
        .begin(StunMethod.BINDING, MessageClass.REQUEST, newTransactionId()).fingerprint()
        .toByteArray();
  }

  /**
   * Sends an authenticated request: fetches a challenge first if needed and retries once on
   * 438 with the fresh nonce, as a real client does.
   */
  public StunMessage request(int method, Consumer<StunMessageWriter> attributes) throws IOException {
    if (nonce == null) {
      challenge(method, attributes);
    }
    StunMessage r = exchange(signed(method, MessageClass.REQUEST, attributes));
    ErrorCode e = ErrorCode.read(r);
    if (e != null && e.code() == 438) {
      nonce = Nonce.read(r);
      r = exchange(signed(method, MessageClass.REQUEST, attributes));
    }
    return r;
  }

  /** Sends the request unsigned and records REALM and NONCE from the 401. */
  public StunMessage challenge(int method, Consumer<StunMessageWriter> attributes) throws IOException {
    StunMessageWriter w = new StunMessageWriter(1500)
        .begin(method, MessageClass.REQUEST, newTransactionId());
    attributes.accept(w);
    StunMessage r = exchange(w.toByteArray());
    realm = Realm.read(r);
    nonce = Nonce.read(r);
    return r;
  }

  /** An authenticated message with the current realm and nonce (no network). */
  public byte[] signed(int method, MessageClass cls, Consumer<StunMessageWriter> attributes) {
    StunMessageWriter w = new StunMessageWriter(70_000)
        .begin(method, cls, newTransactionId());
    attributes.accept(w);
    Username.write(w, username);
    Realm.write(w, realm);
    Nonce.write(w, nonce);
    byte[] key = LongTermKey.md5(username, realm, password);
    if (sha256) {
      w.messageIntegritySha256(key);
    } else {
      w.messageIntegrity(key);
    }
    return w.fingerprint().toByteArray();
  }

  /** A Send indication (unsigned, as RFC 8656 §10.1 has it) carrying {@code text}. */
  public byte[] signedIndication(InetSocketAddress peer, String text) {
    byte[] data = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new StunMessageWriter(70_000)
        .begin(StunMethod.SEND, MessageClass.INDICATION, newTransactionId())
        .attribute(AttributeType.XOR_PEER_ADDRESS, xorPeer(peer))
        .attribute(AttributeType.DATA, data).fingerprint().toByteArray();
  }

  private static byte[] xorPeer(InetSocketAddress peer) {
    StunMessageWriter w = new StunMessageWriter(100)
        .begin(StunMethod.SEND, MessageClass.INDICATION, new byte[12]);
    io.swarmrtc.stunturn.codec.XorPeerAddress.write(w, peer);
    return Arrays.copyOfRange(w.toByteArray(), 24, 32);
  }

  public String nonce() {
    return nonce;
  }

  public void nonce(String n) {
    nonce = n;
  }

  /** Allocate a UDP relay; returns the response. */
  public StunMessage allocate() throws IOException {
    return request(StunMethod.ALLOCATE, w -> RequestedTransport.write(w, RequestedTransport.UDP));
  }

  /** Allocate and return the relayed address, failing on an error response. */
  public InetSocketAddress allocateRelay() throws IOException {
    StunMessage r = allocate();
    if (r.messageClass() != MessageClass.SUCCESS_RESPONSE) {
      throw new IOException("allocate failed: " + ErrorCode.read(r));
    }
    return XorRelayedAddress.first(r);
  }

  public static int errorCode(StunMessage m) {
    ErrorCode e = ErrorCode.read(m);
    return e == null ? 0 : e.code();
  }

  public static boolean isSuccess(StunMessage m) {
    return m.messageClass() == MessageClass.SUCCESS_RESPONSE;
  }

  public static final int UNKNOWN_REQUIRED_ATTRIBUTE = 0x7F01;

  static {
    assert AttributeType.isComprehensionRequired(UNKNOWN_REQUIRED_ATTRIBUTE);
  }

  @Override
  public void close() {
    socket.close();
  }
}
