package io.swarmrtc.protocol.swarm;

import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.manifest.ManifestFormatException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A share URL: {@code {origin}/download.html#room=<room>&content=<content id hex>}. Room and content
 * live in the fragment, so the server never learns what is shared.
 *
 * <pre>{@code
 * ShareLink link = ShareLink.parse("https://swarm.example/download.html#room=team-42&content=9f86...");
 * link.room();       // "team-42"
 * link.format();     // the same URL
 * }</pre>
 *
 * @param origin scheme and authority, optionally with a path prefix, without a trailing slash
 *     (for example {@code https://swarm.example} or {@code http://127.0.0.1:8080/app})
 * @param room 1-64 characters of {@code [A-Za-z0-9_-]} (as in signaling.md)
 * @param content the content id of the shared manifest
 */
public record ShareLink(String origin, String room, ContentId content) {
  /** The page a share URL opens. */
  public static final String PAGE = "/download.html";
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s@]+(/[^?#\\s]*)?");

  public ShareLink {
    if (origin == null || !ORIGIN.matcher(origin).matches() || origin.endsWith("/")) {
      throw new ShareLinkException("origin", "must be http(s)://host[:port][/prefix] without a trailing slash");
    }
    if (room == null || !ROOM.matcher(room).matches()) {
      throw new ShareLinkException("room", "must be 1-64 characters of [A-Za-z0-9_-]");
    }
    if (content == null) {
      throw new ShareLinkException("content", "is missing");
    }
  }

  /**
   * Parses a share URL. Fragment parameters may come in any order; unknown ones are ignored;
   * the content id may be upper- or lowercase.
   *
   * @throws ShareLinkException naming the part that is malformed
   */
  public static ShareLink parse(String url) {
    if (url == null || url.isBlank()) {
      throw new ShareLinkException("url", "is empty");
    }
    String trimmed = url.trim();
    int hash = trimmed.indexOf('#');
    if (hash < 0) {
      throw new ShareLinkException("url", "has no #room=...&content=... fragment");
    }
    String base = trimmed.substring(0, hash);
    if (!base.endsWith(PAGE)) {
      throw new ShareLinkException("path", "must end with " + PAGE);
    }
    String origin = base.substring(0, base.length() - PAGE.length());
    String room = null;
    String content = null;
    for (String param : trimmed.substring(hash + 1).split("&", -1)) {
      int eq = param.indexOf('=');
      String key = eq < 0 ? param : param.substring(0, eq);
      String value = eq < 0 ? "" : param.substring(eq + 1);
      if (key.equals("room")) {
        if (room != null) {
          throw new ShareLinkException("room", "appears twice");
        }
        room = value;
      } else if (key.equals("content")) {
        if (content != null) {
          throw new ShareLinkException("content", "appears twice");
        }
        content = value;
      }
    }
    if (room == null) {
      throw new ShareLinkException("room", "is missing");
    }
    if (content == null) {
      throw new ShareLinkException("content", "is missing");
    }
    ContentId id;
    try {
      id = ContentId.fromHex(content.toLowerCase(Locale.ROOT));
    } catch (ManifestFormatException e) {
      throw new ShareLinkException("content", "must be 64 hex characters");
    }
    return new ShareLink(origin, room, id);
  }

  /** The canonical URL: {@code origin + "/download.html#room=" + room + "&content=" + hex}. */
  public String format() {
    return origin + PAGE + "#room=" + room + "&content=" + content.hex();
  }
}
