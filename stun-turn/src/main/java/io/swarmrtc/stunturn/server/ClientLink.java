package io.swarmrtc.stunturn.server;

import java.net.InetSocketAddress;

/** The way back to a client: the UDP listener (one for all clients) or one TCP connection. */
interface ClientLink {
  /** Sends one STUN message or ChannelData frame; drops it when the path is congested. */
  void send(byte[] b, int off, int len, InetSocketAddress client);

  /** The allocation key of this client's 5-tuple. */
  Object allocationKey(InetSocketAddress client);

  /** TCP: ChannelData must be padded to 4 bytes. */
  boolean isStream();
}
