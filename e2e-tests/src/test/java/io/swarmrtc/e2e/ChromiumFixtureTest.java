package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Poll;
import io.swarmrtc.e2e.harness.StaticSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** What later e2e tests rely on in {@link Chromium}, {@link Browsers} and {@link StaticSite}. */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class ChromiumFixtureTest {

  private static final Duration SHORT = Duration.ofSeconds(5);

  @RegisterExtension static final Browsers BROWSERS = new Browsers();

  private static StaticSite site;
  private static Chromium browser;

  @BeforeAll
  static void startOneBrowserForTheClass() {
    site = StaticSite.classpath("/pages");
    browser = BROWSERS.start("fixture");
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @BeforeEach
  void openTheFixturePage() {
    browser.open(site.uri("/fixture.html"));
  }

  @Test
  void seleniumManagerNeverRuns() {
    assertFalse(Files.exists(Chromium.SELENIUM_MANAGER_CANARY),
        "Selenium Manager ran: it extracted itself to " + Chromium.SELENIUM_MANAGER_CANARY);
  }

  @Test
  void aClickedDownloadLandsInTheDownloadDirectory() throws IOException {
    browser.driver().findElement(By.id("download")).click();

    Path saved = browser.downloadDir().resolve("hello.txt");
    Poll.until("hello.txt in " + browser.downloadDir(), SHORT,
        () -> Files.exists(saved) ? Optional.of(saved) : Optional.empty());
    assertEquals("hello from the static site\n", Files.readString(saved));
  }

  @Test
  void consoleOutputOfThePageIsCaptured() {
    browser.js("console.log('marker-' + arguments[0])", 4711);

    assertTrue(browser.consoleLog().stream().anyMatch(line -> line.contains("marker-4711")),
        "console: " + browser.consoleLog());
  }

  @Test
  void waitForJsReturnsTheFirstTruthyValueOfTheCondition() {
    browser.js("setTimeout(() => { window.answer = 42; }, 50)");

    Object value = browser.waitForJs("return window.answer", SHORT, "window.answer");

    assertEquals(42L, value);
  }

  @Test
  void waitForJsFailsNamingWhatItAwaitedAndTheLastState() {
    browser.js("window.stage = 'still loading'");

    AssertionError e = assertThrows(AssertionError.class, () -> browser.waitForJs(
        "return window.stage === 'done'", "return window.stage", Duration.ofMillis(300), "the app to finish"));

    assertAll(
        () -> assertTrue(e.getMessage().contains("the app to finish"), e.getMessage()),
        () -> assertTrue(e.getMessage().contains("still loading"), e.getMessage()));
  }

  @Test
  void callReturnsTheAwaitedValueAndReportsARejectionWithItsMessage() {
    assertEquals(7L, browser.call("return await Promise.resolve(arguments[0] + 2)", SHORT, 5));

    AssertionError e = assertThrows(AssertionError.class,
        () -> browser.call("throw new Error('no such room')", SHORT));

    assertTrue(e.getMessage().contains("no such room"), e.getMessage());
  }

  @Test
  void savedArtifactsHoldAScreenshotAndTheConsoleLog(@TempDir Path dir) {
    browser.js("console.warn('about to fail')");

    browser.saveArtifacts(dir, "case");

    assertAll(
        () -> assertTrue(Files.size(dir.resolve("case-fixture.png")) > 0, "screenshot"),
        () -> assertTrue(Files.readString(dir.resolve("case-fixture-console.log")).contains("about to fail"), "console"));
  }

  @Test
  void closeIsIdempotentAndLeavesNoBrowserProcess() {
    Chromium own = Chromium.start("short-lived");
    long pid = own.browserPid().orElseThrow(() -> new AssertionError("browser pid not found"));
    Path profile = own.downloadDir().getParent();

    own.close();
    own.close();

    assertAll(
        () -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "browser " + pid + " alive"),
        () -> assertFalse(Files.exists(profile), "temporary profile deleted"));
  }
}
