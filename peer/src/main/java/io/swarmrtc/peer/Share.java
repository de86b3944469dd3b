package io.swarmrtc.peer;

import java.net.URI;

/**
 * Local files being served to a room, from {@link SwarmClient#share}; close to stop seeding.
 *
 * <pre>{@code
 * try (Share s = client.share(List.of(Path.of("movie.mkv")))) {
 *   System.out.println(s.url());   // hand this out; browsers open it, `swarmrtc-peer get URL` too
 *   ...
 * }
 * }</pre>
 */
public interface Share extends AutoCloseable {
  /** The share URL: {@code {origin}/download.html#room=<room>&content=<content id>}. */
  URI url();

  /** The content id: 64 lowercase hex characters (SHA-256 of the manifest). */
  String contentId();

  /** This peer's id in the room. */
  String peerId();

  /** The room the share lives in. */
  String room();

  /** What was uploaded so far and to whom. */
  TransferStats stats();

  /** Leaves the room. Idempotent. */
  @Override
  void close();
}
