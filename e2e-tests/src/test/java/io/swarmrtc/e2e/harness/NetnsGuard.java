package io.swarmrtc.e2e.harness;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class at once unless it runs inside the network namespace that
 * {@code scripts/in-netns.sh} prepares (a veth {@value #INTERFACE} holding {@code 127.0.0.2}).
 *
 * <p>WebRTC tests must never run on the host network: Chromium would gather the machine's real
 * addresses and make DNS look-ups. Without the veth, libwebrtc gathers no candidates at all and a
 * test would hang with ICE in {@code new}. Both are worse than this clear, immediate failure.
 *
 * <pre>{@code
 * @Tag("netns")
 * @ExtendWith(NetnsGuard.class)
 * class MyBrowserTest { ... }
 * }</pre>
 */
public final class NetnsGuard implements BeforeAllCallback {

  /** The veth that {@code scripts/in-netns.sh} creates and gives {@link #ADDRESS}. */
  public static final String INTERFACE = "wrtc0";

  /** The non-loopback-interface address libwebrtc gathers host candidates from. */
  public static final String ADDRESS = "127.0.0.2";

  @Override
  public void beforeAll(ExtensionContext context) {
    check();
  }

  /** Throws {@link IllegalStateException} with instructions when not inside the namespace. */
  public static void check() {
    if (!insideTestNamespace()) {
      throw new IllegalStateException(
          "Not inside the test network namespace (no interface " + INTERFACE + " with " + ADDRESS
              + "). WebRTC tests must not run on the host network. Run them with scripts/test.sh, or: "
              + "scripts/in-netns.sh mvn -B -ntp -o -pl e2e-tests -am verify -Dtest.groups=netns "
              + "-Dtest.excludedGroups= -Dtest=YourTest -Dsurefire.failIfNoSpecifiedTests=false");
    }
  }

  /** True when the veth of {@code scripts/in-netns.sh} exists here and holds {@link #ADDRESS}. */
  public static boolean insideTestNamespace() {
    try {
      NetworkInterface veth = NetworkInterface.getByName(INTERFACE);
      if (veth == null) {
        return false;
      }
      InetAddress expected = InetAddress.getByName(ADDRESS);
      return Collections.list(veth.getInetAddresses()).contains(expected);
    } catch (SocketException | java.net.UnknownHostException e) {
      return false;
    }
  }
}
