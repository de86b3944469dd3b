/**
 * TEST HOOK, for the e2e tests only: `window.swarmrtcTest = {corruptUploads: true}` makes this
 * page's engine flip one byte in every block it uploads, so tests can prove that a peer serving
 * bad data is detected (SHA-256), banned, and that downloads still finish from honest peers.
 * Honoured only when a test sets exactly `true`; nothing in the library or the pages sets it.
 * @module swarm-engine/test-hooks
 */

/** @returns {boolean} */
export function corruptUploads() {
  return /** @type {any} */ (globalThis).swarmrtcTest?.corruptUploads === true;
}
