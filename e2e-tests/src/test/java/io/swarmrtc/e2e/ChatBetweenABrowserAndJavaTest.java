package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.java.JavaPeers;
import io.swarmrtc.peer.ChatListener;
import io.swarmrtc.peer.ChatMessage;
import io.swarmrtc.peer.ChatRoom;
import io.swarmrtc.peer.RoomJoin;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** A browser on chat.html and a Java {@link ChatRoom} in one room see each other's messages. */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class ChatBetweenABrowserAndJavaTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension final Browsers browsers = new Browsers();
  @RegisterExtension static final WebApp app = WebApp.perTestClass();

  @Test
  void aBrowserAndAJavaPeerChat() throws Exception {
    BlockingQueue<ChatMessage> inbox = new LinkedBlockingQueue<>();
    BlockingQueue<String> joined = new LinkedBlockingQueue<>();
    try (JavaPeers java = new JavaPeers(app);
         ChatRoom room = java.start().chat(RoomJoin.of("mixed-chat"), new ChatListener() {
           @Override
           public void onMessage(ChatMessage m) {
             inbox.add(m);
           }

           @Override
           public void onPeerJoined(String peerId) {
             joined.add(peerId);
           }
         })) {
      Chromium browser = browsers.start("browser");
      browser.open(app.uri("/chat.html#room=mixed-chat"));
      browser.waitForJs("return document.querySelector('#peer-count').textContent === '1'", TIMEOUT,
          "the browser to see the Java peer");
      assertNotNull(joined.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the Java peer saw the browser");

      browser.driver().findElement(By.id("chat-input")).sendKeys("hello from Chromium");
      browser.driver().findElement(By.id("chat-send")).click();
      ChatMessage got = inbox.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertNotNull(got, "the Java peer received the browser's message");
      assertEquals("hello from Chromium", got.text());

      assertEquals(1, room.send("hello from Java ✓").get(10, TimeUnit.SECONDS));
      browser.waitForJs("return [...document.querySelectorAll('#chat-log li')]"
          + ".some(li => li.dataset.self === 'false' && li.lastChild.textContent === 'hello from Java ✓')",
          TIMEOUT, "the browser to show the Java peer's message");
    }
  }
}
