package io.swarmrtc.e2e.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Chromium process driven by its own chromedriver, with a fresh profile and download
 * directory. Every instance is a separate browser process, as two peers in a test must be.
 *
 * <pre>{@code
 * try (Chromium alice = Chromium.builder().name("alice").start()) {
 *   alice.open(site.uri("/page.html"));
 *   alice.waitForJs("return window.ready === true", Duration.ofSeconds(5), "page ready");
 *   String id = (String) alice.call("return await window.app.share()", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Starting one outside the namespace of {@code scripts/in-netns.sh} fails at once
 * ({@link NetnsGuard}): a browser must never see the host network. Selenium is pointed at {@link #BINARY} and {@link #DRIVER}, so Selenium Manager never runs
 * (it could not download anything in the test namespace anyway). The browser console is captured
 * ({@code goog:loggingPrefs}); {@link #saveArtifacts} writes it with a screenshot, which
 * {@link Browsers} does on test failure. {@link #close()} is idempotent: it quits the driver and
 * then kills, by PID, whatever of this browser's processes is left.
 *
 * <p>For NAT topologies, {@link Builder#inNamespace(String)} starts the browser inside a named
 * namespace of a {@link Topology} while chromedriver stays in the test's namespace; the two talk
 * over a pipe ({@code --remote-debugging-pipe}) instead of a TCP port.
 */
public final class Chromium implements AutoCloseable {

  public static final String BINARY = "/usr/bin/chromium";
  public static final String DRIVER = "/usr/bin/chromedriver";

  /**
   * Fails every host-name look-up at once, leaving IPv4 literals and {@code localhost} alone.
   * Chromium resolves names of Google services and of its start page at start-up; in a namespace
   * whose default route leads nowhere (a {@link Topology} home) those queries time out, and
   * chromedriver's first {@code get} waits for them: 8-13 s instead of ~0.3 s (measured).
   * Tests address servers by IP literal, so nothing they need is lost.
   */
  public static final String NO_DNS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.*.*.*";

  /** The flags measured to work in the test namespace (design.md §4), plus {@link #NO_DNS}. */
  public static final List<String> FLAGS = List.of(
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--allow-loopback-in-peer-connection",
      "--use-fake-ui-for-media-stream",
      NO_DNS);

  /**
   * Selenium Manager would extract its binary into {@code SE_CACHE_PATH} before doing anything.
   * We point that at a directory of our own: if it ever exists, Selenium Manager ran.
   */
  public static final Path SELENIUM_MANAGER_CANARY =
      Path.of(System.getProperty("java.io.tmpdir"), "selenium-manager-must-not-run");

  private static final Logger LOG = LoggerFactory.getLogger(Chromium.class);
  /** Selenium warns at every start that it has no CDP bindings for this Chromium; we use none. */
  private static final java.util.logging.Logger CDP_VERSION_WARNINGS =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    if (System.getProperty("SE_CACHE_PATH") == null) {
      System.setProperty("SE_CACHE_PATH", SELENIUM_MANAGER_CANARY.toString());
    }
    CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
  }
  private static final Duration DEFAULT_SCRIPT_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final Path workDir;
  private final Path downloadDir;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final BrowserProcesses processes;
  private final Duration startDuration;
  private final List<String> console = new ArrayList<>();
  private boolean closed;

  private Chromium(Builder b) throws IOException {
    this.name = b.name;
    long started = System.nanoTime();
    this.workDir = Files.createTempDirectory("chromium-" + name + "-");
    Path profile = Files.createDirectories(workDir.resolve("profile"));
    this.downloadDir = Files.createDirectories(workDir.resolve("downloads"));

    ChromeOptions options = new ChromeOptions();
    List<String> args = new ArrayList<>(FLAGS);
    args.add("--user-data-dir=" + profile);
    if (b.namespace != null) {
      options.setBinary(namespaceWrapper(b.namespace).toString());
      args.add("--remote-debugging-pipe");
    } else {
      options.setBinary(BINARY);
    }
    args.addAll(b.extraArgs);
    options.addArguments(args);
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloadDir.toString());
    prefs.put("download.prompt_for_download", false);
    prefs.put("download.directory_upgrade", true);
    prefs.put("safebrowsing.enabled", false);
    options.setExperimentalOption("prefs", prefs);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);

    this.service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort()
        .withLogFile(workDir.resolve("chromedriver.log").toFile())
        .build();
    ChromeDriver started0;
    try {
      started0 = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      BrowserProcesses.killUsing(profile);
      deleteRecursively(workDir);
      throw e;
    }
    this.driver = started0;
    this.processes = BrowserProcesses.find(service.getUrl().getPort(), profile);
    this.startDuration = Duration.ofNanos(System.nanoTime() - started);
    driver.manage().timeouts().scriptTimeout(DEFAULT_SCRIPT_TIMEOUT);
    LOG.info("Chromium '{}' started in {} ms (browser pid {})",
        name, startDuration.toMillis(), processes.browserPid().map(String::valueOf).orElse("?"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A browser with default settings, named for logs and artifacts. */
  public static Chromium start(String name) {
    return builder().name(name).start();
  }

  public String name() {
    return name;
  }

  /** The driver, for what the helpers here do not cover (clicks, file inputs, ...). */
  public ChromeDriver driver() {
    return driver;
  }

  /** Where the browser saves downloads (the profile's download directory preference). */
  public Path downloadDir() {
    return downloadDir;
  }

  /** Wall time from {@link Builder#start()} until the driver session was ready. */
  public Duration startDuration() {
    return startDuration;
  }

  /** PID of the main browser process, when it could be determined. */
  public Optional<Long> browserPid() {
    return processes.browserPid();
  }

  public void open(URI uri) {
    driver.get(uri.toString());
  }

  /**
   * Runs a script synchronously and returns its value (see {@link JavascriptExecutor}); a returned
   * promise is awaited up to the session's script timeout (30 s).
   */
  public Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /**
   * Runs {@code body} as the body of an async function ({@code await} allowed) and returns its
   * result, failing with the page's error message if it rejects or with a clear timeout.
   */
  public Object call(String body, Duration timeout, Object... args) {
    return JsCalls.call(driver, body, timeout, args);
  }

  /**
   * Waits until {@code condition} (a function body, e.g. {@code "return window.x === true"})
   * returns a truthy value, polling inside the page; returns that value. On timeout fails with
   * {@code what} and the last value {@code describe} (a function body) returned, if given.
   */
  public Object waitForJs(String condition, Duration timeout, String what) {
    return JsCalls.waitFor(driver, condition, null, timeout, what);
  }

  /** As {@link #waitForJs(String, Duration, String)}, adding {@code describe}'s result on timeout. */
  public Object waitForJs(String condition, String describe, Duration timeout, String what) {
    return JsCalls.waitFor(driver, condition, describe, timeout, what);
  }

  /** Every console line the page logged so far (level, time, text), oldest first. */
  public synchronized List<String> consoleLog() {
    if (!closed) {
      try {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
          console.add(e.getLevel() + " " + e.getTimestamp() + " " + e.getMessage());
        }
      } catch (WebDriverException e) {
        console.add("(console log unavailable: " + e.getMessage().lines().findFirst().orElse("") + ")");
      }
    }
    return List.copyOf(console);
  }

  /**
   * Writes {@code <prefix>-<name>.png} (screenshot), {@code -console.log} and
   * {@code -chromedriver.log} into {@code dir}; best effort, never throws.
   */
  public void saveArtifacts(Path dir, String prefix) {
    String base = prefix + "-" + name;
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(base + "-console.log"), consoleLog(), StandardCharsets.UTF_8);
      Path driverLog = workDir.resolve("chromedriver.log");
      if (Files.exists(driverLog)) {
        Files.copy(driverLog, dir.resolve(base + "-chromedriver.log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      if (!closed) {
        Files.write(dir.resolve(base + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      }
      LOG.info("Saved artifacts of Chromium '{}' to {}", name, dir.resolve(base + "*"));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not save all artifacts of Chromium '{}': {}", name, e.toString());
    }
  }

  /** Quits the driver, stops chromedriver, kills leftovers by PID and deletes the profile. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long closing = System.nanoTime();
    try {
      driver.quit();
      LOG.info("Chromium '{}' quit in {} ms", name, (System.nanoTime() - closing) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.warn("Chromium '{}' did not quit cleanly: {}", name, e.toString());
    } finally {
      service.stop();
      processes.killLeftovers();
      deleteRecursively(workDir);
      LOG.info("Chromium '{}' closed in {} ms", name, (System.nanoTime() - closing) / 1_000_000);
    }
  }

  /** A tiny executable that starts Chromium inside a named network namespace. */
  private Path namespaceWrapper(String namespace) throws IOException {
    Path wrapper = workDir.resolve("chromium-in-" + namespace);
    Files.writeString(wrapper,
        "#!/bin/sh\nexec ip netns exec '" + namespace + "' " + BINARY + " \"$@\"\n");
    if (!wrapper.toFile().setExecutable(true)) {
      throw new IOException("cannot make " + wrapper + " executable");
    }
    return wrapper;
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.toString());
    }
  }

  /** Settings for one browser; immutable once started. */
  public static final class Builder {
    private String name = "chromium";
    private String namespace;
    private final List<String> extraArgs = new ArrayList<>();

    private Builder() {}

    /** Name used in logs and artifact file names (e.g. "alice"). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name).replaceAll("[^A-Za-z0-9_.-]", "_");
      return this;
    }

    /**
     * Extra Chromium flags, e.g. {@code --unsafely-treat-insecure-origin-as-secure=http://203.0.113.1:8080}
     * so that WebCrypto and OPFS work on a non-loopback http origin inside a {@link Topology}.
     */
    public Builder args(String... args) {
      extraArgs.addAll(Arrays.asList(args));
      return this;
    }

    /**
     * Runs the browser inside the named network namespace (created by {@link Topology}) while
     * chromedriver stays in the test's namespace, connected by a pipe.
     */
    public Builder inNamespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace);
      return this;
    }

    /** Starts the browser; fails at once outside the test namespace (see {@link NetnsGuard}). */
    public Chromium start() {
      NetnsGuard.check();
      try {
        return new Chromium(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
