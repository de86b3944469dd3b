package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmrtc.e2e.app.WebApp;
import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Two Chromium processes chat on chat.html: one joins through the form, the other by the room link. */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class ChatBetweenBrowsersTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @RegisterExtension final Browsers browsers = new Browsers();
  @RegisterExtension static final WebApp app = WebApp.perTestClass();

  @Test
  void twoBrowsersInOneRoomSeeEachOthersMessages() {
    Chromium alice = browsers.start("alice");
    Chromium bob = browsers.start("bob");
    alice.open(app.uri("/chat.html"));
    alice.driver().findElement(By.id("room-input")).sendKeys("team-42");
    alice.driver().findElement(By.id("join-room")).click();
    alice.waitForJs("return swarmrtcApp.chat && swarmrtcApp.chat.phase === 'joined'", TIMEOUT, "alice to join the room");
    bob.open(app.uri("/chat.html#room=team-42"));
    for (Chromium c : List.of(alice, bob)) {
      c.waitForJs("return document.querySelector('#peer-count').textContent === '1'", TIMEOUT, c.name() + " to see one peer");
    }

    send(alice, "hello bob");
    awaitMessages(bob, 1);
    send(bob, "hi alice ✓");
    awaitMessages(alice, 2);
    assertEquals(List.of(Map.of("text", "hello bob", "self", "true"), Map.of("text", "hi alice ✓", "self", "false")), log(alice));
    assertEquals(List.of(Map.of("text", "hello bob", "self", "false"), Map.of("text", "hi alice ✓", "self", "true")), log(bob));
  }

  private static void send(Chromium c, String text) {
    int before = ((Number) c.js("return document.querySelectorAll('#chat-log li').length")).intValue();
    c.driver().findElement(By.id("chat-input")).sendKeys(text);
    c.driver().findElement(By.id("chat-send")).click();
    awaitMessages(c, before + 1);
  }

  private static void awaitMessages(Chromium c, int n) {
    c.waitForJs("return document.querySelectorAll('#chat-log li').length >= " + n, TIMEOUT, c.name() + " to show " + n + " messages");
  }

  /** The chat log as shown: each message's text (without its meta line) and whether it is our own. */
  private static List<?> log(Chromium c) {
    return (List<?>) c.js("return [...document.querySelectorAll('#chat-log li')].map(li => ({"
        + "text: li.lastChild.textContent, self: li.dataset.self}))");
  }
}
