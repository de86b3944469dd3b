package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.codec.StunMessage;
import java.net.InetSocketAddress;

/** One request being handled: the message, where it came from, and who it authenticated as. */
final class Exchange {
  final StunMessage message;
  final InetSocketAddress client;
  final ClientLink link;
  final long now;
  String username;
  byte[] key;
  boolean sha256;

  Exchange(StunMessage message, InetSocketAddress client, ClientLink link, long now) {
    this.message = message;
    this.client = client;
    this.link = link;
    this.now = now;
  }

  Object allocationKey() {
    return link.allocationKey(client);
  }

  void authenticated(String username, byte[] key, boolean sha256) {
    this.username = username;
    this.key = key;
    this.sha256 = sha256;
  }
}
