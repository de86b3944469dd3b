package io.swarmrtc.e2e.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of one {@link Chromium}: its chromedriver (found by its port) and its browser
 * (found by its unique {@code --user-data-dir}). Used to kill leftovers by PID after quit, never by
 * name, so browsers of other tests or other engineers are untouched.
 */
final class BrowserProcesses {

  private final Optional<ProcessHandle> driver;
  private final Optional<ProcessHandle> browser;
  private final Path profile;

  private BrowserProcesses(Optional<ProcessHandle> driver, Optional<ProcessHandle> browser, Path profile) {
    this.driver = driver;
    this.browser = browser;
    this.profile = profile;
  }

  static BrowserProcesses find(int driverPort, Path profile) {
    String portArg = "--port=" + driverPort;
    Optional<ProcessHandle> driver = ProcessHandle.current().descendants()
        .filter(p -> hasArgument(p, portArg::equals))
        .findFirst();
    Optional<ProcessHandle> browser = using(profile)
        .filter(p -> !hasArgument(p, a -> a.startsWith("--type=")))
        .findFirst();
    return new BrowserProcesses(driver, browser, profile);
  }

  Optional<Long> browserPid() {
    return browser.map(ProcessHandle::pid);
  }

  /** Terminates, then kills, every process of this browser still alive. */
  void killLeftovers() {
    List<ProcessHandle> left = new ArrayList<>();
    browser.ifPresent(b -> {
      b.descendants().forEach(left::add);
      left.add(b);
    });
    using(profile).forEach(left::add);
    driver.ifPresent(left::add);
    terminate(left);
  }

  /** Kills every process started with this profile (used when start-up failed half-way). */
  static void killUsing(Path profile) {
    terminate(using(profile).toList());
  }

  private static void terminate(List<ProcessHandle> processes) {
    List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).distinct().toList();
    alive.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : alive) {
      try {
        p.onExit().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }

  private static Stream<ProcessHandle> using(Path profile) {
    String profileArg = "--user-data-dir=" + profile;
    return ProcessHandle.allProcesses().filter(p -> hasArgument(p, profileArg::equals));
  }

  private static boolean hasArgument(ProcessHandle p, java.util.function.Predicate<String> test) {
    return p.info().arguments().map(args -> Arrays.stream(args).anyMatch(test)).orElse(false);
  }
}
