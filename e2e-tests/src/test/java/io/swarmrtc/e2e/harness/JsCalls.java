package io.swarmrtc.e2e.harness;

import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs async JavaScript in a page with a deadline enforced in the page itself, so a test gets a
 * message naming what it waited for instead of a bare {@code ScriptTimeoutException}.
 *
 * <p>Bodies are spliced into the script that chromedriver evaluates (not {@code new Function} in
 * the page), so they also work under a Content-Security-Policy without {@code 'unsafe-eval'}.
 */
final class JsCalls {

  /** Extra time chromedriver allows beyond the in-page deadline, so the page reports first. */
  private static final Duration DRIVER_MARGIN = Duration.ofSeconds(5);

  private JsCalls() {}

  static Object call(WebDriver driver, String body, Duration timeout, Object... args) {
    String script = ""
        + "const done = arguments[arguments.length - 1];\n"
        + "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);\n"
        + "const timer = setTimeout(() => done({ok: false, timeout: true}), " + timeout.toMillis() + ");\n"
        + "(async function () {\n" + body + "\n}).apply(null, args).then(\n"
        + "  v => { clearTimeout(timer); done({ok: true, value: v === undefined ? null : v}); },\n"
        + "  e => { clearTimeout(timer); done({ok: false, error: String(e && e.stack || e)}); });";
    Map<?, ?> result = run(driver, script, timeout, args);
    if (Boolean.TRUE.equals(result.get("ok"))) {
      return result.get("value");
    }
    if (Boolean.TRUE.equals(result.get("timeout"))) {
      throw new AssertionError("Timed out after " + timeout.toMillis() + " ms in page script: " + abbreviate(body));
    }
    throw new AssertionError("Page script failed: " + result.get("error") + "\n  script: " + abbreviate(body));
  }

  static Object waitFor(WebDriver driver, String condition, String describe, Duration timeout, String what) {
    String script = ""
        + "const done = arguments[arguments.length - 1];\n"
        + "const deadline = Date.now() + " + timeout.toMillis() + ";\n"
        + "const cond = async function () {\n" + condition + "\n};\n"
        + "const describe = " + (describe == null ? "null" : "async function () {\n" + describe + "\n}") + ";\n"
        + "(async () => {\n"
        + "  let last, error;\n"
        + "  for (;;) {\n"
        + "    try { last = await cond(); error = undefined; } catch (e) { last = undefined; error = String(e); }\n"
        + "    if (last) return {ok: true, value: last};\n"
        + "    if (Date.now() >= deadline) {\n"
        + "      if (describe) { try { last = await describe(); } catch (e) { last = 'describe failed: ' + e; } }\n"
        + "      return {ok: false, last: last === undefined ? null : last, error: error === undefined ? null : error};\n"
        + "    }\n"
        + "    await new Promise(r => setTimeout(r, 10));\n"
        + "  }\n"
        + "})().then(done, e => done({ok: false, error: String(e)}));";
    Map<?, ?> result = run(driver, script, timeout);
    if (Boolean.TRUE.equals(result.get("ok"))) {
      return result.get("value");
    }
    StringBuilder message = new StringBuilder("Timed out after ")
        .append(timeout.toMillis()).append(" ms waiting for ").append(what)
        .append(" (condition: ").append(abbreviate(condition)).append(')');
    if (result.get("last") != null) {
      message.append("; last state: ").append(result.get("last"));
    }
    if (result.get("error") != null) {
      message.append("; condition threw: ").append(result.get("error"));
    }
    throw new AssertionError(message.toString());
  }

  private static Map<?, ?> run(WebDriver driver, String script, Duration timeout, Object... args) {
    WebDriver.Timeouts timeouts = driver.manage().timeouts();
    Duration previous = timeouts.getScriptTimeout();
    timeouts.scriptTimeout(timeout.plus(DRIVER_MARGIN));
    try {
      Object result = ((JavascriptExecutor) driver).executeAsyncScript(script, args);
      if (!(result instanceof Map)) {
        throw new AssertionError("Unexpected result from page script: " + result);
      }
      return (Map<?, ?>) result;
    } finally {
      timeouts.scriptTimeout(previous);
    }
  }

  private static String abbreviate(String s) {
    String oneLine = s.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
  }
}
