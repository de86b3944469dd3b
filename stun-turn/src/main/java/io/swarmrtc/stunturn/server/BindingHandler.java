package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.codec.Software;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.XorMappedAddress;

/**
 * Binding (RFC 8489 §7.3): XOR-MAPPED-ADDRESS, SOFTWARE, FINGERPRINT. Unauthenticated, so the
 * response stays small: with the short default SOFTWARE it is 52 bytes for IPv4.
 */
final class BindingHandler implements Dispatcher.Handler {
  private final ServerContext ctx;

  BindingHandler(ServerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handle(Exchange ex) {
    StunMessageWriter w = ctx.writer.beginResponse(ex.message,
        io.swarmrtc.stunturn.codec.MessageClass.SUCCESS_RESPONSE);
    XorMappedAddress.write(w, ex.client);
    w.attribute(Software.TYPE, ctx.software);
    ctx.counters.bindings = ctx.counters.bindings + 1;
    Dispatcher.finish(ex, w);
  }
}
