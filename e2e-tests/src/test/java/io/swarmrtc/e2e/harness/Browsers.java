package io.swarmrtc.e2e.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Owns the {@link Chromium}s of a test: on failure saves every live browser's screenshot,
 * console log and chromedriver log to {@code target/e2e-artifacts/}, then closes them.
 *
 * <pre>{@code
 * @RegisterExtension final Browsers browsers = new Browsers();
 *
 * @Test void twoPeersConnect() {
 *   Chromium alice = browsers.start("alice");
 *   Chromium bob = browsers.start("bob", b -> b.args("--lang=de"));
 * }
 * }</pre>
 *
 * <p>Browsers started in a test (or {@code @BeforeEach}) close after it; when the extension is a
 * {@code static} field, browsers started in {@code @BeforeAll} live for the whole class.
 */
public final class Browsers implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  /** Where failure artifacts go: {@code <module>/target/e2e-artifacts}. */
  public static final Path ARTIFACTS =
      Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("e2e-artifacts");

  private final List<Chromium> classScoped = new ArrayList<>();
  private final List<Chromium> testScoped = new ArrayList<>();
  private boolean inTest;

  public Chromium start(String name) {
    return start(name, UnaryOperator.identity());
  }

  /** Starts a browser named {@code name}, letting {@code settings} adjust the builder. */
  public synchronized Chromium start(String name, UnaryOperator<Chromium.Builder> settings) {
    Chromium chromium = settings.apply(Chromium.builder().name(name)).start();
    (inTest ? testScoped : classScoped).add(chromium);
    return chromium;
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    inTest = true;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    inTest = false;
    if (context.getExecutionException().isPresent()) {
      String prefix = context.getRequiredTestClass().getSimpleName() + "-"
          + context.getRequiredTestMethod().getName();
      classScoped.forEach(c -> c.saveArtifacts(ARTIFACTS, prefix));
      testScoped.forEach(c -> c.saveArtifacts(ARTIFACTS, prefix));
    }
    closeAll(testScoped);
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    closeAll(classScoped);
  }

  private static void closeAll(List<Chromium> browsers) {
    browsers.forEach(Chromium::close);
    browsers.clear();
  }
}
