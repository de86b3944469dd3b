package io.swarmrtc.server.testing;

import io.swarmrtc.stunturn.auth.LongTermKey;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.Nonce;
import io.swarmrtc.stunturn.codec.Realm;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.Username;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A small STUN/TURN client for tests over real UDP or TCP sockets, built on the stun-turn codec:
 * sends a request, waits (3 s at most) for the response with the same transaction id, and signs
 * requests with long-term credentials once a 401 gave it REALM and NONCE.
 */
public final class StunProbe implements AutoCloseable {
    private static final int TIMEOUT_MS = 3000;
    private final DatagramSocket udp;
    private final Socket tcp;
    private final InetSocketAddress server;
    private final Random random = new Random(11);
    private String realm;
    private String nonce;

    private StunProbe(DatagramSocket udp, Socket tcp, InetSocketAddress server) {
        this.udp = udp;
        this.tcp = tcp;
        this.server = server;
    }

    /** A probe over UDP from an ephemeral loopback port. */
    public static StunProbe udp(int port) throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(TIMEOUT_MS);
        return new StunProbe(s, null, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** A probe over one TCP connection. */
    public static StunProbe tcp(int port) throws IOException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        Socket s = new Socket();
        s.connect(server, TIMEOUT_MS);
        s.setSoTimeout(TIMEOUT_MS);
        return new StunProbe(null, s, server);
    }

    /** "udp" or "tcp". */
    public static StunProbe over(String transport, int port) throws IOException {
        return transport.equals("tcp") ? tcp(port) : udp(port);
    }

    /** This end's address, as the server should see it in XOR-MAPPED-ADDRESS. */
    public InetSocketAddress localAddress() {
        return udp != null ? (InetSocketAddress) udp.getLocalSocketAddress()
                : (InetSocketAddress) tcp.getLocalSocketAddress();
    }

    public StunMessage binding() throws IOException {
        return exchange(new StunMessageWriter(1500)
                .begin(StunMethod.BINDING, MessageClass.REQUEST, transactionId()).fingerprint().toByteArray());
    }

    /** Sends the request unsigned (expecting a 401) and keeps its REALM and NONCE. */
    public StunMessage challenge(int method, Consumer<StunMessageWriter> attributes) throws IOException {
        StunMessageWriter w = new StunMessageWriter(1500).begin(method, MessageClass.REQUEST, transactionId());
        attributes.accept(w);
        StunMessage r = exchange(w.fingerprint().toByteArray());
        realm = Realm.read(r);
        nonce = Nonce.read(r);
        return r;
    }

    /** Sends the request signed with {@code username}/{@code password} and the last challenge's nonce. */
    public StunMessage signed(int method, String username, String password, Consumer<StunMessageWriter> attributes)
            throws IOException {
        if (nonce == null) {
            throw new IllegalStateException("call challenge() first");
        }
        StunMessageWriter w = new StunMessageWriter(70_000).begin(method, MessageClass.REQUEST, transactionId());
        attributes.accept(w);
        Username.write(w, username);
        Realm.write(w, realm);
        Nonce.write(w, nonce);
        w.messageIntegrity(LongTermKey.md5(username, realm, password));
        return exchange(w.fingerprint().toByteArray());
    }

    /** Sends an indication or any prepared message without waiting for an answer. */
    public void send(byte[] message) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(message, message.length, server));
        } else {
            OutputStream out = tcp.getOutputStream();
            out.write(message);
            out.flush();
        }
    }

    public String realm() {
        return realm;
    }

    private StunMessage exchange(byte[] request) throws IOException {
        send(request);
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] m = receive();
            if (m.length >= 20 && (m[0] & 0xC0) == 0 && Arrays.equals(m, 8, 20, request, 8, 20)) {
                return StunMessage.decode(m, 0, m.length);
            }
        }
        throw new IOException("no response to the request within " + TIMEOUT_MS + " ms");
    }

    private byte[] receive() throws IOException {
        if (udp != null) {
            byte[] buf = new byte[70_000];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (SocketTimeoutException e) {
                throw new IOException("no datagram within " + TIMEOUT_MS + " ms", e);
            }
            return Arrays.copyOf(buf, p.getLength());
        }
        // STUN over TCP: messages back to back, each 20 header bytes plus the header's length field.
        DataInputStream in = new DataInputStream(tcp.getInputStream());
        byte[] header = new byte[20];
        in.readFully(header);
        int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        byte[] message = Arrays.copyOf(header, 20 + length);
        in.readFully(message, 20, length);
        return message;
    }

    private byte[] transactionId() {
        byte[] tx = new byte[12];
        random.nextBytes(tx);
        return tx;
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        } else {
            tcp.close();
        }
    }
}
