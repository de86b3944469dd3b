package io.swarmrtc.bench.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Load generator for the signaling server (bench/signaling/run.sh starts the server and this).
 * Phases: heap baseline (after a GC) -> latency baseline (2 peers, 100 msgs/s) -> connect N peers in
 * rooms of 2-8 -> heap after a GC -> relay offers at a fixed aggregate rate, measuring the one-way
 * relay latency (send and receive happen in this JVM, so System.nanoTime is comparable).
 */
public final class SignalingLoad {
    private static final int WARMUP_SECONDS = 3;
    private final int port;
    private final long serverPid;
    private final WebSocketClient client = new WebSocketClient();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    /** The phase being measured; receivers record into it. */
    private volatile LatencyRecorder recorder = new LatencyRecorder(System.nanoTime(), 0, 0);

    private SignalingLoad(int port, long serverPid) {
        this.port = port;
        this.serverPid = serverPid;
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        long pid = 0;
        int peers = 10_000;
        int rate = 5_000;
        int seconds = 30;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> pid = Long.parseLong(args[i + 1]);
                case "--peers" -> peers = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new SignalingLoad(port, pid).run(peers, rate, seconds);
        System.exit(0);
    }

    private void run(int peerCount, int rate, int seconds) throws Exception {
        client.getHttpClient().setMaxConnectionsPerDestination(1_000_000);
        client.getHttpClient().setMaxRequestsQueuedPerDestination(1_000_000);
        client.setIdleTimeout(Duration.ofMinutes(10));
        client.start();
        try {
            long heapIdle = serverHeapAfterGc();
            System.out.printf("server heap after GC, idle:          %,d bytes%n", heapIdle);

            List<List<Peer>> baselineRoom = connectRooms(2, new Random(1), 2);
            LatencyResult baseline = relay(baselineRoom, 100, 5 + WARMUP_SECONDS);
            closeAll(baselineRoom);
            System.out.printf("baseline (2 peers, 100 msgs/s):      p50 %.3f ms, p99 %.3f ms%n",
                    baseline.p50Ms(), baseline.p99Ms());

            long t0 = System.nanoTime();
            List<List<Peer>> rooms = connectRooms(peerCount, new Random(42), 8);
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            int connected = health("connectedPeers");
            System.out.printf("connected peers (server /health):    %,d in %,d rooms (%.1f s to connect and join)%n",
                    connected, rooms.size(), connectSeconds);
            long heapLoaded = serverHeapAfterGc();
            System.out.printf("server heap after GC, %,d peers:  %,d bytes -> %,d bytes per connection%n",
                    connected, heapLoaded, (heapLoaded - heapIdle) / Math.max(1, connected));

            double serverCpu0 = cpuSeconds(serverPid);
            double clientCpu0 = cpuSeconds(ProcessHandle.current().pid());
            LatencyResult load = relay(rooms, rate, seconds);
            double serverCpu = cpuSeconds(serverPid) - serverCpu0;
            double clientCpu = cpuSeconds(ProcessHandle.current().pid()) - clientCpu0;
            System.out.printf("relay at %,d msgs/s for %d s:        sent %,d, received %,d, %.0f msgs/s received%n",
                    rate, seconds, load.sent, load.received, load.receivedPerSecond);
            System.out.printf("relay latency under load:            p50 %.3f ms, p99 %.3f ms, max %.3f ms (%,d samples)%n",
                    load.p50Ms(), load.p99Ms(), load.maxMs(), load.samples);
            System.out.printf("where the tail is:                   %,d samples over %d ms, %,d of them sent in the worst "
                    + "100 ms window (at %.1f s); sender at most %.1f ms behind its schedule%n",
                    load.latency.slowSamples(), LatencyRecorder.SLOW_NANOS / 1_000_000, load.latency.slowInWorstWindow(),
                    load.latency.worstWindowSeconds(), load.latency.maxSenderLagNanos() / 1e6);
            System.out.printf("server pings seen while measuring:   %,d, at most %,d in one 100 ms window%n",
                    load.latency.pings(), load.latency.maxPingsPerWindow());
            System.out.printf("ratio load/baseline:                 p50 x%.2f, p99 x%.2f%n",
                    load.p50Ms() / baseline.p50Ms(), load.p99Ms() / baseline.p99Ms());
            System.out.printf("error messages received:             %,d%n", errors.get());
            System.out.printf("CPU during the relay phase:          server %.1f s (%.1f us per relayed message), "
                    + "load generator %.1f s, over %d s wall clock%n", serverCpu,
                    serverCpu * 1e6 / Math.max(1, load.received), clientCpu, seconds);
            System.out.printf("machine load average (1 min):        %s%n", loadAverage());
            System.out.printf("targets: 10,000 peers under 1 GiB heap: %s; p99 < 10 ms at 5,000 msgs/s: %s%n",
                    connected >= 10_000 && heapLoaded < (1L << 30) ? "met" : "NOT met (see figures)",
                    load.p99Ms() < 10 && load.receivedPerSecond >= 0.98 * 5_000 ? "met" : "NOT met (see figures)");
            closeAll(rooms);
        } finally {
            client.stop();
        }
    }

