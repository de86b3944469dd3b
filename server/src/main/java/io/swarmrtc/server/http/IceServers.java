package io.swarmrtc.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmrtc.server.StunConfig;
import io.swarmrtc.server.auth.TurnCredentials;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The body of {@code GET /api/ice-servers}: STUN and TURN (UDP and TCP) URLs on the advertised host
 * with fresh REST-form TURN credentials. Pure: host, peer and time are passed in.
 */
public final class IceServers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final String FALLBACK_HOST = "127.0.0.1";
    /** The body when the server advertises no ICE servers (host candidates only). */
    public static final String NONE = "{\"iceServers\":[],\"ttl\":0}";

    private final StunConfig stun;
    private final TurnCredentials credentials;

    public IceServers(StunConfig stun) {
        this.stun = stun;
        this.credentials = new TurnCredentials(stun.turnSecret(), stun.turnTtl());
    }

    /** {"iceServers":[...],"ttl":seconds} for {@code peerId}, advertising {@code host}. */
    public String json(String host, String peerId, Instant now) {
        TurnCredentials.Credential c = credentials.issue(peerId, now);
        String hostPort = host + ":" + stun.port();
        ObjectNode root = JSON.createObjectNode();
        var servers = root.putArray("iceServers");
        servers.addObject().putArray("urls").add("stun:" + hostPort);
        ObjectNode turn = servers.addObject();
        turn.putArray("urls").add("turn:" + hostPort + "?transport=udp").add("turn:" + hostPort + "?transport=tcp");
        turn.put("username", c.username());
        turn.put("credential", c.credential());
        root.put("ttl", c.ttl().getSeconds());
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
