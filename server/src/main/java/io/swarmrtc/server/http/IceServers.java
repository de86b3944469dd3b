package io.swarmrtc.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmrtc.server.StunConfig;
import io.swarmrtc.server.auth.TurnCredentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code GET /api/ice-servers}, honest about what listens: a {@code stun:} URL and
 * TURN over UDP only when the embedded server's UDP port is bound, TURN over TCP only when its TCP
 * port is, each with the actually bound port; or the configured {@code --ice-urls} instead; or
 * nothing. TURN entries carry fresh REST credentials. Pure: host, peer and time are passed in.
 */
public final class IceServers {
    /** Port value for "this transport is not listening". */
    public static final int NOT_LISTENING = -1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final String FALLBACK_HOST = "127.0.0.1";
    /** The body when the server advertises no ICE servers (host candidates only). */
    public static final String NONE = "{\"iceServers\":[],\"ttl\":0}";

    private final StunConfig stun;
    private final int udpPort;
    private final int tcpPort;
    private final TurnCredentials credentials;

    /** {@code udpPort}/{@code tcpPort}: the embedded server's bound ports, or {@link #NOT_LISTENING}. */
    public IceServers(StunConfig stun, int udpPort, int tcpPort) {
        this.stun = stun;
        this.udpPort = udpPort;
        this.tcpPort = tcpPort;
        this.credentials = new TurnCredentials(stun.turnSecret(), stun.turnTtl());
    }

    /** The RTCIceServer list for {@code peerId}, advertising {@code host}. */
    public List<IceServer> list(String host, String peerId, Instant now) {
        List<String> stunUrls = new ArrayList<>();
        List<String> turnUrls = new ArrayList<>();
        if (!stun.iceUrls().isEmpty()) {
            for (String url : stun.iceUrls()) {
                (url.startsWith("stun") ? stunUrls : turnUrls).add(url);
            }
        } else {
            if (udpPort != NOT_LISTENING) {
                stunUrls.add("stun:" + host + ":" + udpPort);
                turnUrls.add("turn:" + host + ":" + udpPort + "?transport=udp");
            }
            if (tcpPort != NOT_LISTENING) {
                turnUrls.add("turn:" + host + ":" + tcpPort + "?transport=tcp");
            }
        }
        List<IceServer> servers = new ArrayList<>();
        if (!stunUrls.isEmpty()) {
            servers.add(new IceServer(stunUrls, null, null));
        }
        if (!turnUrls.isEmpty()) {
            TurnCredentials.Credential c = credentials.issue(peerId, now);
            servers.add(new IceServer(turnUrls, c.username(), c.credential()));
        }
        return servers;
    }

    /** {"iceServers":[...],"ttl":seconds} for {@code peerId}, advertising {@code host}. */
    public String json(String host, String peerId, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode servers = root.putArray("iceServers");
        for (IceServer s : list(host, peerId, now)) {
            ObjectNode entry = servers.addObject();
            ArrayNode urls = entry.putArray("urls");
            s.urls().forEach(urls::add);
            if (s.username() != null) {
                entry.put("username", s.username());
                entry.put("credential", s.credential());
            }
        }
        root.put("ttl", stun.turnTtl().getSeconds());
        return root.toString();
    }

    /**
     * The host to advertise: the configured public host, else the host name of the request's Host
     * header (port removed, IPv6 literals kept in brackets) when it looks like a host, else 127.0.0.1.
     */
    public static String advertisedHost(String publicHost, String hostHeader) {
        if (publicHost != null) {
            return publicHost;
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return FALLBACK_HOST;
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            String literal = end < 0 ? h : h.substring(0, end + 1);
            return IPV6_LITERAL.matcher(literal).matches() ? literal : FALLBACK_HOST;
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return HOST_NAME.matcher(name).matches() ? name : FALLBACK_HOST;
    }
}
