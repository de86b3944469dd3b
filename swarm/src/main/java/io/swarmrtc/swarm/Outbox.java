package io.swarmrtc.swarm;

import io.swarmrtc.protocol.swarm.SwarmMessage;
import java.util.ArrayList;
import java.util.List;

/** The commands a session call produces, in order; handed to the shell when the call returns. */
final class Outbox {
  private List<SwarmCommand> out = new ArrayList<>();

  void send(String peerId, SwarmMessage m) {
    out.add(new SwarmCommand.Send(peerId, m));
  }

  void add(SwarmCommand c) {
    out.add(c);
  }

  List<SwarmCommand> flush() {
    List<SwarmCommand> result = out;
    out = new ArrayList<>();
    return result;
  }
}
