package io.swarmrtc.peer;

import java.net.URI;

/** Local files being served to a room; close to stop seeding. */
public interface Share extends AutoCloseable {
  /** The share URL: {@code {origin}/download.html#room=<room>&content=<content id>}. */
  URI url();

  /** The content id: 64 lowercase hex characters (SHA-256 of the manifest). */
  String contentId();

  @Override
  void close();
}
