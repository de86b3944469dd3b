package io.swarmrtc.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.peer.ChatMessage;
import io.swarmrtc.peer.ChatRoom;
import io.swarmrtc.peer.RoomJoin;
import io.swarmrtc.peer.SwarmClient;
import io.swarmrtc.peer.testing.StandInSignalingServer;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `swarmrtc-peer chat ROOM` against a (stand-in) server, talking to a SwarmClient in the same room. */
@Tag("netns")
class ChatCommandTest {
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20); // polling a condition with a deadline
    }
  }

  @Test
  void chatCommandSendsTypedLinesAndPrintsWhatOthersSay() throws Exception {
    try (StandInSignalingServer server = new StandInSignalingServer(10_000);
         SwarmClient other = SwarmClient.builder(server.origin()).build()) {
      BlockingQueue<ChatMessage> inbox = new LinkedBlockingQueue<>();
      BlockingQueue<String> peers = new LinkedBlockingQueue<>();
      ChatRoom room = other.chat(RoomJoin.of("cli-room"), new io.swarmrtc.peer.ChatListener() {
        @Override
        public void onMessage(ChatMessage m) {
          inbox.add(m);
        }

        @Override
        public void onPeerJoined(String peerId) {
          peers.add(peerId);
        }
      });

      PipedOutputStream typing = new PipedOutputStream();
      PipedInputStream stdin = new PipedInputStream(typing);
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      CommandLine.IFactory factory = new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
          return cls == ChatCommand.class
              ? cls.cast(new ChatCommand(stdin, stdout))
              : CommandLine.defaultFactory().create(cls);
        }
      };
      // The command blocks reading stdin: give it its own thread, never a shared pool's (a blocked
      // common-pool worker stalls HttpClient completions on small machines).
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      Thread cli = new Thread(() -> exit.complete(SwarmCli.commandLine(factory)
          .execute("chat", "--server", server.origin().toString(), "cli-room")), "cli-under-test");
      cli.setDaemon(true);
      cli.start();
      try {
        String cliPeer = peers.poll(30, TimeUnit.SECONDS);
        assertNotNull(cliPeer, "the command's peer connected; it printed: " + stdout.toString(StandardCharsets.UTF_8));
        typing.write("hello from the command line\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        ChatMessage got = inbox.poll(30, TimeUnit.SECONDS);
        assertNotNull(got, "the typed line arrived");
        assertEquals("hello from the command line", got.text());
        assertEquals(cliPeer, got.from());

        room.send("hello back").get(10, TimeUnit.SECONDS);
        await("the command prints the reply", () -> stdout.toString(StandardCharsets.UTF_8).contains("> hello back"));
      } finally {
        typing.close(); // Ctrl-D: the command leaves and returns
      }
      assertEquals(0, exit.get(30, TimeUnit.SECONDS));
      assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("* joined cli-room as "));
      room.close();
    }
  }
}
