package io.swarmrtc.stunturn.server;

import io.swarmrtc.stunturn.auth.CredentialStore;
import io.swarmrtc.stunturn.auth.NonceService;
import io.swarmrtc.stunturn.codec.MessageIntegrity;
import io.swarmrtc.stunturn.codec.MessageIntegritySha256;
import io.swarmrtc.stunturn.codec.Nonce;
import io.swarmrtc.stunturn.codec.Realm;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.Username;

/**
 * Long-term credential checks of RFC 8489 §9.2.4, in the RFC's order: no integrity -> 401;
 * missing USERNAME/REALM/NONCE -> 400; stale or forged nonce -> 438; unknown user, expired REST
 * credential, wrong realm or bad integrity -> 401. MESSAGE-INTEGRITY-SHA256 wins when both are
 * present; the response then uses the same algorithm.
 */
final class Authenticator {
  private final ServerContext ctx;

  Authenticator(ServerContext ctx) {
    this.ctx = ctx;
  }

  void authenticate(Exchange ex) throws TurnException {
    StunMessage m = ex.message;
    boolean sha256 = m.hasMessageIntegritySha256();
    if (!sha256 && !m.hasMessageIntegrity()) {
      throw new TurnException(TurnError.UNAUTHORIZED);
    }
    String username = Username.read(m);
    String realm = Realm.read(m);
    String nonce = Nonce.read(m);
    if (username == null || realm == null || nonce == null) {
      throw new TurnException(TurnError.BAD_REQUEST);
    }
    if (ctx.nonces.check(nonce, ex.now) != NonceService.Verdict.VALID) {
      throw new TurnException(TurnError.STALE_NONCE);
    }
    if (!realm.equals(ctx.config.realm())) {
      throw new TurnException(TurnError.UNAUTHORIZED);
    }
    CredentialStore.Lookup found = ctx.credentials.lookup(username, Math.floorDiv(ex.now, 1000));
    if (!found.found()) {
      throw new TurnException(TurnError.UNAUTHORIZED);
    }
    boolean ok = sha256 ? MessageIntegritySha256.verify(m, found.key())
        : MessageIntegrity.verify(m, found.key());
    if (!ok) {
      throw new TurnException(TurnError.UNAUTHORIZED);
    }
    ex.authenticated(username, found.key(), sha256);
  }
}
