package io.swarmrtc.server.http;

import java.util.List;

/**
 * One RTCIceServer: URLs and, for TURN, the REST credential (null for STUN).
 *
 * @param urls       stun:/turn: URLs
 * @param username   TURN username, or null
 * @param credential TURN password, or null
 */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        urls = List.copyOf(urls);
    }
}
