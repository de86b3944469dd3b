package io.swarmrtc.server.bench;

import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.protocol.signal.Joined;
import io.swarmrtc.protocol.signal.RelayMessage;
import io.swarmrtc.protocol.signal.SignalCodec;
import io.swarmrtc.protocol.signal.SignalException;
import io.swarmrtc.server.rooms.Outcome;
import io.swarmrtc.server.rooms.RandomIds;
import io.swarmrtc.server.rooms.RoomRegistry;
import io.swarmrtc.server.rooms.RoomRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the server itself does for one relayed message (decode and validate the client's frame,
 * route it in the room registry, encode the frame for the addressee) against its floor: UTF-8
 * encoding the frame once, which Jetty does for every text frame it sends anyway. Frames: the
 * signaling benchmark's small offer, a browser-sized SDP offer and an ICE candidate. Run with
 * bench/signaling/jmh.sh; compare with the server CPU per relayed message of bench/signaling/run.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RelayHotPathBenchmark {
    @Param({"bench-offer", "sdp-offer", "candidate"})
    public String frame;

    private RoomRegistry<Object> rooms;
    private Object sender;
    private String text;

    @Setup
    public void setUp() {
        rooms = new RoomRegistry<>(new RoomRules(32, Duration.ofSeconds(10), 64), Clock.systemUTC(),
                new RandomIds(new Random(1)));
        sender = new Object();
        rooms.join(sender, Join.room("bench"));
        Outcome<Object> joined = rooms.join(new Object(), Join.room("bench"));
        String to = ((Joined) joined.deliveries().get(0).message()).peerId();
        text = switch (frame) {
            case "bench-offer" -> "{\"type\":\"offer\",\"to\":\"" + to + "\",\"sdp\":\"t=123456789012345\"}";
            case "sdp-offer" -> "{\"type\":\"offer\",\"to\":\"" + to + "\",\"sdp\":\"" + sdp() + "\"}";
            case "candidate" -> "{\"type\":\"candidate\",\"to\":\"" + to + "\",\"candidate\":{\"candidate\":"
                    + "\"candidate:1 1 udp 2122260223 127.0.0.2 49152 typ host generation 0\",\"sdpMid\":\"0\","
                    + "\"sdpMLineIndex\":0,\"usernameFragment\":\"a1b2\"}}";
            default -> throw new IllegalArgumentException(frame);
        };
    }

    @Benchmark
    public byte[] baselineUtf8EncodeFrame() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public String relay() throws SignalException {
        RelayMessage message = (RelayMessage) SignalCodec.decodeFromClient(text);
        Outcome<Object> outcome = rooms.relay(sender, message);
        return SignalCodec.encode(outcome.deliveries().get(0).message());
    }

    /** About the size of a browser's data-channel-only offer (~2 KB, escaped CRLFs). */
    private static String sdp() {
        StringBuilder sdp = new StringBuilder("v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n"
                + "a=group:BUNDLE 0\\r\\na=extmap-allow-mixed\\r\\na=msid-semantic: WMS\\r\\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\\r\\nc=IN IP4 0.0.0.0\\r\\n");
        for (int i = 0; i < 12; i++) {
            sdp.append("a=candidate:").append(i).append(" 1 udp 2122260223 127.0.0.").append(i)
                    .append(" 5").append(1000 + i).append(" typ host generation 0 network-id 1\\r\\n");
        }
        sdp.append("a=ice-ufrag:a1b2\\r\\na=ice-pwd:abcdefghijklmnopqrstuvwx\\r\\na=ice-options:trickle\\r\\n"
                + "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:"
                + "88:99:AA:BB:CC:DD:EE:FF\\r\\na=setup:actpass\\r\\na=mid:0\\r\\na=sctp-port:5000\\r\\n"
                + "a=max-message-size:262144\\r\\n");
        return sdp.toString();
    }
}