    /** Connects {@code count} peers into rooms of 2..maxRoom, at most 256 handshakes in flight. */
    private List<List<Peer>> connectRooms(int count, Random random, int maxRoom) throws Exception {
        List<List<Peer>> rooms = new ArrayList<>();
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<?>> joins = new ArrayList<>(count);
        int remaining = count;
        int roomNo = 0;
        String runId = Long.toString(System.nanoTime(), 36);
        while (remaining > 0) {
            int size = Math.min(remaining, 2 + random.nextInt(maxRoom - 1));
            if (remaining - size == 1) {
                size++;            // never leave a room of one
            }
            String room = "bench-" + runId + "-" + roomNo++;
            List<Peer> members = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Peer p = new Peer(room);
                members.add(p);
                inFlight.acquire();
                CompletableFuture<Session> connect = client.connect(p, URI.create("ws://127.0.0.1:" + port + "/ws"));
                joins.add(connect.thenCompose(s -> {
                    s.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}", Callback.NOOP);
                    return p.joined;
                }).whenComplete((v, e) -> inFlight.release()));
            }
            rooms.add(members);
            remaining -= size;
        }
        CompletableFuture.allOf(joins.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.MINUTES);
        return rooms;
    }

    private LatencyResult relay(List<List<Peer>> rooms, int rate, int seconds) throws Exception {
        long receivedBefore = received.get();
        Random random = new Random(7);
        long start = System.nanoTime();
        LatencyRecorder latency = new LatencyRecorder(start, rate * (seconds + 5), seconds);
        recorder = latency;
        boolean recording = false;
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long warm = start + TimeUnit.SECONDS.toNanos(Math.min(WARMUP_SECONDS, seconds - 1));
        long sent = 0;
        long receivedAtWarm = -1;
        long sentAtWarm = 0;
        // Paced sender: message k goes out at start + k/rate; we never send ahead of schedule.
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (!recording && now >= warm) {
                receivedAtWarm = received.get();
                sentAtWarm = sent;
                recording = true;
                latency.startRecording();
            }
            long due = (now - start) * rate / 1_000_000_000L;
            if (sent < due) {
                // Lateness of the oldest message still due: time a too-slow sender would hide.
                latency.senderLag(now - (start + sent * 1_000_000_000L / rate));
            }
            while (sent < due) {
                List<Peer> room = rooms.get(random.nextInt(rooms.size()));
                Peer from = room.get(random.nextInt(room.size()));
                Peer to = room.get(random.nextInt(room.size()));
                if (to == from) {
                    to = room.get((room.indexOf(from) + 1) % room.size());
                }
                // The send stamp is taken as the last step before the frame goes to the socket.
                from.session.sendText("{\"type\":\"offer\",\"to\":\"" + to.peerId + "\",\"sdp\":\"t="
                        + System.nanoTime() + "\"}", Callback.NOOP);
                sent++;
            }
            TimeUnit.MICROSECONDS.sleep(200);   // pacing of a load generator, not test synchronisation
        }
        double measuredSeconds = (System.nanoTime() - warm) / 1e9;
        latency.stopRecording();
        long receivedTotal = received.get() - receivedBefore;
        long receivedMeasured = received.get() - Math.max(receivedAtWarm, receivedBefore);
        LatencyRecorder.Summary summary = latency.summary();
        return new LatencyResult(sent, receivedTotal, receivedMeasured / measuredSeconds, summary.samples(), summary);
    }

    private void closeAll(List<List<Peer>> rooms) {
        for (List<Peer> room : rooms) {
            for (Peer p : room) {
                if (p.session != null) {
                    p.session.close(1000, "bench done", Callback.NOOP);
                }
            }
        }
    }

    /** User + system CPU seconds of a process, from /proc (Linux). */
    private static double cpuSeconds(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;   // utime, stime in USER_HZ (100)
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]
                    + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private long serverHeapAfterGc() throws Exception {
        if (serverPid > 0) {
            for (int i = 0; i < 2; i++) {
                new ProcessBuilder("jcmd", Long.toString(serverPid), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            }
        }
        long used = 0;
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    private int health(String field) throws Exception {
        String body = get("/health");
        int i = body.indexOf("\"" + field + "\":") + field.length() + 3;
        int j = i;
        while (j < body.length() && Character.isDigit(body.charAt(j))) {
            j++;
        }
        return Integer.parseInt(body.substring(i, j));
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private record LatencyResult(long sent, long received, double receivedPerSecond, int samples,
                                 LatencyRecorder.Summary latency) {
        double p50Ms() { return latency.p50Ms(); }
        double p99Ms() { return latency.p99Ms(); }
        double maxMs() { return latency.maxMs(); }
    }

    /** One signaling peer: joins its room, then records the latency of every offer it receives. */
    public final class Peer implements Session.Listener.AutoDemanding {
        final String room;
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        volatile Session session;
        volatile String peerId;

        Peer(String room) {
            this.room = room;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String text) {
            long now = System.nanoTime();
            if (text.startsWith("{\"type\":\"offer\"")) {
                received.incrementAndGet();
                int t = text.indexOf("\"sdp\":\"t=") + 9;
                recorder.record(Long.parseLong(text, t, text.indexOf('"', t), 10), now);
            } else if (text.startsWith("{\"type\":\"joined\"")) {
                int i = text.indexOf("\"peerId\":\"") + 10;
                peerId = text.substring(i, text.indexOf('"', i));
                joined.complete(null);
            } else if (text.startsWith("{\"type\":\"error\"")) {
                if (errors.incrementAndGet() <= 5) {
                    System.err.println("server error: " + text);
                }
                joined.completeExceptionally(new IllegalStateException(text));
            }
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            recorder.pinged(System.nanoTime());
            // Overriding this turns Jetty's automatic pong off: answer as it would.
            session.sendPong(payload, Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            joined.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            joined.completeExceptionally(cause);
        }
    }
}
