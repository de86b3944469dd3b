package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.codec.AttributeType;
import io.swarmrtc.stunturn.codec.ErrorCode;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.Nonce;
import io.swarmrtc.stunturn.codec.Realm;
import io.swarmrtc.stunturn.codec.StunDecodeException;
import io.swarmrtc.stunturn.codec.StunHeader;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.UnknownAttributes;
import java.net.InetSocketAddress;
import java.util.function.IntPredicate;

/**
 * Decodes a STUN message and routes it through a table keyed by method and class to a small
 * handler. Malformed frames are dropped; malformed requests get 400; unknown
 * comprehension-required attributes 420 (after authentication for TURN methods, so an
 * unauthenticated client only ever sees a small 401). All error responses are built here.
 */
final class Dispatcher {
  /** A request or indication handler. */
  interface Handler {
    void handle(Exchange ex) throws TurnException;
  }

  private record Route(Handler handler, boolean authenticated) {}

  private static final IntPredicate KNOWN = t -> switch (t) {
    case AttributeType.USERNAME, AttributeType.MESSAGE_INTEGRITY,
        AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.REALM, AttributeType.NONCE,
        AttributeType.XOR_PEER_ADDRESS, AttributeType.DATA, AttributeType.LIFETIME,
        AttributeType.CHANNEL_NUMBER, AttributeType.REQUESTED_TRANSPORT,
        AttributeType.REQUESTED_ADDRESS_FAMILY, AttributeType.EVEN_PORT -> true;
    default -> false;
  };

  private final ServerContext ctx;
  private final Authenticator authenticator;
  /** Indexed by the 14-bit message type. */
  private final Route[] routes = new Route[1 << 14];

  Dispatcher(ServerContext ctx) {
    this.ctx = ctx;
    this.authenticator = new Authenticator(ctx);
    AllocationHandlers allocation = new AllocationHandlers(ctx);
    PeerHandlers peers = new PeerHandlers(ctx);
    route(StunMethod.BINDING, MessageClass.REQUEST, new BindingHandler(ctx), false);
    route(StunMethod.ALLOCATE, MessageClass.REQUEST, allocation::allocate, true);
    route(StunMethod.REFRESH, MessageClass.REQUEST, allocation::refresh, true);
    route(StunMethod.CREATE_PERMISSION, MessageClass.REQUEST, peers::createPermission, true);
    route(StunMethod.CHANNEL_BIND, MessageClass.REQUEST, peers::channelBind, true);
    route(StunMethod.SEND, MessageClass.INDICATION, peers::send, false);
  }

  private void route(int method, MessageClass c, Handler h, boolean authenticated) {
    routes[StunHeader.messageType(method, c)] = new Route(h, authenticated);
  }

  void onStun(byte[] b, int off, int len, InetSocketAddress from, ClientLink link) {
    StunMessage m;
    try {
      m = StunMessage.decode(b, off, len);
    } catch (StunDecodeException e) {
      ctx.counters.dropped();
      if (!e.isFramingError() && isRequest(b, off)) {
        sendBareBadRequest(b, off, from, link);
      }
      return;
    }
    Route route = routes[m.messageType()];
    MessageClass cls = m.messageClass();
    if (route == null) {
      ctx.counters.dropped();
      if (cls == MessageClass.REQUEST) { // RFC 8489 §6.3.1: unknown method -> 400
        sendError(new Exchange(m, from, link, ctx.now), new TurnException(TurnError.BAD_REQUEST));
      }
      return;
    }
    Exchange ex = new Exchange(m, from, link, ctx.now);
    try {
      if (route.authenticated) {
        authenticator.authenticate(ex);
      }
      int[] unknown = m.unknownComprehensionRequired(KNOWN);
      if (unknown.length > 0) {
        throw new TurnException(TurnError.UNKNOWN_ATTRIBUTE, unknown);
      }
      route.handler.handle(ex);
    } catch (TurnException e) {
      if (cls == MessageClass.REQUEST) {
        sendError(ex, e);
      } else {
        ctx.counters.dropped();
      }
    } catch (StunDecodeException e) {
      if (cls == MessageClass.REQUEST) {
        sendError(ex, new TurnException(TurnError.BAD_REQUEST));
      } else {
        ctx.counters.dropped();
      }
    }
  }

  private static boolean isRequest(byte[] b, int off) {
    int type = ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    return StunHeader.messageClass(type) == MessageClass.REQUEST;
  }

  /** Starts a success response; the handler adds attributes, then calls {@link #finish}. */
  StunMessageWriter beginSuccess(Exchange ex) {
    return ctx.writer.beginResponse(ex.message, MessageClass.SUCCESS_RESPONSE);
  }

  /** The one place errors become STUN error responses. */
  void sendError(Exchange ex, TurnException e) {
    TurnError error = e.error();
    StunMessageWriter w = ctx.writer.beginResponse(ex.message, MessageClass.ERROR_RESPONSE);
    ErrorCode.write(w, error.code(), error.reason());
    if (e.unknownAttributes() != null) {
      UnknownAttributes.write(w, e.unknownAttributes());
    }
    if (error.carriesChallenge()) {
      Realm.write(w, ctx.config.realm());
      Nonce.write(w, ctx.nonces.issue(ex.now));
      ex.key = null; // a challenge is never signed: the client's key is not established
    }
    ctx.counters.errorResponses = ctx.counters.errorResponses + 1;
    finish(ex, w);
  }

  /** Adds integrity (when authenticated) and FINGERPRINT, then sends. */
  static void finish(Exchange ex, StunMessageWriter w) {
    if (ex.key != null) {
      if (ex.sha256) {
        w.messageIntegritySha256(ex.key);
      } else {
        w.messageIntegrity(ex.key);
      }
    }
    w.fingerprint();
    ex.link.send(w.buffer(), 0, w.length(), ex.client);
  }

  /** 400 for a request whose header is sound but whose attributes are not. */
  private void sendBareBadRequest(byte[] b, int off, InetSocketAddress from, ClientLink link) {
    int type = ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    byte[] tx = new byte[12];
    System.arraycopy(b, off + 8, tx, 0, 12);
    StunMessageWriter w = ctx.writer.begin(StunHeader.method(type), MessageClass.ERROR_RESPONSE, tx);
    ErrorCode.write(w, TurnError.BAD_REQUEST.code(), TurnError.BAD_REQUEST.reason());
    w.fingerprint();
    ctx.counters.errorResponses = ctx.counters.errorResponses + 1;
    link.send(w.buffer(), 0, w.length(), from);
  }
}
