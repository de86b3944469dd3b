package io.swarmrtc.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmrtc.peer.IceFailureCause;
import io.swarmrtc.peer.PeerStats;
import io.swarmrtc.peer.PeerStats.Route;
import io.swarmrtc.peer.SwarmNotice;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerPathLinesTest {
  private static final String ALICE = "Q2hhbmdlTWVQbGVhc2UxMg";
  private static final String BOB = "aGVsbG8td29ybGQtaGVsbG8";

  private static PeerStats peer(String id, Route route, String local, String remote, String protocol) {
    return new PeerStats(id, route, local, remote, protocol, 0, 0);
  }

  @ParameterizedTest(name = "{0} via {1} -> {2} over {3} reads \"{4}\"")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "DIRECT|host|srflx|udp|direct (host -> srflx, udp)",
      "RELAYED|relay|host|udp|relayed (relay -> host, udp)",
      "RELAYED|host|relay|tcp|relayed (host -> relay, tcp)",
      "DIRECT|prflx|host|null|direct (prflx -> host)",
      "RELAYED|null|null|null|relayed"})
  void describesTheRouteAndBothCandidateTypes(Route route, String local, String remote, String protocol, String expected) {
    assertEquals(expected, PeerPathLines.describe(peer(ALICE, route, local, remote, protocol)));
  }

  @Test
  @DisplayName("a line per peer when its path becomes known, changes or the peer leaves, and nothing otherwise")
  void linesOnlyOnChanges() {
    PeerPathLines lines = new PeerPathLines();
    assertEquals(List.of(), lines.update(List.of(new PeerStats(ALICE, Route.UNKNOWN, 0, 0))), "unknown: nothing yet");
    PeerStats aliceRelayed = peer(ALICE, Route.RELAYED, "relay", "host", "udp");
    PeerStats bobDirect = peer(BOB, Route.DIRECT, "host", "srflx", "udp");
    assertEquals(List.of("peer Q2hhbmdl: relayed (relay -> host, udp)", "peer aGVsbG8t: direct (host -> srflx, udp)"),
        lines.update(List.of(aliceRelayed, bobDirect)));
    assertEquals(List.of(), lines.update(List.of(aliceRelayed, bobDirect)), "unchanged: nothing");
    assertEquals(List.of("peer Q2hhbmdl: direct (srflx -> srflx, udp)", "peer aGVsbG8t: left"),
        lines.update(List.of(peer(ALICE, Route.DIRECT, "srflx", "srflx", "udp"))));
  }

  @Test
  void aNoticeReadsAsOneLineWithItsCodePeerAndCause() {
    assertEquals("notice PEER_UNREACHABLE (peer aGVsbG8t) TURN_CREDENTIALS_REJECTED: not connected; likely cause: 401",
        ProgressLine.notice(new SwarmNotice(SwarmNotice.Code.PEER_UNREACHABLE, BOB, IceFailureCause.TURN_CREDENTIALS_REJECTED,
            "not connected; likely cause: 401")));
    assertEquals("notice PIECES_UNAVAILABLE: 3 of the 5 missing pieces are held by no connected peer",
        ProgressLine.notice(new SwarmNotice(SwarmNotice.Code.PIECES_UNAVAILABLE, null, null,
            "3 of the 5 missing pieces are held by no connected peer")));
  }
}
