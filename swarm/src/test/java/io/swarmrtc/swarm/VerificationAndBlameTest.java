package io.swarmrtc.swarm;

import static io.swarmrtc.swarm.Fixture.BLOCK;
import static io.swarmrtc.swarm.Fixture.commands;
import static io.swarmrtc.swarm.Fixture.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.protocol.swarm.GoodbyeCode;
import io.swarmrtc.protocol.swarm.SwarmMessage.Goodbye;
import io.swarmrtc.protocol.swarm.SwarmMessage.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conversation step 6: verify, store and announce, or discard and blame. */
class VerificationAndBlameTest {
  @Test
  void aVerifiedPieceIsStoredAndAnnouncedToEveryPeer() {
    Fixture f = new Fixture(2);
    SwarmSession s = f.downloader(16);
    List<Request> toX = sent(f.connect(s, "x", 0), "x", Request.class);
    f.connect(s, "y", true, 1);
    s.onMessage("x", f.answer(toX.get(0), false));
    List<SwarmCommand> done = s.onMessage("x", f.answer(toX.get(1), false));
    StoredPiece.assertStored(f, done, 0);
    assertEquals(1, sent(done, "x", io.swarmrtc.protocol.swarm.SwarmMessage.Have.class).size());
    assertEquals(1, sent(done, "y", io.swarmrtc.protocol.swarm.SwarmMessage.Have.class).size());
    assertTrue(s.have().get(0));
  }

  @Test
  void aCorruptPieceFromOnePeerBansThatPeerForTheRestOfTheDownload() {
    Fixture f = new Fixture(2);
    SwarmSession s = f.downloader(16);
    List<Request> toX = sent(f.connect(s, "x", 0), "x", Request.class);
    s.onMessage("x", f.answer(toX.get(0), true));
    List<SwarmCommand> failed = s.onMessage("x", f.answer(toX.get(1), false));
    assertEquals(List.of(), commands(failed, SwarmCommand.StorePiece.class), "a bad piece is never stored");
    assertEquals("x", commands(failed, SwarmCommand.PeerBanned.class).get(0).peerId());
    assertEquals(GoodbyeCode.BAD_PIECE, sent(failed, "x", Goodbye.class).get(0).code());
    assertEquals(1, commands(failed, SwarmCommand.Close.class).size());
    assertFalse(s.have().get(0));
    List<SwarmCommand> again = s.onPeerConnected("x");
    assertEquals(GoodbyeCode.BANNED, sent(again, "x", Goodbye.class).get(0).code(), "a banned peer is turned away");
    assertTrue(s.isBanned("x"));
  }

  @Test
  void aCorruptPieceFromSeveralPeersBansNobodyYetIsRefetchedFromOnePeerAndTheVerifiedPieceExposesTheLiar() {
    Fixture f = new Fixture(3);
    SwarmSession s = f.downloader(1);
    Request x1 = sent(f.connect(s, "x", f.all()), "x", Request.class).get(0);
    Request y1 = sent(f.connect(s, "y", f.all()), "y", Request.class).get(0);
    assertEquals(List.of(new Request(0, 0, BLOCK), new Request(0, BLOCK, BLOCK)), List.of(x1, y1), "both work on piece 0");

    assertEquals(List.of(new Request(1, 0, BLOCK)), sent(s.onMessage("x", f.answer(x1, false)), "x", Request.class));
    List<SwarmCommand> failed = s.onMessage("y", f.answer(y1, true));
    assertEquals(List.of(), commands(failed, SwarmCommand.PeerBanned.class), "a mixed failure bans nobody yet");
    assertEquals(List.of(new Request(1, BLOCK, BLOCK)), sent(failed, "y", Request.class), "y helps finish started piece 1");

    // piece 0 now comes whole from the first peer with a free slot: x
    assertEquals(List.of(new Request(0, 0, BLOCK)), sent(s.onMessage("x", f.answer(new Request(1, 0, BLOCK), false)), "x", Request.class));
    List<SwarmCommand> piece1 = s.onMessage("y", f.answer(new Request(1, BLOCK, BLOCK), false));
    StoredPiece.assertStored(f, piece1, 1);
    assertEquals(List.of(new Request(2, 0, BLOCK)), sent(piece1, "y", Request.class), "y may not touch pinned piece 0");
    assertEquals(List.of(new Request(0, BLOCK, BLOCK)), sent(s.onMessage("x", f.answer(new Request(0, 0, BLOCK), false)), "x", Request.class));
    List<SwarmCommand> piece0 = s.onMessage("x", f.answer(new Request(0, BLOCK, BLOCK), false));
    StoredPiece.assertStored(f, piece0, 0);
    List<String> banned = commands(piece0, SwarmCommand.PeerBanned.class).stream().map(SwarmCommand.PeerBanned::peerId).toList();
    assertEquals(List.of("y"), banned, "the verified piece shows y's block was wrong");
    assertEquals(GoodbyeCode.BAD_PIECE, sent(piece0, "y", Goodbye.class).get(0).code());
    assertFalse(s.isBanned("x"), "x only ever sent correct blocks");
  }
}
