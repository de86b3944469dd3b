/**
 * Fixtures for end-to-end tests with real headless Chromium, real peers and network namespaces.
 *
 * <p>Every test class that opens peer connections is tagged {@code netns} and guarded:
 * <pre>{@code
 * @Tag("netns")
 * @ExtendWith(NetnsGuard.class)
 * class SharesAFileTest {
 *   @RegisterExtension final Browsers browsers = new Browsers();   // artifacts on failure, closes
 *
 *   @Test void aBrowserDownloadsWhatAnotherShares() {
 *     Chromium alice = browsers.start("alice");                     // own process, own profile
 *     alice.open(uri);
 *     alice.waitForJs("return document.querySelector('#link')?.href", Duration.ofSeconds(10), "share link");
 *     Object v = alice.call("return await app.share(arguments[0])", Duration.ofSeconds(10), name);
 *     Path saved = alice.downloadDir().resolve(name);               // downloads land here
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.swarmrtc.e2e.harness.Chromium}: one browser process + its chromedriver; JS helpers
 *       ({@code js}, {@code call}, {@code waitForJs}), console log, screenshots, idempotent close.</li>
 *   <li>{@link io.swarmrtc.e2e.harness.Browsers}: JUnit extension owning the browsers of a test or class.</li>
 *   <li>{@link io.swarmrtc.e2e.harness.NetnsGuard}: fails fast outside {@code scripts/in-netns.sh}.</li>
 *   <li>{@link io.swarmrtc.e2e.harness.StaticSite}: a tiny static web server for harness tests.</li>
 *   <li>{@link io.swarmrtc.e2e.harness.Poll}: wait for a Java-side condition with a deadline.</li>
 *   <li>{@link io.swarmrtc.e2e.harness.Topology}, {@link io.swarmrtc.e2e.harness.Home},
 *       {@link io.swarmrtc.e2e.harness.Namespace}, {@link io.swarmrtc.e2e.harness.NatMapping}:
 *       namespaces, veths, routes and NAT for NAT/firewall tests;
 *       {@link io.swarmrtc.e2e.harness.UdpMirror} and {@link io.swarmrtc.e2e.harness.UdpProbe}
 *       check a topology with real UDP.</li>
 * </ul>
 */
package io.swarmrtc.e2e.harness;
