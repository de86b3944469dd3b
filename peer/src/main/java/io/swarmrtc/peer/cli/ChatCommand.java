package io.swarmrtc.peer.cli;

import io.swarmrtc.peer.ChatListener;
import io.swarmrtc.peer.ChatMessage;
import io.swarmrtc.peer.ChatRoom;
import io.swarmrtc.peer.RoomJoin;
import io.swarmrtc.peer.SwarmClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Chat in a room: lines from stdin go to every peer; their messages are printed. */
@Command(name = "chat", mixinStandardHelpOptions = true, description = "Join ROOM and chat: type lines, Ctrl-D to leave.")
final class ChatCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(paramLabel = "ROOM", description = "the room (1-64 characters of A-Z a-z 0-9 _ -)")
  String room;

  @Option(names = "--password", description = "the room password")
  String password;

  private final InputStream input;
  private final OutputStream output;

  ChatCommand() {
    this(System.in, System.out);
  }

  /** For tests: chat from {@code input}, print to {@code output}. */
  ChatCommand(InputStream input, OutputStream output) {
    this.input = input;
    this.output = output;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(output, StandardCharsets.UTF_8), true);
    try (SwarmClient client = server.client();
         ChatRoom chat = client.chat(RoomJoin.of(room).withPassword(password), new ChatListener() {
           @Override
           public void onMessage(ChatMessage m) {
             out.println("<" + shortId(m.from()) + "> " + m.text());
           }

           @Override
           public void onPeerJoined(String peerId) {
             out.println("* " + shortId(peerId) + " joined");
           }

           @Override
           public void onPeerLeft(String peerId) {
             out.println("* " + shortId(peerId) + " left");
           }
         })) {
      out.println("* joined " + room + " as " + shortId(chat.localPeerId()));
      BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          chat.send(line);
        }
      }
    }
    return 0;
  }

  private static String shortId(String id) {
    return id == null ? "?" : id.substring(0, Math.min(6, id.length()));
  }
}
